/*
 * epoll(7): epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait and
 * epoll_pwait2 (see rr/epoll.h for how readiness and watch lifetimes work).
 */
#include <rr/epoll.h>
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>
#include <rr/sched.h>
#include <rr/thread.h>

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP    (1u << 29)
#define EPOLLONESHOT   (1u << 30)
#define EPOLLET        (1u << 31)

/* what poll may report; the rest of an event mask are the modes above */
#define EVENT_BITS (RR_POLLIN | RR_POLLPRI | RR_POLLOUT | RR_POLLERR | RR_POLLHUP | RR_POLLRDNORM \
                    | RR_POLLRDBAND | RR_POLLWRNORM | RR_POLLWRBAND | RR_POLLRDHUP)
/* what EPOLLEXCLUSIVE may come with (epoll_ctl(2)) */
#define EXCLUSIVE_OK (RR_POLLIN | RR_POLLOUT | RR_POLLERR | RR_POLLHUP | RR_POLLRDNORM | RR_POLLRDBAND \
                      | RR_POLLWRNORM | RR_POLLWRBAND | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
#define MAX_NESTING 4     /* epoll instances inside epoll instances, as Linux allows */
#define NSEC_PER_SEC 1000000000ULL

/* struct epoll_event is packed on x86-64: 12 bytes */
struct epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

struct epoll;

struct epitem {
    struct epoll *ep;
    struct rr_file *file;        /* not referenced: the watch ends with the file */
    int fd;
    uint32_t events;             /* as given, EPOLLERR and EPOLLHUP added */
    uint64_t data;
    bool disabled;               /* a one-shot watch that reported */
    bool fresh;                  /* added or modified: report what is ready now, edges or not */
    int last_seen;               /* readiness at the latest look */
    int pending;                 /* edge-triggered: bits that became ready since the last report */
    uint64_t seq;                /* the vnode's poll_seq at the last report */
    uint64_t armed_at;           /* rr_poll_clock when added or modified */
    uint64_t queued_at;          /* when it joined the reports to come (0: it has none), as
                                  * Linux's ready list orders them: by the change that made
                                  * it ready, or, level-triggered, by its last report */
    int ready_now;               /* what the latest harvest found */
    struct epitem *next, *prev;  /* the instance's list, in adding order */
    struct epitem *hnext;        /* watches of files hashing alike */
};

uint64_t rr_poll_clock;

struct epoll {
    struct epitem *head, *tail;
    unsigned count;
};

/* every watch, by file, so that a closing file finds its watches without a scan */
#define HASH_SIZE 64
static struct epitem *by_file[HASH_SIZE];

static struct epitem **bucket(const struct rr_file *f)
{
    uintptr_t k = (uintptr_t)f;
    return &by_file[(k >> 4 ^ k >> 10) % HASH_SIZE];
}

static const struct rr_vnode_ops epoll_ops;

static struct epoll *epoll_of(struct rr_file *f)
{
    return f && !(f->flags & RR_O_PATH) && f->vn->ops == &epoll_ops ? f->vn->fs_data : NULL;
}

static void list_append(struct epoll *ep, struct epitem *it)
{
    it->next = NULL;
    it->prev = ep->tail;
    if (ep->tail)
        ep->tail->next = it;
    else
        ep->head = it;
    ep->tail = it;
}

static void list_unlink(struct epoll *ep, struct epitem *it)
{
    if (it->prev)
        it->prev->next = it->next;
    else
        ep->head = it->next;
    if (it->next)
        it->next->prev = it->prev;
    else
        ep->tail = it->prev;
}

static void item_free(struct epitem *it)
{
    struct epoll *ep = it->ep;
    list_unlink(ep, it);
    ep->count--;
    for (struct epitem **p = bucket(it->file); *p; p = &(*p)->hnext) {
        if (*p == it) {
            *p = it->hnext;
            break;
        }
    }
    rr_free(it);
}

static struct epitem *item_find(struct epoll *ep, struct rr_file *f, int fd)
{
    for (struct epitem *it = *bucket(f); it; it = it->hnext)
        if (it->ep == ep && it->file == f && it->fd == fd)
            return it;
    return NULL;
}

void rr_epoll_file_gone(struct rr_file *f)
{
    struct epitem **p = bucket(f);
    while (*p) {
        struct epitem *it = *p;
        if (it->file == f)
            item_free(it);   /* unlinks *p */
        else
            p = &it->hnext;
    }
}

/* What the watch would report now. Looking also records the ready bits that
 * appeared, so an edge seen while the caller slept is not lost. */
static int item_ready(struct epitem *it)
{
    if (it->disabled)
        return 0;
    int want = (int)(it->events & EVENT_BITS);
    int r = rr_file_poll(it->file, want) & want;
    if (it->events & EPOLLET) {
        it->pending |= r & ~it->last_seen;
        it->last_seen = r;
        if (!it->fresh && it->file->vn->poll_seq == it->seq)
            r &= it->pending;
    }
    if (!r) {
        it->queued_at = 0;
    } else if (!it->queued_at) {
        uint64_t changed = it->file->vn->poll_seq;
        it->queued_at = changed > it->armed_at ? changed : it->armed_at;
    }
    return r;
}

static void item_reported(struct epitem *it)
{
    it->fresh = false;
    it->pending = 0;
    it->seq = it->file->vn->poll_seq;
    if (it->events & EPOLLONESHOT)
        it->disabled = true;
    /* level-triggered watches that stay ready queue up again behind the others */
    it->queued_at = (it->events & (EPOLLET | EPOLLONESHOT)) ? 0 : ++rr_poll_clock;
}

/* Which of two ready watches reports first: the one queued first; for one change
 * seen by both, the one added later, as wake-ups reach the newest watcher first. */
static bool before(const struct epitem *a, const struct epitem *b)
{
    if (a->queued_at != b->queued_at)
        return a->queued_at < b->queued_at;
    return a->armed_at > b->armed_at;
}

static bool any_ready(void *arg)
{
    struct epoll *ep = arg;
    for (struct epitem *it = ep->head; it; it = it->next)
        if (item_ready(it))
            return true;
    return false;
}

/* Fills out with up to max reports; returns how many. */
static int harvest(struct epoll *ep, struct epoll_event *out, int max)
{
    int n = 0;
    for (struct epitem *it = ep->head; it; it = it->next)
        it->ready_now = item_ready(it);
    while (n < max) {
        struct epitem *first = NULL;
        for (struct epitem *it = ep->head; it; it = it->next)
            if (it->ready_now && (!first || before(it, first)))
                first = it;
        if (!first)
            break;
        out[n].events = (uint32_t)first->ready_now;
        out[n].data = first->data;
        n++;
        first->ready_now = 0;
        item_reported(first);
    }
    return n;
}

static int epoll_poll(struct rr_file *f, int events)
{
    return any_ready(f->vn->fs_data) ? events & (RR_POLLIN | RR_POLLRDNORM) : 0;
}

static long epoll_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    (void)vn;
    return rr_snprintf(buf, size, "anon_inode:[eventpoll]");
}

static void epoll_inactive(struct rr_vnode *vn)
{
    struct epoll *ep = vn->fs_data;
    while (ep->head)
        item_free(ep->head);
    rr_free(ep);
}

static const struct rr_vnode_ops epoll_ops = {
    .poll = epoll_poll,
    .dname = epoll_dname,
    .inactive = epoll_inactive,
    .stream = true,
};

long rr_epoll_create1(int flags)
{
    if (flags & ~RR_O_CLOEXEC)
        return -EINVAL;
    struct epoll *ep = rr_zalloc(sizeof(*ep));
    if (!ep)
        return -ENOMEM;
    struct rr_vnode *vn = rr_vnode_anon(&epoll_ops, 0600, ep);
    if (!vn) {
        rr_free(ep);
        return -ENOMEM;
    }
    return rr_fd_open_vnode(vn, RR_O_RDWR, (flags & RR_O_CLOEXEC) != 0);
}

/* Would watching inner from outer make a loop or nest too deep? */
static bool too_deep(struct epoll *inner, struct epoll *outer, int depth)
{
    if (inner == outer || depth >= MAX_NESTING)
        return true;
    for (struct epitem *it = inner->head; it; it = it->next) {
        struct epoll *sub = epoll_of(it->file);
        if (sub && too_deep(sub, outer, depth + 1))
            return true;
    }
    return false;
}

static long ctl(struct epoll *ep, struct rr_file *epf, int op, struct rr_file *tf, int fd,
                const struct epoll_event *ev)
{
    if (!tf->io->poll)
        return -EPERM;   /* Linux refuses files that cannot poll: regular files, /dev/null */
    if (tf == epf)
        return -EINVAL;
    struct epoll *target = epoll_of(tf);
    uint32_t events = ev ? ev->events : 0;
    if (op != EPOLL_CTL_DEL && (events & EPOLLEXCLUSIVE)) {
        if (op == EPOLL_CTL_MOD || target || (events & ~EXCLUSIVE_OK))
            return -EINVAL;
    }
    struct epitem *it = item_find(ep, tf, fd);
    switch (op) {
    case EPOLL_CTL_ADD:
        if (it)
            return -EEXIST;
        if (target && too_deep(target, ep, 0))
            return -ELOOP;
        it = rr_zalloc(sizeof(*it));
        if (!it)
            return -ENOMEM;
        it->ep = ep;
        it->file = tf;
        it->fd = fd;
        struct epitem **b = bucket(tf);
        it->hnext = *b;
        *b = it;
        list_append(ep, it);
        ep->count++;
        break;
    case EPOLL_CTL_MOD:
        if (!it)
            return -ENOENT;
        if (it->events & EPOLLEXCLUSIVE)
            return -EINVAL;
        break;
    case EPOLL_CTL_DEL:
        if (!it)
            return -ENOENT;
        item_free(it);
        return 0;
    default:
        return -EINVAL;
    }
    it->events = events | RR_POLLERR | RR_POLLHUP;
    it->data = ev->data;
    it->disabled = false;
    it->fresh = true;
    it->pending = 0;
    it->last_seen = 0;
    it->armed_at = ++rr_poll_clock;
    it->queued_at = 0;
    return 0;
}

long rr_epoll_ctl(int epfd, int op, int fd, void *uevent)
{
    struct epoll_event ev;
    if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) {
        if (!rr_vfs_user_ok(uevent, sizeof(ev)) || !uevent)
            return -EFAULT;
        rr_memcpy(&ev, uevent, sizeof(ev));
    }
    struct rr_file *epf = rr_fd_get(epfd);
    struct rr_file *tf = rr_fd_get(fd);
    long r;
    if (!epf || !tf || (tf->flags & RR_O_PATH))
        r = -EBADF;
    else if (!epoll_of(epf))
        r = -EINVAL;
    else
        r = ctl(epoll_of(epf), epf, op, tf, fd, (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) ? &ev : NULL);
    rr_file_unref(tf);
    rr_file_unref(epf);
    return r;
}

long rr_epoll_wait(int epfd, void *uevents, int maxevents, uint64_t timeout_ns)
{
    if (maxevents <= 0 || (size_t)maxevents > INT32_MAX / sizeof(struct epoll_event))
        return -EINVAL;
    if (!rr_vfs_user_ok(uevents, (size_t)maxevents * sizeof(struct epoll_event)))
        return -EFAULT;
    struct rr_file *f = rr_fd_get(epfd);
    if (!f)
        return -EBADF;
    struct epoll *ep = epoll_of(f);
    if (!ep) {
        rr_file_unref(f);
        return -EINVAL;
    }
    uint64_t deadline = 0;
    if (timeout_ns != UINT64_MAX) {
        uint64_t now = rr_monotonic_ns();
        deadline = timeout_ns > UINT64_MAX - 1 - now ? 0 : now + timeout_ns;
    }
    long r;
    for (;;) {
        r = harvest(ep, uevents, maxevents);
        if (r || timeout_ns == 0)
            break;
        /* never restarted after a signal handler, whatever SA_RESTART says */
        int w = rr_wait_interruptible(any_ready, ep, deadline);
        if (w == -RR_ERESTARTSYS) {
            r = -EINTR;
            break;
        }
        if (w == -ETIMEDOUT) {
            r = harvest(ep, uevents, maxevents);
            break;
        }
    }
    rr_file_unref(f);
    return r;
}

static uint64_t ms_timeout(int ms)
{
    return ms < 0 ? UINT64_MAX : (uint64_t)ms * 1000000ULL;
}

#define SIGKILL_SIGSTOP ((1ULL << 8) | (1ULL << 18))

/* epoll_pwait waits under the given mask as ppoll does: a signal that ends the
 * wait is handled under it, and the old mask returns after its handler. */
static long masked_wait(int epfd, void *uevents, int maxevents, uint64_t timeout_ns, const uint64_t *mask,
                        unsigned long size)
{
    if (!mask)
        return rr_epoll_wait(epfd, uevents, maxevents, timeout_ns);
    if (size != 8)
        return -EINVAL;
    if (!rr_user_range_ok(mask, 8))
        return -EFAULT;
    struct rr_thread *t = rr_current;
    if (!t)
        return rr_epoll_wait(epfd, uevents, maxevents, timeout_ns);
    t->saved_mask = t->blocked;
    t->restore_mask = true;
    t->blocked = *mask & ~SIGKILL_SIGSTOP;
    long r = rr_epoll_wait(epfd, uevents, maxevents, timeout_ns);
    if (r != -EINTR) {
        t->blocked = t->saved_mask;
        t->restore_mask = false;
    }
    return r;
}

static long sys_epoll_create(RR_FS_ARGS)
{
    return (int)a0 <= 0 ? -EINVAL : rr_epoll_create1(0);
}
static long sys_epoll_create1(RR_FS_ARGS) { return rr_epoll_create1((int)a0); }
static long sys_epoll_ctl(RR_FS_ARGS) { return rr_epoll_ctl((int)a0, (int)a1, (int)a2, (void *)a3); }
static long sys_epoll_wait(RR_FS_ARGS)
{
    return rr_epoll_wait((int)a0, (void *)a1, (int)a2, ms_timeout((int)a3));
}
static long sys_epoll_pwait(RR_FS_ARGS)
{
    return masked_wait((int)a0, (void *)a1, (int)a2, ms_timeout((int)a3), (const uint64_t *)a4, (unsigned long)a5);
}
static long sys_epoll_pwait2(RR_FS_ARGS)
{
    uint64_t ns = UINT64_MAX;
    if (a3) {
        struct rr_timespec ts;
        if (!rr_user_range_ok((const void *)a3, sizeof(ts)))
            return -EFAULT;
        rr_memcpy(&ts, (const void *)a3, sizeof(ts));
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (uint64_t)ts.tv_nsec >= NSEC_PER_SEC)
            return -EINVAL;
        if ((uint64_t)ts.tv_sec >= (UINT64_MAX - NSEC_PER_SEC) / NSEC_PER_SEC)
            ns = UINT64_MAX;
        else
            ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
    }
    return masked_wait((int)a0, (void *)a1, (int)a2, ns, (const uint64_t *)a4, (unsigned long)a5);
}

RR_SYSCALL(__NR_epoll_create, sys_epoll_create);
RR_SYSCALL(__NR_epoll_create1, sys_epoll_create1);
RR_SYSCALL(__NR_epoll_ctl, sys_epoll_ctl);
RR_SYSCALL(__NR_epoll_wait, sys_epoll_wait);
RR_SYSCALL(__NR_epoll_pwait, sys_epoll_pwait);
RR_SYSCALL(__NR_epoll_pwait2, sys_epoll_pwait2);
