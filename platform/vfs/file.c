/* Open file descriptions: what open(2) returns, shared by dup(2) and across threads. */
#include <rr/vfs_pipe.h>
#include <rr/epoll.h>

/* flags that act at open time only and are not reported by F_GETFL */
#define OPEN_ONLY_FLAGS (RR_O_CREAT | RR_O_EXCL | RR_O_NOCTTY | RR_O_TRUNC | RR_O_CLOEXEC)

int rr_file_open_vnode(struct rr_vnode *vn, int flags, struct rr_file **out)
{
    const struct rr_vnode_ops *io = vn->ops;
    if (!(flags & RR_O_PATH)) {
        if (RR_S_ISCHR(vn->mode)) {
            struct rr_vattr va;
            int e = rr_vnode_getattr(vn, &va);
            if (e)
                return e;
            io = rr_chrdev_lookup(va.rdev);
            if (!io)
                return -ENXIO;
        } else if (RR_S_ISFIFO(vn->mode) && vn->mount) {
            io = &rr_fifo_ops;
        } else if (RR_S_ISBLK(vn->mode) || (RR_S_ISSOCK(vn->mode) && vn->mount)) {
            return -ENXIO;   /* no block devices or socket files yet */
        }
    }
    struct rr_file *f = rr_zalloc(sizeof(*f));
    if (!f)
        return -ENOMEM;
    f->vn = rr_vnode_ref(vn);
    f->io = io;
    f->refs = 1;
    /* 64-bit Linux always reports O_LARGEFILE */
    f->flags = (flags & ~OPEN_ONLY_FLAGS) | RR_O_LARGEFILE;
    if (flags & RR_O_PATH)
        f->flags = RR_O_PATH | (flags & (RR_O_DIRECTORY | RR_O_NOFOLLOW));
    if (!(flags & RR_O_PATH) && io->open) {
        int e = io->open(f);
        if (e) {
            rr_vnode_unref(vn);
            rr_free(f);
            return e;
        }
    }
    *out = f;
    return 0;
}

long rr_fd_open_vnode(struct rr_vnode *vn, int flags, bool cloexec)
{
    struct rr_file *f;
    long r = rr_file_open_vnode(vn, flags, &f);
    rr_vnode_unref(vn);
    if (r)
        return r;
    r = rr_fd_install(f, 0, cloexec);
    rr_file_unref(f);
    return r;
}

struct rr_file *rr_file_ref(struct rr_file *f)
{
    RR_ASSERT(f->refs > 0);
    f->refs++;
    return f;
}

void rr_file_unref(struct rr_file *f)
{
    if (!f)
        return;
    RR_ASSERT(f->refs > 0);
    if (--f->refs > 0)
        return;
    rr_epoll_file_gone(f);
    rr_vnode_poll_changed(f->vn);   /* a pipe's other end sees the hang-up */
    if (!(f->flags & RR_O_PATH) && f->io->release)
        f->io->release(f);
    rr_vnode_unref(f->vn);
    rr_vnode_unref(f->dir);
    rr_free(f->name);
    rr_free(f);
}

bool rr_file_readable(const struct rr_file *f)
{
    int acc = f->flags & RR_O_ACCMODE;
    return !(f->flags & RR_O_PATH) && (acc == RR_O_RDONLY || acc == RR_O_RDWR);
}

bool rr_file_writable(const struct rr_file *f)
{
    int acc = f->flags & RR_O_ACCMODE;
    return !(f->flags & RR_O_PATH) && (acc == RR_O_WRONLY || acc == RR_O_RDWR);
}

long rr_file_pread(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    if (!rr_file_readable(f))
        return -EBADF;
    if (RR_S_ISDIR(f->vn->mode))
        return -EISDIR;
    if (!f->io->read)
        return -EINVAL;
    if (n > (size_t)INT64_MAX - RR_PAGE_SIZE)
        n = (size_t)INT64_MAX - RR_PAGE_SIZE;   /* Linux caps one transfer; keeps off + n from overflowing */
    long r = f->io->read(f, buf, n, off);
    if (r > 0)
        rr_vnode_poll_changed(f->vn);
    return r;
}

long rr_file_pwrite(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    if (!rr_file_writable(f))
        return -EBADF;
    if (!f->io->write)
        return -EINVAL;
    if (n > (size_t)INT64_MAX - RR_PAGE_SIZE)
        n = (size_t)INT64_MAX - RR_PAGE_SIZE;
    if ((f->flags & RR_O_APPEND) && RR_S_ISREG(f->vn->mode)) {
        /* as on Linux, O_APPEND wins even over pwrite's offset */
        struct rr_vattr va;
        int e = rr_vnode_getattr(f->vn, &va);
        if (e)
            return e;
        off = va.size;
    }
    long r = f->io->write(f, buf, n, off);
    /* output to a device (a console) feeds nothing back to its readers */
    if (r > 0 && !RR_S_ISCHR(f->vn->mode))
        rr_vnode_poll_changed(f->vn);
    return r;
}

long rr_file_read(struct rr_file *f, void *buf, size_t n)
{
    long r = rr_file_pread(f, buf, n, f->off);
    if (r > 0)
        f->off += (uint64_t)r;
    return r;
}

long rr_file_write(struct rr_file *f, const void *buf, size_t n)
{
    uint64_t off = f->off;
    if ((f->flags & RR_O_APPEND) && RR_S_ISREG(f->vn->mode)) {
        struct rr_vattr va;
        int e = rr_vnode_getattr(f->vn, &va);
        if (e)
            return e;
        off = va.size;
    }
    long r = rr_file_pwrite(f, buf, n, off);
    if (r > 0)
        f->off = off + (uint64_t)r;
    return r;
}

int rr_file_poll(struct rr_file *f, int events)
{
    if (f->flags & RR_O_PATH)
        return RR_POLLNVAL;
    if (f->io->poll)
        return f->io->poll(f, events);
    return events & (RR_POLLIN | RR_POLLOUT | RR_POLLRDNORM | RR_POLLWRNORM);
}

long rr_vfs_pread(int fd, void *buf, size_t n, uint64_t off)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long total;
    if (!rr_file_readable(f))
        total = -EACCES;
    else if (!RR_S_ISREG(f->vn->mode))
        total = -ENODEV;
    else {
        total = 0;
        while ((size_t)total < n) {
            long r = rr_file_pread(f, (char *)buf + total, n - (size_t)total, off + (uint64_t)total);
            if (r <= 0) {
                if (r < 0 && total == 0)
                    total = r;
                break;
            }
            total += r;
        }
    }
    rr_file_unref(f);
    return total;
}

static bool read_only_mount(struct rr_vnode *vn)
{
    return vn->mount && (vn->mount->flags & RR_MNT_RDONLY);
}

int rr_vfs_open(int dirfd, const char *upath, int flags, uint32_t mode, struct rr_file **out)
{
    if ((flags & RR_O_TMPFILE) == RR_O_TMPFILE)
        return -EOPNOTSUPP;
    unsigned lf = 0;
    bool excl_create = (flags & RR_O_CREAT) && (flags & RR_O_EXCL);
    if (!(flags & RR_O_NOFOLLOW) && !excl_create)
        lf |= RR_LOOKUP_FOLLOW;
    if ((flags & RR_O_CREAT) && !(flags & RR_O_PATH))
        lf |= RR_LOOKUP_PARENT;
    struct rr_lookup lk;
    int e = rr_vfs_lookup_at(dirfd, upath, lf, &lk);
    if (e)
        return e;
    struct rr_vnode *vn = lk.vn ? rr_vnode_ref(lk.vn) : NULL;
    bool created = false;
    if (lf & RR_LOOKUP_PARENT) {
        if (lk.trailing_slash || (vn && lk.dot))
            e = -EISDIR;
        else if (vn && excl_create)
            e = -EEXIST;
        else if (!vn) {
            struct rr_vnode *dir = lk.parent;
            if (read_only_mount(dir))
                e = -EROFS;
            else if (!dir->ops->create)
                e = -EACCES;
            else
                e = dir->ops->create(dir, lk.name, lk.len,
                                     RR_S_IFREG | (mode & RR_S_IALLUGO & ~rr_vfs_umask()), 0, &vn);
            created = e == 0;
        }
    }
    /* where the file was found, for /proc/self/fd (a directory finds its own path) */
    struct rr_vnode *where = NULL;
    char *name = NULL;
    if (!e && !lk.dot && !lk.magic && !RR_S_ISDIR(vn->mode)) {
        name = rr_malloc(lk.len + 1);
        if (name) {
            rr_memcpy(name, lk.name, lk.len + 1);
            where = rr_vnode_ref(lk.parent);
        }
    }
    rr_lookup_done(&lk);
    if (e) {
        rr_vnode_unref(vn);
        return e;
    }
    int acc = flags & RR_O_ACCMODE;
    bool wants_write = acc == RR_O_WRONLY || acc == RR_O_RDWR;
    if (RR_S_ISLNK(vn->mode) && !(flags & RR_O_PATH))
        e = -ELOOP;
    else if ((flags & RR_O_DIRECTORY) && !RR_S_ISDIR(vn->mode))
        e = -ENOTDIR;
    else if (RR_S_ISDIR(vn->mode) && !(flags & RR_O_PATH) && (wants_write || (flags & RR_O_CREAT)))
        e = -EISDIR;
    else if (!(flags & RR_O_PATH) && read_only_mount(vn) && (wants_write || (flags & RR_O_TRUNC))
             && (RR_S_ISREG(vn->mode) || RR_S_ISDIR(vn->mode)))
        e = -EROFS;
    else if ((flags & RR_O_TRUNC) && !(flags & RR_O_PATH) && RR_S_ISREG(vn->mode) && !created) {
        e = vn->ops->truncate ? vn->ops->truncate(vn, 0) : -EINVAL;
    }
    if (!e)
        e = rr_file_open_vnode(vn, flags, out);
    if (!e) {
        (*out)->dir = where;
        (*out)->name = name;
    } else {
        rr_vnode_unref(where);
        rr_free(name);
    }
    rr_vnode_unref(vn);
    return e;
}
