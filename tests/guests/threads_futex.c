/* futex(2) directly: value mismatch, relative and absolute timeouts on both
 * clocks, wake counts, requeue; then the pthread and semaphore timeouts built
 * on them. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* <linux/futex.h> is not part of a musl sysroot: Linux's values */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

static long futex(int *uaddr, int op, int val, const struct timespec *ts, int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static double now(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct timespec after(clockid_t c, long ms)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    ts.tv_nsec += ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    return ts;
}

static const char *err(long r)
{
    return r == 0 ? "0" : errno == EAGAIN ? "EAGAIN" : errno == ETIMEDOUT ? "ETIMEDOUT" : errno == EINTR ? "EINTR" : "other";
}

static int word_a, word_b, started;

static void *waiter_a(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
    futex(&word_a, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    return NULL;
}

int main(void)
{
    int w = 1;
    long r = futex(&w, FUTEX_WAIT, 0, NULL, NULL, 0);
    printf("wait on a changed value: %s\n", err(r));

    struct timespec rel = { 0, 100 * 1000000L };
    double t0 = now(CLOCK_MONOTONIC);
    r = futex(&w, FUTEX_WAIT_PRIVATE, 1, &rel, NULL, 0);
    double dt = now(CLOCK_MONOTONIC) - t0;
    printf("relative 100 ms: %s, waited enough: %s\n", err(r), dt >= 0.1 && dt < 2 ? "yes" : "no");

    t0 = now(CLOCK_MONOTONIC);
    struct timespec abs = after(CLOCK_MONOTONIC, 100);
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    dt = now(CLOCK_MONOTONIC) - t0;
    printf("absolute monotonic: %s, waited enough: %s\n", err(r), dt >= 0.1 && dt < 2 ? "yes" : "no");

    t0 = now(CLOCK_MONOTONIC);
    abs = after(CLOCK_REALTIME, 100);
    r = futex(&w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    dt = now(CLOCK_MONOTONIC) - t0;
    printf("absolute realtime: %s, waited enough: %s\n", err(r), dt >= 0.1 && dt < 2 ? "yes" : "no");

    printf("wake with no waiters: %ld\n", futex(&w, FUTEX_WAKE, INT_MAX, NULL, NULL, 0));

    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, waiter_a, NULL);
    while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < 3)
        sched_yield();
    struct timespec pause_ms = { 0, 50 * 1000000L };
    nanosleep(&pause_ms, NULL);   /* all three are in FUTEX_WAIT now */
    r = futex(&word_a, FUTEX_CMP_REQUEUE_PRIVATE, 1, (struct timespec *)2L, &word_b, 1);
    printf("cmp_requeue with a stale value: %s\n", err(r));
    r = futex(&word_a, FUTEX_CMP_REQUEUE_PRIVATE, 1, (struct timespec *)2L, &word_b, 0);
    printf("cmp_requeue woke or moved: %ld\n", r);
    printf("wake on the old word: %ld\n", futex(&word_a, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0));
    printf("wake on the new word: %ld\n", futex(&word_b, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0));
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("all waiters returned\n");

    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    pthread_mutex_lock(&m);
    abs = after(CLOCK_REALTIME, 100);
    int pr = pthread_cond_timedwait(&c, &m, &abs);
    pthread_mutex_unlock(&m);
    printf("pthread_cond_timedwait: %s\n", pr == ETIMEDOUT ? "ETIMEDOUT" : "other");

    sem_t s;
    sem_init(&s, 0, 0);
    abs = after(CLOCK_REALTIME, 100);
    int sr = sem_timedwait(&s, &abs);
    printf("sem_timedwait: %s\n", sr == -1 && errno == ETIMEDOUT ? "ETIMEDOUT" : "other");
    return 0;
}
