/* hello without the sleep: what boot-to-exit figures measure. */
#include <stdio.h>

int main(void)
{
    printf("Hello!\n");
    printf("Goodbye!\n");
    return 0;
}
