/* Floating point formatting needs SSE enabled for the program. */
#include <stdio.h>

int main(void)
{
    volatile double x = 2.0 / 3.0;
    printf("%f %.3e %g\n", x, x * 1e10, x / 1e5);
    return 0;
}
