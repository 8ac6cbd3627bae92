/*
 * eventfd(2): a 64-bit counter behind a descriptor. A read takes the whole count
 * (or one, in semaphore mode) and waits while it is zero; a write adds and waits
 * while the sum would pass 2^64 - 2.
 */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>
#include <rr/sched.h>

#define EFD_SEMAPHORE 1
#define EFD_MAX UINT64_C(0xfffffffffffffffe)

struct eventfd {
    uint64_t count;
    bool semaphore;
};

static bool readable(void *arg)
{
    return ((struct eventfd *)arg)->count > 0;
}

struct add_wait {
    struct eventfd *e;
    uint64_t add;
};

static bool room_for(void *arg)
{
    struct add_wait *w = arg;
    return w->e->count <= EFD_MAX - w->add;
}

static long eventfd_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct eventfd *e = f->vn->fs_data;
    if (n < sizeof(uint64_t))
        return -EINVAL;
    if (!readable(e)) {
        if (f->flags & RR_O_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(readable, e, 0) < 0)
            return -RR_ERESTARTSYS;
    }
    uint64_t v = e->semaphore ? 1 : e->count;
    e->count -= v;
    rr_memcpy(buf, &v, sizeof(v));
    return sizeof(v);
}

static long eventfd_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct eventfd *e = f->vn->fs_data;
    if (n < sizeof(uint64_t))
        return -EINVAL;
    uint64_t v;
    rr_memcpy(&v, buf, sizeof(v));
    if (v == UINT64_MAX)
        return -EINVAL;
    struct add_wait w = { e, v };
    if (!room_for(&w)) {
        if (f->flags & RR_O_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(room_for, &w, 0) < 0)
            return -RR_ERESTARTSYS;
    }
    e->count += v;
    return sizeof(v);
}

static int eventfd_poll(struct rr_file *f, int events)
{
    struct eventfd *e = f->vn->fs_data;
    int ready = 0;
    if (e->count > 0)
        ready |= RR_POLLIN | RR_POLLRDNORM;
    if (e->count < EFD_MAX)
        ready |= RR_POLLOUT | RR_POLLWRNORM;
    return ready & events;
}

static long eventfd_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    (void)vn;
    return rr_snprintf(buf, size, "anon_inode:[eventfd]");
}

static void eventfd_inactive(struct rr_vnode *vn)
{
    rr_free(vn->fs_data);
}

static const struct rr_vnode_ops eventfd_ops = {
    .read = eventfd_read,
    .write = eventfd_write,
    .poll = eventfd_poll,
    .dname = eventfd_dname,
    .inactive = eventfd_inactive,
    .stream = true,
};

long rr_fs_eventfd2(unsigned initval, int flags)
{
    if (flags & ~(EFD_SEMAPHORE | RR_O_NONBLOCK | RR_O_CLOEXEC))
        return -EINVAL;
    struct eventfd *e = rr_zalloc(sizeof(*e));
    if (!e)
        return -ENOMEM;
    e->count = initval;
    e->semaphore = (flags & EFD_SEMAPHORE) != 0;
    /* like Linux's anonymous inodes: no file type, owner read and write */
    struct rr_vnode *vn = rr_vnode_anon(&eventfd_ops, 0600, e);
    if (!vn) {
        rr_free(e);
        return -ENOMEM;
    }
    return rr_fd_open_vnode(vn, RR_O_RDWR | (flags & RR_O_NONBLOCK), (flags & RR_O_CLOEXEC) != 0);
}

static long sys_eventfd(RR_FS_ARGS) { return rr_fs_eventfd2((unsigned)a0, 0); }
static long sys_eventfd2(RR_FS_ARGS) { return rr_fs_eventfd2((unsigned)a0, (int)a1); }

RR_SYSCALL(__NR_eventfd, sys_eventfd);
RR_SYSCALL(__NR_eventfd2, sys_eventfd2);
