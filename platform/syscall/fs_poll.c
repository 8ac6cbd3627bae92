/* Waiting for descriptors: poll, ppoll, select, pselect6. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>
#include <rr/sched.h>
#include <rr/thread.h>

#define NSEC_PER_SEC 1000000000ULL
#define POLLIN_SET  (RR_POLLIN | RR_POLLRDNORM | RR_POLLRDBAND | RR_POLLHUP | RR_POLLERR)
#define POLLOUT_SET (RR_POLLOUT | RR_POLLWRNORM | RR_POLLWRBAND | RR_POLLERR)
#define POLLEX_SET  RR_POLLPRI

struct poll_set {
    struct rr_pollfd *fds;
    unsigned long nfds;
};

/* Fills revents; returns how many descriptors have something to report. */
static long scan_poll(struct poll_set *ps)
{
    long ready = 0;
    for (unsigned long i = 0; i < ps->nfds; i++) {
        struct rr_pollfd *p = &ps->fds[i];
        p->revents = 0;
        if (p->fd < 0)
            continue;
        struct rr_file *f = rr_fd_get(p->fd);
        if (!f) {
            p->revents = RR_POLLNVAL;
        } else {
            int want = (uint16_t)p->events | RR_POLLERR | RR_POLLHUP;
            p->revents = (int16_t)(rr_file_poll(f, want) & (want | RR_POLLNVAL));
            rr_file_unref(f);
        }
        if (p->revents)
            ready++;
    }
    return ready;
}

static bool poll_ready(void *arg)
{
    return scan_poll(arg) > 0;
}

/* deadline_ns: 0 = wait forever, UINT64_MAX = do not wait */
static long do_poll(struct rr_pollfd *fds, unsigned long nfds, uint64_t deadline_ns)
{
    if (nfds > RR_FD_MAX)
        return -EINVAL;
    if (!rr_vfs_user_ok(fds, nfds * sizeof(*fds)))
        return -EFAULT;
    struct poll_set ps = { fds, nfds };
    long ready = scan_poll(&ps);
    if (ready || deadline_ns == UINT64_MAX)
        return ready;
    /* poll is never restarted after a signal handler, whatever SA_RESTART says */
    if (rr_wait_interruptible(poll_ready, &ps, deadline_ns) == -RR_ERESTARTSYS)
        return -EINTR;
    return scan_poll(&ps);
}

static uint64_t deadline_after(uint64_t ns)
{
    if (ns == 0)
        return UINT64_MAX;
    uint64_t now = rr_monotonic_ns();
    return ns > UINT64_MAX - 1 - now ? 0 : now + ns;
}

static bool timespec_to_ns(const struct rr_timespec *ts, uint64_t *ns)
{
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || (uint64_t)ts->tv_nsec >= NSEC_PER_SEC)
        return false;
    if ((uint64_t)ts->tv_sec > (UINT64_MAX - NSEC_PER_SEC) / NSEC_PER_SEC)
        *ns = UINT64_MAX - 1;
    else
        *ns = (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
    return true;
}

/* What is left of a timeout, written back as Linux does for ppoll/select/pselect6. */
static uint64_t remaining(uint64_t deadline_ns)
{
    if (deadline_ns == 0 || deadline_ns == UINT64_MAX)
        return 0;
    uint64_t now = rr_monotonic_ns();
    return deadline_ns > now ? deadline_ns - now : 0;
}

long rr_fs_poll(struct rr_pollfd *fds, unsigned long nfds, int timeout_ms)
{
    uint64_t deadline = timeout_ms < 0 ? 0 : deadline_after((uint64_t)timeout_ms * 1000000ULL);
    return do_poll(fds, nfds, deadline);
}

long rr_fs_ppoll(struct rr_pollfd *fds, unsigned long nfds, struct rr_timespec *tmo)
{
    uint64_t deadline = 0;
    if (tmo) {
        uint64_t ns;
        if (!timespec_to_ns(tmo, &ns))
            return -EINVAL;
        deadline = deadline_after(ns);
    }
    long r = do_poll(fds, nfds, deadline);
    if (tmo && r >= 0) {
        uint64_t left = remaining(deadline);
        tmo->tv_sec = (int64_t)(left / NSEC_PER_SEC);
        tmo->tv_nsec = (int64_t)(left % NSEC_PER_SEC);
    }
    return r;
}

struct select_set {
    int nfds;
    uint64_t *in[3];     /* read, write, except as given */
    uint64_t *out[3];    /* results */
};

static bool fd_isset(const uint64_t *set, int fd)
{
    return set && (set[fd / 64] >> (fd % 64)) & 1;
}

static long scan_select(struct select_set *ss)
{
    static const int masks[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
    long count = 0;
    size_t words = ((size_t)ss->nfds + 63) / 64;
    for (int k = 0; k < 3; k++)
        if (ss->out[k])
            rr_memset(ss->out[k], 0, words * sizeof(uint64_t));
    for (int fd = 0; fd < ss->nfds; fd++) {
        bool wanted = false;
        int events = 0;
        for (int k = 0; k < 3; k++) {
            if (fd_isset(ss->in[k], fd)) {
                wanted = true;
                events |= masks[k];
            }
        }
        if (!wanted)
            continue;
        struct rr_file *f = rr_fd_get(fd);
        if (!f)
            return -EBADF;
        int rev = rr_file_poll(f, events | RR_POLLERR | RR_POLLHUP);
        rr_file_unref(f);
        for (int k = 0; k < 3; k++) {
            if (fd_isset(ss->in[k], fd) && (rev & masks[k])) {
                ss->out[k][fd / 64] |= 1ULL << (fd % 64);
                count++;
            }
        }
    }
    return count;
}

static bool select_ready(void *arg)
{
    return scan_select(arg) != 0;
}

static long do_select(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, uint64_t deadline_ns)
{
    if (nfds < 0)
        return -EINVAL;
    if (nfds > RR_FD_MAX)
        nfds = RR_FD_MAX;
    size_t words = ((size_t)nfds + 63) / 64;
    if (!rr_vfs_user_ok(rd, rd ? words * 8 : 0) || !rr_vfs_user_ok(wr, wr ? words * 8 : 0)
        || !rr_vfs_user_ok(ex, ex ? words * 8 : 0))
        return -EFAULT;
    uint64_t *copy = rr_zalloc(3 * 16 * sizeof(uint64_t));   /* the input sets, kept while results overwrite them */
    if (!copy)
        return -ENOMEM;
    struct select_set ss = { .nfds = nfds, .out = { rd, wr, ex } };
    for (int k = 0; k < 3; k++) {
        if (ss.out[k]) {
            ss.in[k] = copy + k * 16;
            rr_memcpy(ss.in[k], ss.out[k], words * sizeof(uint64_t));
        }
    }
    long r = scan_select(&ss);
    if (r == 0 && deadline_ns != UINT64_MAX) {
        if (rr_wait_interruptible(select_ready, &ss, deadline_ns) == -RR_ERESTARTSYS)
            r = -EINTR;
        else
            r = scan_select(&ss);
    }
    if (r < 0) {
        /* leave the caller's sets as they were */
        for (int k = 0; k < 3; k++)
            if (ss.out[k])
                rr_memcpy(ss.out[k], ss.in[k], words * sizeof(uint64_t));
    }
    rr_free(copy);
    return r;
}

long rr_fs_select(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct rr_timeval *tmo)
{
    uint64_t deadline = 0;
    if (tmo) {
        if (tmo->tv_sec < 0 || tmo->tv_usec < 0 || tmo->tv_usec >= 1000000)
            return -EINVAL;
        struct rr_timespec ts = { tmo->tv_sec, tmo->tv_usec * 1000 };
        uint64_t ns;
        timespec_to_ns(&ts, &ns);
        deadline = deadline_after(ns);
    }
    long r = do_select(nfds, rd, wr, ex, deadline);
    if (tmo && r >= 0) {
        uint64_t left = remaining(deadline);
        tmo->tv_sec = (int64_t)(left / NSEC_PER_SEC);
        tmo->tv_usec = (int64_t)(left % NSEC_PER_SEC / 1000);
    }
    return r;
}

long rr_fs_pselect(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct rr_timespec *tmo)
{
    uint64_t deadline = 0;
    if (tmo) {
        uint64_t ns;
        if (!timespec_to_ns(tmo, &ns))
            return -EINVAL;
        deadline = deadline_after(ns);
    }
    long r = do_select(nfds, rd, wr, ex, deadline);
    if (tmo && r >= 0) {
        uint64_t left = remaining(deadline);
        tmo->tv_sec = (int64_t)(left / NSEC_PER_SEC);
        tmo->tv_nsec = (int64_t)(left % NSEC_PER_SEC);
    }
    return r;
}

#define SIGKILL_SIGSTOP ((1ULL << 8) | (1ULL << 18))

/* ppoll and pselect6 wait under the caller's mask, as rt_sigsuspend does: when a
 * signal ends the wait, the old mask comes back after its handler ran. */
static long with_mask(const uint64_t *mask, unsigned long size, bool *applied)
{
    *applied = false;
    if (!mask)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (!rr_user_range_ok(mask, 8))
        return -EFAULT;
    struct rr_thread *t = rr_current;
    if (!t)
        return 0;
    t->saved_mask = t->blocked;
    t->restore_mask = true;
    t->blocked = *mask & ~SIGKILL_SIGSTOP;
    *applied = true;
    return 0;
}

static long mask_done(long r, bool applied)
{
    if (applied && r != -EINTR) {
        rr_current->blocked = rr_current->saved_mask;
        rr_current->restore_mask = false;
    }
    return r;
}

static long sys_poll(RR_FS_ARGS) { return rr_fs_poll((struct rr_pollfd *)a0, (unsigned long)a1, (int)a2); }
static long sys_ppoll(RR_FS_ARGS)
{
    bool applied;
    long e = with_mask((const uint64_t *)a3, (unsigned long)a4, &applied);
    if (e)
        return e;
    return mask_done(rr_fs_ppoll((struct rr_pollfd *)a0, (unsigned long)a1, (struct rr_timespec *)a2), applied);
}
static long sys_select(RR_FS_ARGS)
{
    return rr_fs_select((int)a0, (uint64_t *)a1, (uint64_t *)a2, (uint64_t *)a3, (struct rr_timeval *)a4);
}
static long sys_pselect6(RR_FS_ARGS)
{
    /* the sixth argument points at { const sigset_t *set; size_t size; } */
    const uint64_t *set = NULL;
    unsigned long size = 0;
    if (a5) {
        if (!rr_user_range_ok((const void *)a5, 16))
            return -EFAULT;
        set = ((const uint64_t *const *)a5)[0];
        size = ((const unsigned long *)a5)[1];
    }
    bool applied;
    long e = with_mask(set, size, &applied);
    if (e)
        return e;
    return mask_done(rr_fs_pselect((int)a0, (uint64_t *)a1, (uint64_t *)a2, (uint64_t *)a3, (struct rr_timespec *)a4),
                     applied);
}

RR_SYSCALL(__NR_poll, sys_poll);
RR_SYSCALL(__NR_ppoll, sys_ppoll);
RR_SYSCALL(__NR_select, sys_select);
RR_SYSCALL(__NR_pselect6, sys_pselect6);
