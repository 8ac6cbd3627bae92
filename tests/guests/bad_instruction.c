/* Executes an undefined instruction. */
#include <stdio.h>

int main(void)
{
    printf("about to execute ud2\n");
    fflush(stdout);
    __builtin_trap();
}
