/*
 * Clocks and sleeping. Every clock is derived from the TSC (time/clock.c);
 * the CPU-time clocks report time since boot, which is what one program on
 * one CPU can use. Sleeps halt the CPU until the LAPIC timer fires.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/sched.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1
#define NS 1000000000ULL

struct timespec { long tv_sec, tv_nsec; };
struct timeval { long tv_sec, tv_usec; };
struct tms { long utime, stime, cutime, cstime; };

static bool is_realtime(long clk)
{
    return clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE || clk == CLOCK_REALTIME_ALARM || clk == CLOCK_TAI;
}

static long clock_now(long clk, uint64_t *ns)
{
    if (clk < 0 || clk > CLOCK_TAI || clk == 10)
        return -EINVAL;
    *ns = is_realtime(clk) ? rr_realtime_ns() : rr_monotonic_ns();
    return 0;
}

static long sys_clock_gettime(long clk, struct timespec *ts)
{
    uint64_t ns;
    long r = clock_now(clk, &ns);
    if (r < 0)
        return r;
    if (!rr_user_range_ok(ts, sizeof(*ts)))
        return -EFAULT;
    ts->tv_sec = (long)(ns / NS);
    ts->tv_nsec = (long)(ns % NS);
    return 0;
}

static long sys_clock_getres(long clk, struct timespec *ts)
{
    uint64_t ns;
    long r = clock_now(clk, &ns);
    if (r < 0)
        return r;
    if (ts) {
        if (!rr_user_range_ok(ts, sizeof(*ts)))
            return -EFAULT;
        ts->tv_sec = 0;
        ts->tv_nsec = 1;
    }
    return 0;
}

static long sys_gettimeofday(struct timeval *tv, void *tz)
{
    if (tv) {
        if (!rr_user_range_ok(tv, sizeof(*tv)))
            return -EFAULT;
        uint64_t ns = rr_realtime_ns();
        tv->tv_sec = (long)(ns / NS);
        tv->tv_usec = (long)(ns % NS / 1000);
    }
    if (tz && rr_user_range_ok(tz, 8))
        rr_memset(tz, 0, 8);
    return 0;
}

static long sys_time(long *t)
{
    long now = (long)(rr_realtime_ns() / NS);
    if (t) {
        if (!rr_user_range_ok(t, sizeof(*t)))
            return -EFAULT;
        *t = now;
    }
    return now;
}

/* A signal that runs a handler ends the sleep with EINTR and the time left. */
static long sleep_until(uint64_t deadline, struct timespec *rem)
{
    if (deadline <= rr_monotonic_ns() || rr_wait_interruptible(NULL, NULL, deadline) != -RR_ERESTARTSYS)
        return 0;
    if (rem && rr_user_range_ok(rem, sizeof(*rem))) {
        uint64_t now = rr_monotonic_ns(), left = deadline > now ? deadline - now : 0;
        rem->tv_sec = (long)(left / NS);
        rem->tv_nsec = (long)(left % NS);
    }
    return -EINTR;
}

static long read_timespec(const struct timespec *ts, uint64_t *ns)
{
    if (!rr_user_range_ok(ts, sizeof(*ts)))
        return -EFAULT;
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NS)
        return -EINVAL;
    *ns = (uint64_t)ts->tv_sec > UINT64_MAX / NS - 1 ? UINT64_MAX / 2 : (uint64_t)ts->tv_sec * NS + ts->tv_nsec;
    return 0;
}

static long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
    uint64_t ns;
    long r = read_timespec(req, &ns);
    if (r < 0)
        return r;
    return sleep_until(rr_monotonic_ns() + ns, rem);
}

static long sys_clock_nanosleep(long clk, long flags, const struct timespec *req, struct timespec *rem)
{
    uint64_t ns, now;
    if (clk == CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    long r = clock_now(clk, &now);
    if (r < 0)
        return r;
    r = read_timespec(req, &ns);
    if (r < 0)
        return r;
    if (flags & TIMER_ABSTIME) {
        ns = ns > now ? ns - now : 0;
        rem = NULL;     /* an absolute sleep reports no remainder */
    }
    return sleep_until(rr_monotonic_ns() + ns, rem);
}

static long sys_times(struct tms *buf)
{
    long ticks = (long)(rr_monotonic_ns() / (NS / 100));
    if (buf) {
        if (!rr_user_range_ok(buf, sizeof(*buf)))
            return -EFAULT;
        *buf = (struct tms){ ticks, 0, 0, 0 };
    }
    return ticks;
}

RR_SYSCALL(__NR_clock_gettime, sys_clock_gettime);
RR_SYSCALL(__NR_clock_getres, sys_clock_getres);
RR_SYSCALL(__NR_gettimeofday, sys_gettimeofday);
RR_SYSCALL(__NR_time, sys_time);
RR_SYSCALL(__NR_nanosleep, sys_nanosleep);
RR_SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep);
RR_SYSCALL(__NR_times, sys_times);
