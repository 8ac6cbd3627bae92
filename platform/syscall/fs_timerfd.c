/*
 * timerfd(2): a timer read through a descriptor. Expirations are counted from
 * the clock when asked, not by interrupts; a kernel timer only wakes the CPU
 * at the next expiry while someone polls or reads. Deadlines are kept on the
 * monotonic clock; an absolute CLOCK_REALTIME time is converted when it is set.
 */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>
#include <rr/sched.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2
#define NS 1000000000ULL

struct itimerspec {
    struct rr_timespec interval, value;
};

struct timerfd {
    int clock;
    uint64_t deadline;    /* monotonic ns of the next expiry; 0 = disarmed */
    uint64_t interval;    /* ns; 0 = one shot */
    uint64_t ticks;       /* expirations counted but not read yet */
    struct rr_ktimer wake;
};

static const struct rr_vnode_ops timerfd_ops;

/* Moves the expirations up to now into ticks. */
static void account(struct timerfd *t)
{
    uint64_t now = rr_monotonic_ns();
    if (!t->deadline || now < t->deadline)
        return;
    uint64_t n = 1;
    if (t->interval) {
        n += (now - t->deadline) / t->interval;
        t->deadline += n * t->interval;
    } else {
        t->deadline = 0;
    }
    t->ticks += n;
}

static bool expired(void *arg)
{
    struct timerfd *t = arg;
    account(t);
    return t->ticks > 0;
}

static void wake_nothing(struct rr_ktimer *k)
{
    (void)k;   /* the interrupt itself gets waiting conditions tested again */
}

static long timerfd_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct timerfd *t = f->vn->fs_data;
    if (n < sizeof(uint64_t))
        return -EINVAL;
    while (!expired(t)) {
        if (f->flags & RR_O_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(expired, t, t->deadline) == -RR_ERESTARTSYS)
            return -RR_ERESTARTSYS;
    }
    rr_memcpy(buf, &t->ticks, sizeof(t->ticks));
    t->ticks = 0;
    return sizeof(uint64_t);
}

static int timerfd_poll(struct rr_file *f, int events)
{
    struct timerfd *t = f->vn->fs_data;
    if (expired(t))
        return events & (RR_POLLIN | RR_POLLRDNORM);
    if (t->deadline)
        rr_ktimer_start(&t->wake, t->deadline);
    return 0;
}

static long timerfd_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    (void)vn;
    return rr_snprintf(buf, size, "anon_inode:[timerfd]");
}

static void timerfd_inactive(struct rr_vnode *vn)
{
    struct timerfd *t = vn->fs_data;
    rr_ktimer_stop(&t->wake);
    rr_free(t);
}

static const struct rr_vnode_ops timerfd_ops = {
    .read = timerfd_read,
    .poll = timerfd_poll,
    .dname = timerfd_dname,
    .inactive = timerfd_inactive,
    .stream = true,
};

long rr_fs_timerfd_create(int clock, int flags)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME &&
        clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM)
        return -EINVAL;
    if (flags & ~(RR_O_NONBLOCK | RR_O_CLOEXEC))
        return -EINVAL;
    struct timerfd *t = rr_zalloc(sizeof(*t));
    if (!t)
        return -ENOMEM;
    t->clock = clock;
    t->wake.fn = wake_nothing;
    struct rr_vnode *vn = rr_vnode_anon(&timerfd_ops, 0600, t);
    if (!vn) {
        rr_free(t);
        return -ENOMEM;
    }
    return rr_fd_open_vnode(vn, RR_O_RDWR | (flags & RR_O_NONBLOCK), (flags & RR_O_CLOEXEC) != 0);
}

/* The timer behind fd (its file referenced in *fp), or an error. */
static struct timerfd *timer_of(int fd, struct rr_file **fp, long *err)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f) {
        *err = -EBADF;
        return NULL;
    }
    if (f->vn->ops != &timerfd_ops) {
        rr_file_unref(f);
        *err = -EINVAL;
        return NULL;
    }
    *fp = f;
    return f->vn->fs_data;
}

static bool valid(const struct rr_timespec *ts)
{
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && (uint64_t)ts->tv_nsec < NS;
}

static uint64_t to_ns(const struct rr_timespec *ts)
{
    if ((uint64_t)ts->tv_sec > (UINT64_MAX / 2) / NS)
        return UINT64_MAX / 2;
    return (uint64_t)ts->tv_sec * NS + (uint64_t)ts->tv_nsec;
}

static struct rr_timespec from_ns(uint64_t ns)
{
    return (struct rr_timespec){ (int64_t)(ns / NS), (int64_t)(ns % NS) };
}

static void current(struct timerfd *t, struct itimerspec *out)
{
    account(t);
    uint64_t now = rr_monotonic_ns();
    out->interval = from_ns(t->interval);
    out->value = from_ns(t->deadline && t->deadline > now ? t->deadline - now : 0);
}

static long rr_fs_timerfd_gettime(int fd, struct itimerspec *cur)
{
    long e = 0;
    struct rr_file *f;
    struct timerfd *t = timer_of(fd, &f, &e);
    if (!t)
        return e;
    if (!rr_vfs_user_ok(cur, sizeof(*cur)))
        e = -EFAULT;
    else {
        current(t, cur);
        e = 0;
    }
    rr_file_unref(f);
    return e;
}

static long rr_fs_timerfd_settime(int fd, int flags, const struct itimerspec *nv, struct itimerspec *old)
{
    long e = 0;
    struct rr_file *f;
    struct timerfd *t = timer_of(fd, &f, &e);
    if (!t)
        return e;
    if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
        e = -EINVAL;
    else if (!rr_vfs_user_ok(nv, sizeof(*nv)) || (old && !rr_vfs_user_ok(old, sizeof(*old))))
        e = -EFAULT;
    else if (!valid(&nv->value) || !valid(&nv->interval))
        e = -EINVAL;
    else {
        struct itimerspec want = *nv;
        if (old)
            current(t, old);
        uint64_t value = to_ns(&want.value), now = rr_monotonic_ns();
        t->ticks = 0;
        t->interval = to_ns(&want.interval);
        if (!value)
            t->deadline = 0;
        else if (!(flags & TFD_TIMER_ABSTIME))
            t->deadline = now + value;
        else if (t->clock == CLOCK_REALTIME || t->clock == CLOCK_REALTIME_ALARM) {
            uint64_t real = rr_realtime_ns();
            t->deadline = value > real ? now + (value - real) : now;
        } else {
            t->deadline = value;
        }
        if (t->deadline == 0 && value)
            t->deadline = 1;
        if (!t->deadline)
            rr_ktimer_stop(&t->wake);
        e = 0;
    }
    rr_file_unref(f);
    return e;
}

static long sys_timerfd_create(RR_FS_ARGS) { return rr_fs_timerfd_create((int)a0, (int)a1); }
static long sys_timerfd_settime(RR_FS_ARGS)
{
    return rr_fs_timerfd_settime((int)a0, (int)a1, (const struct itimerspec *)a2, (struct itimerspec *)a3);
}
static long sys_timerfd_gettime(RR_FS_ARGS) { return rr_fs_timerfd_gettime((int)a0, (struct itimerspec *)a1); }

RR_SYSCALL(__NR_timerfd_create, sys_timerfd_create);
RR_SYSCALL(__NR_timerfd_settime, sys_timerfd_settime);
RR_SYSCALL(__NR_timerfd_gettime, sys_timerfd_gettime);
