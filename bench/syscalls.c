/*
 * System-call micro-benchmark: the cost of one call of each kind, measured in
 * the same binary natively (musl-gcc -static) and as a unikernel. Prints one
 * "NAME NS" line per call kind (nanoseconds per call, median of 5 rounds).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int devnull = -1;
static char byte = 'x';

static void call_getppid(void) { (void)getppid(); }
static void call_write_null(void) { (void)write(devnull, &byte, 1); }
static void call_open_close(void)
{
    int fd = open("/dev/null", O_RDONLY);
    if (fd >= 0)
        close(fd);
}

static void measure(const char *name, void (*fn)(void), int iterations)
{
    double per_call[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        long long t0 = now_ns();
        for (int i = 0; i < iterations; i++)
            fn();
        per_call[r] = (double)(now_ns() - t0) / iterations;
    }
    qsort(per_call, ROUNDS, sizeof(per_call[0]), by_value);
    printf("%s %.1f\n", name, per_call[ROUNDS / 2]);
}

int main(int argc, char **argv)
{
    int iterations = argc > 1 ? atoi(argv[1]) : 100000;
    devnull = open("/dev/null", O_WRONLY);
    if (devnull < 0) {
        perror("/dev/null");
        return 1;
    }
    measure("getppid", call_getppid, iterations);
    measure("write_devnull", call_write_null, iterations);
    measure("open_close", call_open_close, iterations / 4);
    return 0;
}
