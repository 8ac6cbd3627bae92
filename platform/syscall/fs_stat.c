/* Looking at files: stat family, statx, access, readlink. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

static void fill_stat(struct rr_stat *st, const struct rr_vattr *va)
{
    rr_memset(st, 0, sizeof(*st));
    st->st_dev = va->dev;
    st->st_ino = va->ino;
    st->st_nlink = va->nlink;
    st->st_mode = va->mode;
    st->st_uid = va->uid;
    st->st_gid = va->gid;
    st->st_rdev = va->rdev;
    st->st_size = (int64_t)va->size;
    st->st_blksize = va->blksize;
    st->st_blocks = (int64_t)va->blocks;
    st->st_atim = va->atime;
    st->st_mtim = va->mtime;
    st->st_ctim = va->ctime;
}

static struct rr_statx_timestamp sx_time(struct rr_timespec t)
{
    return (struct rr_statx_timestamp){ t.tv_sec, (uint32_t)t.tv_nsec, 0 };
}

static void fill_statx(struct rr_statx *sx, const struct rr_vattr *va)
{
    rr_memset(sx, 0, sizeof(*sx));
    sx->stx_mask = RR_STATX_BASIC_STATS | RR_STATX_BTIME;
    sx->stx_blksize = va->blksize;
    sx->stx_nlink = (uint32_t)va->nlink;
    sx->stx_uid = va->uid;
    sx->stx_gid = va->gid;
    sx->stx_mode = (uint16_t)va->mode;
    sx->stx_ino = va->ino;
    sx->stx_size = va->size;
    sx->stx_blocks = va->blocks;
    sx->stx_atime = sx_time(va->atime);
    sx->stx_btime = sx_time(va->btime);
    sx->stx_ctime = sx_time(va->ctime);
    sx->stx_mtime = sx_time(va->mtime);
    sx->stx_rdev_major = RR_DEV_MAJOR(va->rdev);
    sx->stx_rdev_minor = RR_DEV_MINOR(va->rdev);
    sx->stx_dev_major = RR_DEV_MAJOR(va->dev);
    sx->stx_dev_minor = RR_DEV_MINOR(va->dev);
}

long rr_fs_fstat(int fd, struct rr_stat *st)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    struct rr_vattr va;
    int e = rr_vfs_user_ok(st, sizeof(*st)) ? rr_vnode_getattr(f->vn, &va) : -EFAULT;
    if (!e)
        fill_stat(st, &va);
    rr_file_unref(f);
    return e;
}

long rr_fs_fstatat(int dirfd, const char *path, struct rr_stat *st, int flags)
{
    if (flags & ~(RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH | RR_AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags, &vn);
    if (e)
        return e;
    struct rr_vattr va;
    e = rr_vfs_user_ok(st, sizeof(*st)) ? rr_vnode_getattr(vn, &va) : -EFAULT;
    if (!e)
        fill_stat(st, &va);
    rr_vnode_unref(vn);
    return e;
}

long rr_fs_statx(int dirfd, const char *path, int flags, unsigned mask, struct rr_statx *stx)
{
    if (flags & ~(RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH | RR_AT_NO_AUTOMOUNT | RR_AT_STATX_SYNC_TYPE))
        return -EINVAL;
    if ((flags & RR_AT_STATX_SYNC_TYPE) == RR_AT_STATX_SYNC_TYPE || (mask & RR_STATX__RESERVED))
        return -EINVAL;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags, &vn);
    if (e)
        return e;
    struct rr_vattr va;
    e = rr_vfs_user_ok(stx, sizeof(*stx)) ? rr_vnode_getattr(vn, &va) : -EFAULT;
    if (!e)
        fill_statx(stx, &va);
    rr_vnode_unref(vn);
    return e;
}

/* The program runs as root: reading and writing are always allowed; executing
 * needs an execute bit somewhere unless the file is a directory. */
long rr_fs_faccessat(int dirfd, const char *path, int mode, int flags)
{
    if (mode & ~(RR_R_OK | RR_W_OK | RR_X_OK))
        return -EINVAL;
    if (flags & ~(RR_AT_EACCESS | RR_AT_SYMLINK_NOFOLLOW | RR_AT_EMPTY_PATH))
        return -EINVAL;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, flags & ~RR_AT_EACCESS, &vn);
    if (e)
        return e;
    if ((mode & RR_X_OK) && !RR_S_ISDIR(vn->mode) && !(vn->mode & 0111))
        e = -EACCES;
    else if ((mode & RR_W_OK) && vn->mount && (vn->mount->flags & RR_MNT_RDONLY)
             && (RR_S_ISREG(vn->mode) || RR_S_ISDIR(vn->mode) || RR_S_ISLNK(vn->mode)))
        e = -EROFS;
    rr_vnode_unref(vn);
    return e;
}

long rr_fs_readlinkat(int dirfd, const char *path, char *buf, long size)
{
    if (size <= 0)
        return -EINVAL;
    struct rr_vnode *vn;
    int e = rr_vfs_resolve_at(dirfd, path, RR_AT_SYMLINK_NOFOLLOW | (path ? RR_AT_EMPTY_PATH : 0), &vn);
    if (e)
        return e;
    long r;
    if (!RR_S_ISLNK(vn->mode) || !vn->ops->readlink)
        r = (path && !path[0]) ? -ENOENT : -EINVAL;
    else if (!rr_vfs_user_ok(buf, (size_t)size))
        r = -EFAULT;
    else
        r = vn->ops->readlink(vn, buf, (size_t)size);
    rr_vnode_unref(vn);
    return r;
}

static long sys_stat(RR_FS_ARGS) { return rr_fs_fstatat(RR_AT_FDCWD, (const char *)a0, (struct rr_stat *)a1, 0); }
static long sys_lstat(RR_FS_ARGS)
{
    return rr_fs_fstatat(RR_AT_FDCWD, (const char *)a0, (struct rr_stat *)a1, RR_AT_SYMLINK_NOFOLLOW);
}
static long sys_fstat(RR_FS_ARGS) { return rr_fs_fstat((int)a0, (struct rr_stat *)a1); }
static long sys_newfstatat(RR_FS_ARGS)
{
    return rr_fs_fstatat((int)a0, (const char *)a1, (struct rr_stat *)a2, (int)a3);
}
static long sys_statx(RR_FS_ARGS)
{
    return rr_fs_statx((int)a0, (const char *)a1, (int)a2, (unsigned)a3, (struct rr_statx *)a4);
}
static long sys_access(RR_FS_ARGS) { return rr_fs_faccessat(RR_AT_FDCWD, (const char *)a0, (int)a1, 0); }
/* the original faccessat has no flags argument */
static long sys_faccessat(RR_FS_ARGS) { return rr_fs_faccessat((int)a0, (const char *)a1, (int)a2, 0); }
static long sys_faccessat2(RR_FS_ARGS) { return rr_fs_faccessat((int)a0, (const char *)a1, (int)a2, (int)a3); }
static long sys_readlink(RR_FS_ARGS) { return rr_fs_readlinkat(RR_AT_FDCWD, (const char *)a0, (char *)a1, a2); }
static long sys_readlinkat(RR_FS_ARGS) { return rr_fs_readlinkat((int)a0, (const char *)a1, (char *)a2, a3); }

RR_SYSCALL(__NR_stat, sys_stat);
RR_SYSCALL(__NR_lstat, sys_lstat);
RR_SYSCALL(__NR_fstat, sys_fstat);
RR_SYSCALL(__NR_newfstatat, sys_newfstatat);
RR_SYSCALL(__NR_statx, sys_statx);
RR_SYSCALL(__NR_access, sys_access);
RR_SYSCALL(__NR_faccessat, sys_faccessat);
RR_SYSCALL(__NR_faccessat2, sys_faccessat2);
RR_SYSCALL(__NR_readlink, sys_readlink);
RR_SYSCALL(__NR_readlinkat, sys_readlinkat);
