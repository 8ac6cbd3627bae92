/*
 * Timers that send signals: alarm, setitimer/getitimer and the POSIX timers
 * (timer_create and friends), on kernel timers (sched/ktimer.c).
 *
 * ITIMER_VIRTUAL and ITIMER_PROF count wall time, not CPU time: one program
 * on an otherwise idle CPU, so the two differ only while it sleeps.
 * POSIX timers: CLOCK_REALTIME (an absolute time follows the realtime clock
 * as it was when set), CLOCK_MONOTONIC and CLOCK_BOOTTIME; SIGEV_SIGNAL,
 * SIGEV_NONE, SIGEV_THREAD_ID (what musl's SIGEV_THREAD uses). An expiry
 * while the previous signal is still pending counts as an overrun.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/sched.h>

#define NS 1000000000ULL
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGEV_THREAD_ID 4
#define MAX_TIMERS 64

struct timeval { long tv_sec, tv_usec; };
struct itimerval { struct timeval interval, value; };
struct timespec { long tv_sec, tv_nsec; };
struct itimerspec { struct timespec interval, value; };
struct sigevent {
    uint64_t value;
    int signo;
    int notify;
    int tid;
};

struct timer {
    struct rr_ktimer kt;        /* first: the callback gets it */
    bool used;
    uint64_t interval;          /* ns, 0 = one shot */
    int notify, signo, tid, id;
    long clock;
    uint64_t value;
    int overrun_last;
};

static struct timer itimers[3];
static struct timer ptimers[MAX_TIMERS];

static uint64_t remaining(const struct timer *t)
{
    if (!t->kt.queued)
        return 0;
    uint64_t now = rr_monotonic_ns();
    return t->kt.deadline > now ? t->kt.deadline - now : 1;
}

static void expire(struct rr_ktimer *kt)
{
    struct timer *t = (struct timer *)kt;
    if (t->interval) {
        uint64_t now = rr_monotonic_ns(), next = kt->deadline + t->interval;
        if (next <= now)
            next = now + t->interval - (now - kt->deadline) % t->interval;
        rr_ktimer_start(kt, next);
    }
    if (t->notify == SIGEV_NONE)
        return;
    if (t->id < 0) {
        struct rr_ksiginfo info = { .code = RR_SI_KERNEL };
        rr_signal_send(NULL, t->signo, &info, "sent by an interval timer");
        return;
    }
    struct rr_ksiginfo info = { .code = RR_SI_TIMER, .timer = { t->id, 0, t->value } };
    struct rr_thread *target = NULL;
    if (t->notify & SIGEV_THREAD_ID) {
        target = rr_thread_by_tid(t->tid);
        if (!target)
            return;     /* the thread is gone */
    }
    rr_signal_send(target, t->signo, &info, "sent by a POSIX timer");
}

void rr_posix_timer_delivered(int id, int overrun)
{
    if (id >= 0 && id < MAX_TIMERS)
        ptimers[id].overrun_last = overrun;
}

static uint64_t tv_ns(const struct timeval *tv)
{
    return (uint64_t)tv->tv_sec * NS + (uint64_t)tv->tv_usec * 1000;
}

static struct timeval ns_tv(uint64_t ns)
{
    return (struct timeval){ (long)(ns / NS), (long)(ns % NS / 1000) };
}

static void itimers_init(void)
{
    static const int sigs[3] = { RR_SIGALRM, RR_SIGVTALRM, RR_SIGPROF };
    for (int i = 0; i < 3; i++) {
        itimers[i].kt.fn = expire;
        itimers[i].signo = sigs[i];
        itimers[i].id = -1;
    }
}

static void itimer_set(int which, uint64_t value, uint64_t interval)
{
    struct timer *t = &itimers[which];
    if (!t->kt.fn)
        itimers_init();
    rr_ktimer_stop(&t->kt);
    t->interval = interval;
    if (value)
        rr_ktimer_start(&t->kt, rr_monotonic_ns() + value);
}

static long sys_getitimer(long which, struct itimerval *cur)
{
    if (which < 0 || which > 2)
        return -EINVAL;
    if (!rr_user_range_ok(cur, sizeof(*cur)))
        return -EFAULT;
    cur->interval = ns_tv(itimers[which].interval);
    cur->value = ns_tv(remaining(&itimers[which]));
    return 0;
}

static long sys_setitimer(long which, const struct itimerval *nv, struct itimerval *old)
{
    if (which < 0 || which > 2)
        return -EINVAL;
    if ((nv && !rr_user_range_ok(nv, sizeof(*nv))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    if (nv && (nv->value.tv_sec < 0 || nv->value.tv_usec < 0 || nv->value.tv_usec >= 1000000 ||
               nv->interval.tv_sec < 0 || nv->interval.tv_usec < 0 || nv->interval.tv_usec >= 1000000))
        return -EINVAL;
    struct itimerval prev = { ns_tv(itimers[which].interval), ns_tv(remaining(&itimers[which])) };
    if (nv)
        itimer_set((int)which, tv_ns(&nv->value), tv_ns(&nv->interval));
    if (old)
        *old = prev;
    return 0;
}

static long sys_alarm(unsigned long seconds)
{
    uint64_t left = remaining(&itimers[ITIMER_REAL]);
    itimer_set(ITIMER_REAL, (uint64_t)seconds * NS, 0);
    /* rounded to the nearest second, and never 0 for a pending alarm, as Linux does */
    long r = (long)((left + NS / 2) / NS);
    return left && !r ? 1 : r;
}

static struct timer *ptimer(long id)
{
    return id >= 0 && id < MAX_TIMERS && ptimers[id].used ? &ptimers[id] : NULL;
}

static long sys_timer_create(long clock, const struct sigevent *sev, int *id)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME)
        return clock < 0 || clock > 11 ? -EINVAL : -ENOTSUP;
    if ((sev && !rr_user_range_ok(sev, sizeof(*sev))) || !rr_user_range_ok(id, sizeof(*id)))
        return -EFAULT;
    int i = 0;
    while (i < MAX_TIMERS && ptimers[i].used)
        i++;
    if (i == MAX_TIMERS)
        return -EAGAIN;
    struct timer t = { .kt.fn = expire, .used = true, .notify = SIGEV_SIGNAL, .signo = RR_SIGALRM, .id = i, .value = (uint64_t)i, .clock = clock };
    if (sev) {
        t.notify = sev->notify;
        t.signo = sev->signo;
        t.value = sev->value;
        t.tid = sev->tid;
        int kind = t.notify & ~SIGEV_THREAD_ID;
        if (kind != SIGEV_SIGNAL && kind != SIGEV_NONE && kind != SIGEV_THREAD)
            return -EINVAL;
        if (t.notify != SIGEV_NONE && (t.signo < 1 || t.signo > RR_NSIGNALS))
            return -EINVAL;
        if ((t.notify & SIGEV_THREAD_ID) && !rr_thread_by_tid(t.tid))
            return -EINVAL;
    }
    ptimers[i] = t;
    *id = i;
    return 0;
}

static long ts_ns(const struct timespec *ts, uint64_t *ns)
{
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NS)
        return -EINVAL;
    *ns = (uint64_t)ts->tv_sec > UINT64_MAX / NS / 2 ? UINT64_MAX / 2 : (uint64_t)ts->tv_sec * NS + ts->tv_nsec;
    return 0;
}

static struct timespec ns_ts(uint64_t ns)
{
    return (struct timespec){ (long)(ns / NS), (long)(ns % NS) };
}

static long sys_timer_gettime(long id, struct itimerspec *cur)
{
    struct timer *t = ptimer(id);
    if (!t)
        return -EINVAL;
    if (!rr_user_range_ok(cur, sizeof(*cur)))
        return -EFAULT;
    cur->interval = ns_ts(t->interval);
    cur->value = ns_ts(remaining(t));
    return 0;
}

static long sys_timer_settime(long id, long flags, const struct itimerspec *nv, struct itimerspec *old)
{
    struct timer *t = ptimer(id);
    if (!t)
        return -EINVAL;
    if (!rr_user_range_ok(nv, sizeof(*nv)) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    uint64_t value, interval;
    if (ts_ns(&nv->value, &value) < 0 || ts_ns(&nv->interval, &interval) < 0)
        return -EINVAL;
    if (old) {
        old->interval = ns_ts(t->interval);
        old->value = ns_ts(remaining(t));
    }
    rr_ktimer_stop(&t->kt);
    t->interval = interval;
    t->overrun_last = 0;
    if (!value)
        return 0;
    uint64_t now = rr_monotonic_ns();
    if (flags & TIMER_ABSTIME) {
        /* the timer's own clock: monotonic time since boot, or the realtime clock */
        uint64_t clock_now = t->clock == CLOCK_REALTIME ? rr_realtime_ns() : now;
        value = value > clock_now ? value - clock_now : 0;
    }
    rr_ktimer_start(&t->kt, now + value);
    return 0;
}

static long sys_timer_getoverrun(long id)
{
    struct timer *t = ptimer(id);
    return t ? t->overrun_last : -EINVAL;
}

static long sys_timer_delete(long id)
{
    struct timer *t = ptimer(id);
    if (!t)
        return -EINVAL;
    rr_ktimer_stop(&t->kt);
    t->used = false;
    return 0;
}

RR_SYSCALL(__NR_alarm, sys_alarm);
RR_SYSCALL(__NR_getitimer, sys_getitimer);
RR_SYSCALL(__NR_setitimer, sys_setitimer);
RR_SYSCALL(__NR_timer_create, sys_timer_create);
RR_SYSCALL(__NR_timer_settime, sys_timer_settime);
RR_SYSCALL(__NR_timer_gettime, sys_timer_gettime);
RR_SYSCALL(__NR_timer_getoverrun, sys_timer_getoverrun);
RR_SYSCALL(__NR_timer_delete, sys_timer_delete);
