/* Eight threads share a counter under a mutex, hand work over through a
 * condition variable, keep per-thread values in __thread variables, and are
 * joined; the output is the same on every run. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 8
#define ROUNDS 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static long counter;
static int turn;
static int order[THREADS];
static int done_count;
static __thread int tls_value = 7;
static __thread char tls_name[16];

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    tls_value = id * 100;
    snprintf(tls_name, sizeof(tls_name), "worker-%d", id);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
        if (i % 100 == 0)
            sched_yield();
    }
    /* take turns in id order */
    pthread_mutex_lock(&lock);
    while (turn != id)
        pthread_cond_wait(&turn_changed, &lock);
    order[done_count++] = id;
    turn++;
    pthread_cond_broadcast(&turn_changed);
    pthread_mutex_unlock(&lock);
    if (tls_value != id * 100)
        return (void *)-1L;
    char *r = malloc(32);
    snprintf(r, 32, "%s:%d", tls_name, tls_value);
    return r;
}

int main(void)
{
    pthread_t t[THREADS];
    for (long i = THREADS - 1; i >= 0; i--) {
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        if (r == (void *)-1L) {
            printf("thread %d saw another thread's __thread value\n", i);
            return 1;
        }
        printf("joined %s\n", (char *)r);
        free(r);
    }
    printf("counter %ld\n", counter);
    printf("order");
    for (int i = 0; i < THREADS; i++)
        printf(" %d", order[i]);
    printf("\nmain tls %d\n", tls_value);
    return 0;
}
