/* Recurses without bound until the stack runs out. */
#include <stdio.h>

__attribute__((noinline)) static int recurse(volatile char *prev, int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    frame[1023] = prev ? prev[0] : 0;
    return recurse(frame, depth + 1) + frame[1023];
}

int main(void)
{
    printf("recursing\n");
    fflush(stdout);
    return recurse(0, 0);
}
