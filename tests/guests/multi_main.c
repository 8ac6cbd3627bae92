/* A program in several files with a static library: main here, helpers in libmulti.a. */
#include <stdio.h>

int multi_add(int a, int b);
const char *multi_name(void);

int main(void)
{
    printf("%s: %d\n", multi_name(), multi_add(40, 2));
    return 0;
}
