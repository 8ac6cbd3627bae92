/* Writes through a null pointer. */
#include <stdio.h>

__attribute__((noinline)) static void crash_here(volatile int *p)
{
    *p = 42;
}

int main(void)
{
    printf("about to fault\n");
    fflush(stdout);
    crash_here((volatile int *)0);
    printf("still running\n");
    return 0;
}
