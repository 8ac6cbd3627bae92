/* Opening and closing descriptors. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

#define CLOSE_RANGE_UNSHARE (1U << 1)
#define CLOSE_RANGE_CLOEXEC (1U << 2)

long rr_fs_openat(int dirfd, const char *path, int flags, uint32_t mode)
{
    /* like Linux, claim the descriptor number before creating anything */
    int fd = rr_fd_lowest_free(0);
    if (fd < 0)
        return fd;
    struct rr_file *f;
    int e = rr_vfs_open(dirfd, path, flags, mode, &f);
    if (e)
        return e;
    fd = rr_fd_install(f, 0, (flags & RR_O_CLOEXEC) != 0);
    rr_file_unref(f);
    return fd;
}

long rr_fs_close(int fd)
{
    return rr_fd_close(fd);
}

long rr_fs_close_range(unsigned first, unsigned last, unsigned flags)
{
    if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
        return -EINVAL;
    if (first > last)
        return -EINVAL;
    for (unsigned fd = first; fd <= last && fd < RR_FD_MAX; fd++) {
        if (flags & CLOSE_RANGE_CLOEXEC)
            rr_fd_set_cloexec((int)fd, true);
        else
            rr_fd_close((int)fd);
    }
    return 0;
}

static long sys_open(RR_FS_ARGS) { return rr_fs_openat(RR_AT_FDCWD, (const char *)a0, (int)a1, (uint32_t)a2); }
static long sys_openat(RR_FS_ARGS) { return rr_fs_openat((int)a0, (const char *)a1, (int)a2, (uint32_t)a3); }
static long sys_creat(RR_FS_ARGS)
{
    return rr_fs_openat(RR_AT_FDCWD, (const char *)a0, RR_O_CREAT | RR_O_WRONLY | RR_O_TRUNC, (uint32_t)a1);
}
static long sys_close(RR_FS_ARGS) { return rr_fs_close((int)a0); }
static long sys_close_range(RR_FS_ARGS) { return rr_fs_close_range((unsigned)a0, (unsigned)a1, (unsigned)a2); }

RR_SYSCALL(__NR_open, sys_open);
RR_SYSCALL(__NR_openat, sys_openat);
RR_SYSCALL(__NR_creat, sys_creat);
RR_SYSCALL(__NR_close, sys_close);
RR_SYSCALL(__NR_close_range, sys_close_range);
