/* One thread sleeps while the main thread works: the sleep must not stop
 * the worker, and the sleeper must wake on time. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static volatile int woke;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *sleeper(void *arg)
{
    (void)arg;
    struct timespec d = { 0, 300 * 1000 * 1000 };
    nanosleep(&d, NULL);
    woke = 1;
    return NULL;
}

int main(void)
{
    pthread_t t;
    double start = now();
    pthread_create(&t, NULL, sleeper, NULL);
    unsigned long work = 0;
    volatile unsigned long sink = 0;
    while (!woke) {
        for (int i = 0; i < 1000; i++)
            sink += i;
        work++;
    }
    pthread_join(t, NULL);
    double elapsed = now() - start;
    printf("main worked while the other thread slept: %s\n", work > 10 ? "yes" : "no");
    printf("sleeper woke after 300 ms: %s\n", elapsed >= 0.3 ? "yes" : "no");
    printf("and not much later: %s\n", elapsed < 5 ? "yes" : "no");
    return 0;
}
