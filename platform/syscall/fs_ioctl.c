/* ioctl: requests every descriptor understands here, the rest go to the device. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

long rr_fs_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r;
    if (f->flags & RR_O_PATH) {
        r = -EBADF;
    } else if (cmd == RR_FIOCLEX || cmd == RR_FIONCLEX) {
        r = rr_fd_set_cloexec(fd, cmd == RR_FIOCLEX);
    } else if (cmd == RR_FIONBIO || cmd == RR_FIOASYNC) {
        int *on = (int *)arg;
        int bit = cmd == RR_FIONBIO ? RR_O_NONBLOCK : RR_O_ASYNC;
        if (!rr_vfs_user_ok(on, sizeof(*on)))
            r = -EFAULT;
        else {
            f->flags = *on ? (f->flags | bit) : (f->flags & ~bit);
            r = 0;
        }
    } else if (cmd == RR_FIONREAD && RR_S_ISREG(f->vn->mode)) {
        struct rr_vattr va;
        int *out = (int *)arg;
        r = rr_vnode_getattr(f->vn, &va);
        if (!r && !rr_vfs_user_ok(out, sizeof(*out)))
            r = -EFAULT;
        if (!r) {
            uint64_t left = va.size > f->off ? va.size - f->off : 0;
            *out = left > INT32_MAX ? INT32_MAX : (int)left;
        }
    } else if (f->io->ioctl) {
        r = f->io->ioctl(f, cmd, arg);
    } else {
        r = -ENOTTY;
    }
    rr_file_unref(f);
    return r;
}

static long sys_ioctl(RR_FS_ARGS) { return rr_fs_ioctl((int)a0, (unsigned long)a1, (unsigned long)a2); }

RR_SYSCALL(__NR_ioctl, sys_ioctl);
