/* Deterministic work through much of libc: formatting, floating point, sorting, strings, time arithmetic.
 * Run natively (static musl) and as a unikernel, the output must be the same bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int *v = malloc(sizeof *v * (size_t)n);
    unsigned seed = 12345;
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (int)(seed >> 8) % 100000;
    }
    qsort(v, (size_t)n, sizeof *v, compare);
    printf("min=%d median=%d max=%d\n", v[0], v[n / 2], v[n - 1]);
    double acc = 0;
    for (int i = 1; i <= n; i++)
        acc += sin(i) / i + sqrt((double)i) * log((double)i + 1);
    printf("acc=%.9f exp=%e pi=%.15f\n", acc, exp(10.5), 4 * atan(1.0));
    char buf[128];
    snprintf(buf, sizeof buf, "%08x|%-6s|%+d|%5.2f|%c", 0xbeefu, "left", 42, 3.14159, 'z');
    printf("%s len=%zu\n", buf, strlen(buf));
    char *words = strdup("the quick brown fox jumps over the lazy dog");
    int count = 0;
    for (char *t = strtok(words, " "); t; t = strtok(NULL, " "))
        count++;
    printf("words=%d strtod=%.3f strtol=%ld\n", count, strtod("2.5e3", NULL), strtol("-0x7f", NULL, 16));
    free(words);
    free(v);
    return 7;
}
