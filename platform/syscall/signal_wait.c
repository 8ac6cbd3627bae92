/*
 * Waiting for signals: pause, rt_sigsuspend (wait under a temporary mask
 * that the handler's frame saves the original of), rt_sigtimedwait (take a
 * signal from a set, usually blocked, without running a handler).
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/program.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/sched.h>

#define NS 1000000000ULL

struct timespec { long tv_sec, tv_nsec; };

static const uint64_t unblockable = (1ULL << (RR_SIGKILL - 1)) | (1ULL << (RR_SIGSTOP - 1));

static long sys_pause(void)
{
    rr_wait_interruptible(NULL, NULL, 0);
    return -RR_ERESTARTNOHAND;
}

static long sys_rt_sigsuspend(const uint64_t *mask, unsigned long size)
{
    if (size != 8)
        return -EINVAL;
    if (!rr_user_range_ok(mask, 8))
        return -EFAULT;
    struct rr_thread *t = rr_current;
    t->saved_mask = t->blocked;
    t->restore_mask = true;
    t->blocked = *mask & ~unblockable;
    rr_wait_interruptible(NULL, NULL, 0);
    return -RR_ERESTARTNOHAND;
}

struct wanted {
    struct rr_thread *thread;      /* the waiter: the scheduler tests this from other threads */
    uint64_t set;
};

static bool set_pending(void *arg)
{
    const struct wanted *w = arg;
    return ((w->thread->pending | rr_process_pending) & w->set) != 0;
}

struct siginfo_out {
    struct rr_ksiginfo head;
    uint8_t rest[128 - sizeof(struct rr_ksiginfo)];
};

static long sys_rt_sigtimedwait(const uint64_t *uset, struct siginfo_out *uinfo, const struct timespec *ts,
                                unsigned long size)
{
    if (size != 8)
        return -EINVAL;
    if (!rr_user_range_ok(uset, 8) || (uinfo && !rr_user_range_ok(uinfo, sizeof(*uinfo))) ||
        (ts && !rr_user_range_ok(ts, sizeof(*ts))))
        return -EFAULT;
    uint64_t set = *uset & ~unblockable;
    uint64_t deadline = 0;
    if (ts) {
        if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NS)
            return -EINVAL;
        uint64_t ns = (uint64_t)ts->tv_sec > UINT64_MAX / NS / 2 ? UINT64_MAX / 2 : (uint64_t)ts->tv_sec * NS + ts->tv_nsec;
        deadline = rr_monotonic_ns() + ns;
    }
    struct rr_thread *t = rr_current;
    struct rr_ksiginfo info;
    int sig = rr_signal_dequeue(t, set, &info);
    if (!sig) {
        if (ts && deadline <= rr_monotonic_ns())
            return -EAGAIN;
        struct wanted w = { t, set };
        int r = rr_wait_interruptible(set_pending, &w, deadline);
        sig = rr_signal_dequeue(t, set, &info);
        if (!sig)
            return r == -ETIMEDOUT ? -EAGAIN : -EINTR;
    }
    if (uinfo) {
        rr_memset(uinfo, 0, sizeof(*uinfo));
        uinfo->head = info;
        uinfo->head.signo = sig;
    }
    return sig;
}

RR_SYSCALL(__NR_pause, sys_pause);
RR_SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend);
RR_SYSCALL(__NR_rt_sigtimedwait, sys_rt_sigtimedwait);
