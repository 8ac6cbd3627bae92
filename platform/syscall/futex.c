/*
 * futex(2): the operations musl and other C libraries use. Waiters are kept
 * in one FIFO list (a handful of threads); each waiter record lives on the
 * waiting thread's kernel stack for the duration of its wait. A wake marks
 * the record and takes it off the list; the waiter's condition sees the mark
 * (sched/wait.c). FUTEX_PRIVATE_FLAG changes nothing: there is one address
 * space. Timeouts: relative for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET,
 * on CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME.
 * A signal ends an untimed wait with a restart request (the call is restarted
 * after an SA_RESTART handler, else EINTR) and a timed one with EINTR.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/thread.h>
#include <rr/sched.h>
#include <rr/x86.h>

#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_REQUEUE         3
#define FUTEX_CMP_REQUEUE     4
#define FUTEX_WAKE_OP         5
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10
#define FUTEX_PRIVATE_FLAG    128
#define FUTEX_CLOCK_REALTIME  256
#define NS 1000000000ULL

struct waiter {
    uint32_t *uaddr;
    uint32_t bitset;
    bool woken;
    struct waiter *next;
};

struct timespec { long tv_sec, tv_nsec; };

static struct waiter *waiters;

static void enqueue(struct waiter *w)
{
    struct waiter **pp = &waiters;
    while (*pp)
        pp = &(*pp)->next;
    w->next = NULL;
    *pp = w;
}

static void dequeue(struct waiter *w)
{
    for (struct waiter **pp = &waiters; *pp; pp = &(*pp)->next) {
        if (*pp == w) {
            *pp = w->next;
            return;
        }
    }
}

int rr_futex_wake(uint32_t *uaddr, int n, uint32_t bitset)
{
    int woken = 0;
    struct waiter **pp = &waiters;
    while (*pp && woken < n) {
        struct waiter *w = *pp;
        if (w->uaddr == uaddr && (w->bitset & bitset)) {
            *pp = w->next;
            w->woken = true;
            woken++;
        } else {
            pp = &w->next;
        }
    }
    return woken;
}

static bool is_woken(void *arg)
{
    return ((struct waiter *)arg)->woken;
}

static long deadline_of(const struct timespec *ts, bool absolute, bool realtime, uint64_t *deadline)
{
    *deadline = 0;
    if (!ts)
        return 0;
    if (!rr_user_range_ok(ts, sizeof(*ts)))
        return -EFAULT;
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NS)
        return -EINVAL;
    uint64_t ns = (uint64_t)ts->tv_sec > UINT64_MAX / NS / 2 ? UINT64_MAX / 2 : (uint64_t)ts->tv_sec * NS + ts->tv_nsec;
    uint64_t now = rr_monotonic_ns();
    if (absolute) {
        uint64_t clock = realtime ? rr_realtime_ns() : now;
        ns = ns > clock ? ns - clock : 0;
    }
    *deadline = now + ns;
    if (!*deadline)
        *deadline = 1;
    return 0;
}

static long futex_wait(uint32_t *uaddr, uint32_t val, const struct timespec *ts, uint32_t bitset,
                       bool absolute, bool realtime)
{
    if (!bitset)
        return -EINVAL;
    uint64_t deadline;
    long r = deadline_of(ts, absolute, realtime, &deadline);
    if (r < 0)
        return r;
    if (*uaddr != val)
        return -EAGAIN;
    struct waiter w = { uaddr, bitset, false, NULL };
    enqueue(&w);
    int wr = rr_wait_interruptible(is_woken, &w, deadline);
    if (w.woken)
        return 0;
    dequeue(&w);
    if (wr == -ETIMEDOUT)
        return -ETIMEDOUT;
    return ts ? -EINTR : -RR_ERESTARTSYS;
}

static long requeue(uint32_t *uaddr, int nwake, int nmove, uint32_t *uaddr2, bool count_moved)
{
    int woken = rr_futex_wake(uaddr, nwake, 0xffffffffu);
    int moved = 0;
    for (struct waiter *w = waiters; w && moved < nmove; w = w->next) {
        if (w->uaddr == uaddr) {
            w->uaddr = uaddr2;
            moved++;
        }
    }
    return woken + (count_moved ? moved : 0);
}

static long sys_futex(uint32_t *uaddr, long op, uint32_t val, const struct timespec *ts, uint32_t *uaddr2, uint32_t val3)
{
    int cmd = (int)(op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
    bool realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
    if (!rr_user_range_ok(uaddr, sizeof(*uaddr)) || ((uintptr_t)uaddr & 3))
        return -EFAULT;
    if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;
    long nwake;
    switch (cmd) {
    case FUTEX_WAIT:
        return futex_wait(uaddr, val, ts, 0xffffffffu, false, realtime);
    case FUTEX_WAIT_BITSET:
        return futex_wait(uaddr, val, ts, val3, true, realtime);
    case FUTEX_WAKE:
        return rr_futex_wake(uaddr, (int)(val > 0x7fffffff ? 0x7fffffff : val), 0xffffffffu);
    case FUTEX_WAKE_BITSET:
        if (!val3)
            return -EINVAL;
        return rr_futex_wake(uaddr, (int)(val > 0x7fffffff ? 0x7fffffff : val), val3);
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
        /* the fourth argument is a count here, not a timespec */
        nwake = (long)(uintptr_t)ts;
        if ((int)val < 0 || (int)nwake < 0)
            return -EINVAL;
        if (!rr_user_range_ok(uaddr2, sizeof(*uaddr2)) || ((uintptr_t)uaddr2 & 3))
            return -EFAULT;
        if (cmd == FUTEX_CMP_REQUEUE && *uaddr != val3)
            return -EAGAIN;
        return requeue(uaddr, (int)val, (int)nwake, uaddr2, cmd == FUTEX_CMP_REQUEUE);
    default:
        return -ENOSYS;
    }
}

RR_SYSCALL(__NR_futex, sys_futex);
