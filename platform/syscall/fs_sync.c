/* Flushing: memory-backed files have nothing to write back unless their file system says so. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>
#include <rr/mount.h>

#define POSIX_FADV_NOREUSE 5

long rr_fs_fsync(int fd)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long e = 0;
    if (f->flags & RR_O_PATH)
        e = -EBADF;
    else if (f->io->stream || RR_S_ISCHR(f->vn->mode) || RR_S_ISFIFO(f->vn->mode) || RR_S_ISSOCK(f->vn->mode))
        e = -EINVAL;   /* as Linux answers for ttys, pipes and sockets */
    else if (f->vn->ops->fsync)
        e = f->vn->ops->fsync(f->vn);
    rr_file_unref(f);
    return e;
}

static long sys_fsync(RR_FS_ARGS) { return rr_fs_fsync((int)a0); }
static long sys_fdatasync(RR_FS_ARGS) { return rr_fs_fsync((int)a0); }
static long sys_sync(RR_FS_ARGS)
{
    rr_block_sync_all();    /* sync(2) reports nothing, as on Linux */
    return 0;
}
static long sys_syncfs(RR_FS_ARGS)
{
    struct rr_file *f = rr_fd_get((int)a0);
    if (!f)
        return -EBADF;
    long e = rr_block_sync_mount(f->vn->mount);
    rr_file_unref(f);
    return e;
}
static long sys_sync_file_range(RR_FS_ARGS)
{
    struct rr_file *f = rr_fd_get((int)a0);
    if (!f)
        return -EBADF;
    long e = (a1 < 0 || a2 < 0 || (a3 & ~7L)) ? -EINVAL : (RR_S_ISREG(f->vn->mode) || RR_S_ISDIR(f->vn->mode)) ? 0 : -ESPIPE;
    rr_file_unref(f);
    return e;
}
static long sys_fadvise64(RR_FS_ARGS)
{
    struct rr_file *f = rr_fd_get((int)a0);
    if (!f)
        return -EBADF;
    long e = 0;
    if (f->io->stream || RR_S_ISFIFO(f->vn->mode))
        e = -ESPIPE;
    else if (a3 < 0 || a3 > POSIX_FADV_NOREUSE || a2 < 0)
        e = -EINVAL;
    rr_file_unref(f);
    return e;
}

RR_SYSCALL(__NR_fsync, sys_fsync);
RR_SYSCALL(__NR_fdatasync, sys_fdatasync);
RR_SYSCALL(__NR_sync, sys_sync);
RR_SYSCALL(__NR_syncfs, sys_syncfs);
RR_SYSCALL(__NR_sync_file_range, sys_sync_file_range);
RR_SYSCALL(__NR_fadvise64, sys_fadvise64);
