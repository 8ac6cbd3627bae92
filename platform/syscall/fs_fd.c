/* Descriptor manipulation: dup family, fcntl, flock. */
#include <rr/vfs_calls.h>
#include <rr/vfs_pipe.h>
#include <rr/syscall_nr.h>

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

long rr_fs_dup(int fd)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r = rr_fd_install(f, 0, false);
    rr_file_unref(f);
    return r;
}

long rr_fs_dup3(int oldfd, int newfd, int flags)
{
    if (flags & ~RR_O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    struct rr_file *f = rr_fd_get(oldfd);
    if (!f)
        return -EBADF;
    long r = rr_fd_install_at(f, newfd, (flags & RR_O_CLOEXEC) != 0);
    rr_file_unref(f);
    return r;
}

long rr_fs_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd) {
        struct rr_file *f = rr_fd_get(oldfd);
        if (!f)
            return -EBADF;
        rr_file_unref(f);
        return newfd;
    }
    return rr_fs_dup3(oldfd, newfd, 0);
}

/* Record locks: one process owns every file, so every lock is granted and none conflicts. */
static long record_lock(struct rr_file *f, int cmd, struct rr_flock *fl)
{
    if (!rr_vfs_user_ok(fl, sizeof(*fl)))
        return -EFAULT;
    if (fl->l_type != RR_F_RDLCK && fl->l_type != RR_F_WRLCK && fl->l_type != RR_F_UNLCK)
        return -EINVAL;
    if (fl->l_whence < RR_SEEK_SET || fl->l_whence > RR_SEEK_END)
        return -EINVAL;
    if (cmd == RR_F_GETLK || cmd == RR_F_OFD_GETLK) {
        if (fl->l_type == RR_F_UNLCK)
            return -EINVAL;
        fl->l_type = RR_F_UNLCK;
        return 0;
    }
    if (fl->l_type == RR_F_RDLCK && !rr_file_readable(f))
        return -EBADF;
    if (fl->l_type == RR_F_WRLCK && !rr_file_writable(f))
        return -EBADF;
    return 0;
}

long rr_fs_fcntl(int fd, int cmd, unsigned long arg)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r;
    bool path_only = (f->flags & RR_O_PATH) != 0;
    switch (cmd) {
    case RR_F_DUPFD:
    case RR_F_DUPFD_CLOEXEC:
        if ((long)arg < 0 || arg >= RR_FD_MAX)
            r = -EINVAL;
        else
            r = rr_fd_install(f, (int)arg, cmd == RR_F_DUPFD_CLOEXEC);
        break;
    case RR_F_GETFD:
        r = rr_fd_cloexec(fd) ? RR_FD_CLOEXEC : 0;
        break;
    case RR_F_SETFD:
        r = rr_fd_set_cloexec(fd, (arg & RR_FD_CLOEXEC) != 0);
        break;
    case RR_F_GETFL:
        r = f->flags;
        break;
    case RR_F_SETFL:
        if (path_only)
            r = -EBADF;
        else {
            f->flags = (f->flags & ~RR_O_SETFL_MASK) | ((int)arg & RR_O_SETFL_MASK);
            r = 0;
        }
        break;
    case RR_F_GETLK:
    case RR_F_SETLK:
    case RR_F_SETLKW:
    case RR_F_OFD_GETLK:
    case RR_F_OFD_SETLK:
    case RR_F_OFD_SETLKW:
        r = path_only ? -EBADF : record_lock(f, cmd, (struct rr_flock *)arg);
        break;
    case RR_F_GETOWN:
    case RR_F_SETOWN:
    case RR_F_SETSIG:
    case RR_F_GETSIG:
        r = 0;
        break;
    case RR_F_GETLEASE:
        r = RR_F_UNLCK;
        break;
    case RR_F_GETPIPE_SZ:
    case RR_F_SETPIPE_SZ:
        r = rr_pipe_size(f, cmd == RR_F_SETPIPE_SZ, arg);
        break;
    default:
        r = -EINVAL;
        break;
    }
    rr_file_unref(f);
    return r;
}

long rr_fs_flock(int fd, int op)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    int kind = op & ~LOCK_NB;
    long r = (kind == LOCK_SH || kind == LOCK_EX || kind == LOCK_UN) ? 0 : -EINVAL;
    if (!r && (f->flags & RR_O_PATH))
        r = -EBADF;
    rr_file_unref(f);
    return r;
}

static long sys_dup(RR_FS_ARGS) { return rr_fs_dup((int)a0); }
static long sys_dup2(RR_FS_ARGS) { return rr_fs_dup2((int)a0, (int)a1); }
static long sys_dup3(RR_FS_ARGS) { return rr_fs_dup3((int)a0, (int)a1, (int)a2); }
static long sys_fcntl(RR_FS_ARGS) { return rr_fs_fcntl((int)a0, (int)a1, (unsigned long)a2); }
static long sys_flock(RR_FS_ARGS) { return rr_fs_flock((int)a0, (int)a1); }

RR_SYSCALL(__NR_dup, sys_dup);
RR_SYSCALL(__NR_dup2, sys_dup2);
RR_SYSCALL(__NR_dup3, sys_dup3);
RR_SYSCALL(__NR_fcntl, sys_fcntl);
RR_SYSCALL(__NR_flock, sys_flock);
