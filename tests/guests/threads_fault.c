/* A thread other than the main one dereferences NULL: the fault report
 * names the thread, and the guest ends with SIGSEGV's status. */
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>

static void *crash(void *arg)
{
    (void)arg;
    volatile uintptr_t null = 0;
    return (void *)(uintptr_t)*(volatile int *)null;
}

int main(void)
{
    printf("starting the thread\n");
    fflush(stdout);
    pthread_t t;
    pthread_create(&t, NULL, crash, NULL);
    pthread_join(t, NULL);
    printf("still running\n");
    return 0;
}
