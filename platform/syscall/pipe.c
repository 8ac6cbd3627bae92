/* pipe(2) and pipe2(2): two descriptors on one new pipe (vfs/pipe.c). */
#include <rr/vfs_calls.h>
#include <rr/vfs_pipe.h>
#include <rr/syscall_nr.h>

/* packet mode (O_DIRECT) is accepted and gives an ordinary byte stream */
#define PIPE2_FLAGS (RR_O_CLOEXEC | RR_O_NONBLOCK | RR_O_DIRECT)

long rr_fs_pipe2(int *fds, int flags)
{
    if (flags & ~PIPE2_FLAGS)
        return -EINVAL;
    if (!rr_vfs_user_ok(fds, 2 * sizeof(int)))
        return -EFAULT;
    struct rr_file *rd, *wr;
    int e = rr_pipe_create(flags & RR_O_NONBLOCK, &rd, &wr);
    if (e)
        return e;
    bool cloexec = (flags & RR_O_CLOEXEC) != 0;
    int a = rr_fd_install(rd, 0, cloexec);
    int b = a < 0 ? a : rr_fd_install(wr, 0, cloexec);
    if (b < 0 && a >= 0)
        rr_fd_close(a);
    rr_file_unref(rd);
    rr_file_unref(wr);
    if (b < 0)
        return b;
    fds[0] = a;
    fds[1] = b;
    return 0;
}

static long sys_pipe(RR_FS_ARGS) { return rr_fs_pipe2((int *)a0, 0); }
static long sys_pipe2(RR_FS_ARGS) { return rr_fs_pipe2((int *)a0, (int)a1); }

RR_SYSCALL(__NR_pipe, sys_pipe);
RR_SYSCALL(__NR_pipe2, sys_pipe2);
