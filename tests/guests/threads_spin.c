/* Threads that spin without ever making a system call cannot starve the
 * others: two spinners both get the CPU, and the main thread's sleep ends
 * on time even though the spinners never give the CPU away. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static volatile int stop;
static volatile unsigned long spins[2];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *spinner(void *arg)
{
    int id = (int)(long)arg;
    while (!stop)
        spins[id]++;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    pthread_create(&t[0], NULL, spinner, (void *)0L);
    pthread_create(&t[1], NULL, spinner, (void *)1L);
    double start = now();
    struct timespec d = { 0, 200 * 1000 * 1000 };
    nanosleep(&d, NULL);
    double slept = now() - start;
    /* keep computing here too: the spinners are preempted, and so is main */
    volatile unsigned long sink = 0;
    for (unsigned long i = 0; i < 2000000; i++)
        sink += i;
    stop = 1;
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("main's sleep ended on time: %s\n", slept >= 0.2 && slept < 2.0 ? "yes" : "no");
    printf("first spinner ran: %s\n", spins[0] ? "yes" : "no");
    printf("second spinner ran: %s\n", spins[1] ? "yes" : "no");
    return 0;
}
