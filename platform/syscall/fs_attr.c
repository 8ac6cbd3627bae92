/* Changing attributes: modes, owners, times, sizes, the creation mask. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

#define FALLOC_FL_KEEP_SIZE 1

static bool read_only(struct rr_vnode *vn)
{
    return vn->mount && (vn->mount->flags & RR_MNT_RDONLY);
}

static int setattr(struct rr_vnode *vn, const struct rr_vattr *va, unsigned mask)
{
    if (read_only(vn))
        return -EROFS;
    if (!vn->ops->setattr)
        return -EPERM;
    return vn->ops->setattr(vn, va, mask);
}

static int chmod_vnode(struct rr_vnode *vn, uint32_t mode)
{
    struct rr_vattr va = { .mode = mode & RR_S_IALLUGO };
    return setattr(vn, &va, RR_VA_MODE);
}

static int chown_vnode(struct rr_vnode *vn, uint32_t uid, uint32_t gid)
{
    struct rr_vattr va = { .uid = uid, .gid = gid };
    unsigned mask = (uid != (uint32_t)-1 ? RR_VA_UID : 0) | (gid != (uint32_t)-1 ? RR_VA_GID : 0);
    if (mask && !RR_S_ISDIR(vn->mode) && (vn->mode & 0111)) {
        /* a change of owner clears set-user-ID (and set-group-ID on group-executable files) */
        va.mode = vn->mode & ~(uint32_t)(RR_S_ISUID | ((vn->mode & 010) ? RR_S_ISGID : 0));
        if (va.mode != vn->mode)
            mask |= RR_VA_MODE;
    }
    return setattr(vn, &va, mask);
}

/* File descriptors opened with O_PATH only name a file; most calls refuse them. */
static struct rr_file *get_real_fd(int fd, int *err)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f || (f->flags & RR_O_PATH)) {
        rr_file_unref(f);
        *err = -EBADF;
        return NULL;
    }
    return f;
}

long rr_fs_fchmodat(int dirfd, const char *path, uint32_t mode, int flags)
{
    if (flags & ~(RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH))
        return -EINVAL;
    if (!path)
        return -EFAULT;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags, &vn);
    if (e)
        return e;
    e = RR_S_ISLNK(vn->mode) ? -EOPNOTSUPP : chmod_vnode(vn, mode);
    rr_vnode_unref(vn);
    return e;
}

long rr_fs_fchmod(int fd, uint32_t mode)
{
    int e;
    struct rr_file *f = get_real_fd(fd, &e);
    if (!f)
        return e;
    e = chmod_vnode(f->vn, mode);
    rr_file_unref(f);
    return e;
}

long rr_fs_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
    if (flags & ~(RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH))
        return -EINVAL;
    if (!path)
        return -EFAULT;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags, &vn);
    if (e)
        return e;
    e = chown_vnode(vn, uid, gid);
    rr_vnode_unref(vn);
    return e;
}

long rr_fs_fchown(int fd, uint32_t uid, uint32_t gid)
{
    int e;
    struct rr_file *f = get_real_fd(fd, &e);
    if (!f)
        return e;
    e = chown_vnode(f->vn, uid, gid);
    rr_file_unref(f);
    return e;
}

long rr_fs_umask(uint32_t mask)
{
    return rr_vfs_set_umask(mask);
}

static struct rr_timespec now(void)
{
    uint64_t ns = rr_realtime_ns();
    return (struct rr_timespec){ (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
}

static bool valid_nsec(int64_t ns)
{
    return (ns >= 0 && ns < 1000000000) || ns == RR_UTIME_NOW || ns == RR_UTIME_OMIT;
}

long rr_fs_utimensat(int dirfd, const char *path, const struct rr_timespec *times, int flags)
{
    if (flags & ~(RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH))
        return -EINVAL;
    if (times && (!valid_nsec(times[0].tv_nsec) || !valid_nsec(times[1].tv_nsec)))
        return -EINVAL;
    /* Linux's utimensat alone takes a NULL path as dirfd itself, without AT_EMPTY_PATH (futimens). */
    if (!path) {
        if (dirfd == RR_AT_FDCWD)
            return -EFAULT;
        flags |= RR_AT_EMPTY_PATH;
    }
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags, &vn);
    if (e)
        return e;
    struct rr_vattr va = {0};
    unsigned mask = 0;
    struct rr_timespec t = now();
    for (int i = 0; i < 2; i++) {
        struct rr_timespec v = times ? times[i] : (struct rr_timespec){ 0, RR_UTIME_NOW };
        if (v.tv_nsec == RR_UTIME_OMIT)
            continue;
        if (v.tv_nsec == RR_UTIME_NOW)
            v = t;
        if (i == 0) {
            va.atime = v;
            mask |= RR_VA_ATIME;
        } else {
            va.mtime = v;
            mask |= RR_VA_MTIME;
        }
    }
    if (mask)
        e = setattr(vn, &va, mask);
    rr_vnode_unref(vn);
    return e;
}

long rr_fs_futimesat(int dirfd, const char *path, const struct rr_timeval *times)
{
    struct rr_timespec ts[2];
    if (times) {
        for (int i = 0; i < 2; i++) {
            if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000)
                return -EINVAL;
            ts[i] = (struct rr_timespec){ times[i].tv_sec, times[i].tv_usec * 1000 };
        }
    }
    return rr_fs_utimensat(dirfd, path, times ? ts : NULL, 0);
}

static int truncate_vnode(struct rr_vnode *vn, long len)
{
    if (len < 0)
        return -EINVAL;
    if (RR_S_ISDIR(vn->mode))
        return -EISDIR;
    if (!RR_S_ISREG(vn->mode))
        return -EINVAL;
    if (read_only(vn))
        return -EROFS;
    if (!vn->ops->truncate)
        return -EINVAL;
    return vn->ops->truncate(vn, (uint64_t)len);
}

long rr_fs_truncate(const char *path, long len)
{
    struct rr_lookup lk;
    int e = rr_vfs_lookup_at(RR_AT_FDCWD, path, RR_LOOKUP_FOLLOW, &lk);
    if (e)
        return e;
    e = truncate_vnode(lk.vn, len);
    rr_lookup_done(&lk);
    return e;
}

long rr_fs_ftruncate(int fd, long len)
{
    int e;
    struct rr_file *f = get_real_fd(fd, &e);
    if (!f)
        return e;
    if (len < 0 || !rr_file_writable(f) || !RR_S_ISREG(f->vn->mode))
        e = -EINVAL;
    else
        e = truncate_vnode(f->vn, len);
    rr_file_unref(f);
    return e;
}

long rr_fs_fallocate(int fd, int mode, long off, long len)
{
    int e;
    struct rr_file *f = get_real_fd(fd, &e);
    if (!f)
        return e;
    struct rr_vattr va;
    if (mode & ~FALLOC_FL_KEEP_SIZE)
        e = -EOPNOTSUPP;
    else if (off < 0 || len <= 0)
        e = -EINVAL;
    else if (!rr_file_writable(f))
        e = -EBADF;
    else if (RR_S_ISDIR(f->vn->mode))
        e = -EISDIR;
    else if (f->io->stream || RR_S_ISFIFO(f->vn->mode))
        e = -ESPIPE;
    else if (!RR_S_ISREG(f->vn->mode))
        e = -ENODEV;
    else if (off > INT64_MAX - len)
        e = -EFBIG;
    else if ((e = rr_vnode_getattr(f->vn, &va)) == 0 && !(mode & FALLOC_FL_KEEP_SIZE)
             && (uint64_t)(off + len) > va.size)
        e = truncate_vnode(f->vn, off + len);   /* sparse: the space is promised, not taken */
    rr_file_unref(f);
    return e;
}

static long sys_chmod(RR_FS_ARGS) { return rr_fs_fchmodat(RR_AT_FDCWD, (const char *)a0, (uint32_t)a1, 0); }
static long sys_fchmod(RR_FS_ARGS) { return rr_fs_fchmod((int)a0, (uint32_t)a1); }
static long sys_fchmodat(RR_FS_ARGS) { return rr_fs_fchmodat((int)a0, (const char *)a1, (uint32_t)a2, 0); }
static long sys_chown(RR_FS_ARGS)
{
    return rr_fs_fchownat(RR_AT_FDCWD, (const char *)a0, (uint32_t)a1, (uint32_t)a2, 0);
}
static long sys_lchown(RR_FS_ARGS)
{
    return rr_fs_fchownat(RR_AT_FDCWD, (const char *)a0, (uint32_t)a1, (uint32_t)a2, RR_AT_SYMLINK_NOFOLLOW);
}
static long sys_fchown(RR_FS_ARGS) { return rr_fs_fchown((int)a0, (uint32_t)a1, (uint32_t)a2); }
static long sys_fchownat(RR_FS_ARGS)
{
    return rr_fs_fchownat((int)a0, (const char *)a1, (uint32_t)a2, (uint32_t)a3, (int)a4);
}
static long sys_umask(RR_FS_ARGS) { return rr_fs_umask((uint32_t)a0); }
static long sys_utimensat(RR_FS_ARGS)
{
    return rr_fs_utimensat((int)a0, (const char *)a1, (const struct rr_timespec *)a2, (int)a3);
}
static long sys_futimesat(RR_FS_ARGS) { return rr_fs_futimesat((int)a0, (const char *)a1, (const struct rr_timeval *)a2); }
static long sys_utimes(RR_FS_ARGS)
{
    if (!a0)
        return -EFAULT;
    return rr_fs_futimesat(RR_AT_FDCWD, (const char *)a0, (const struct rr_timeval *)a1);
}
static long sys_utime(RR_FS_ARGS)
{
    if (!a0)
        return -EFAULT;
    const int64_t *ub = (const int64_t *)a1;   /* struct utimbuf { actime; modtime; } */
    struct rr_timespec ts[2];
    if (ub) {
        ts[0] = (struct rr_timespec){ ub[0], 0 };
        ts[1] = (struct rr_timespec){ ub[1], 0 };
    }
    return rr_fs_utimensat(RR_AT_FDCWD, (const char *)a0, ub ? ts : NULL, 0);
}
static long sys_truncate(RR_FS_ARGS) { return rr_fs_truncate((const char *)a0, a1); }
static long sys_ftruncate(RR_FS_ARGS) { return rr_fs_ftruncate((int)a0, a1); }
static long sys_fallocate(RR_FS_ARGS) { return rr_fs_fallocate((int)a0, (int)a1, a2, a3); }

RR_SYSCALL(__NR_chmod, sys_chmod);
RR_SYSCALL(__NR_fchmod, sys_fchmod);
RR_SYSCALL(__NR_fchmodat, sys_fchmodat);
RR_SYSCALL(__NR_chown, sys_chown);
RR_SYSCALL(__NR_lchown, sys_lchown);
RR_SYSCALL(__NR_fchown, sys_fchown);
RR_SYSCALL(__NR_fchownat, sys_fchownat);
RR_SYSCALL(__NR_umask, sys_umask);
RR_SYSCALL(__NR_utimensat, sys_utimensat);
RR_SYSCALL(__NR_futimesat, sys_futimesat);
RR_SYSCALL(__NR_utimes, sys_utimes);
RR_SYSCALL(__NR_utime, sys_utime);
RR_SYSCALL(__NR_truncate, sys_truncate);
RR_SYSCALL(__NR_ftruncate, sys_ftruncate);
RR_SYSCALL(__NR_fallocate, sys_fallocate);
