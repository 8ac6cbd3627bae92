/* Data transfer calls: read/write and their vector and positional forms, lseek, sendfile. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

#define IOV_MAX 1024

long rr_fs_read(int fd, void *buf, size_t n)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r = !rr_vfs_user_ok(buf, n) ? -EFAULT : rr_file_read(f, buf, n);
    rr_file_unref(f);
    return r;
}

long rr_fs_write(int fd, const void *buf, size_t n)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r = !rr_vfs_user_ok(buf, n) ? -EFAULT : rr_file_write(f, buf, n);
    rr_file_unref(f);
    return r;
}

long rr_fs_iov_check(const struct rr_iovec *iov, size_t cnt)
{
    if (!rr_vfs_user_ok(iov, cnt * sizeof(*iov)))
        return -EFAULT;
    uint64_t total = 0;
    for (size_t i = 0; i < cnt; i++) {
        if (iov[i].iov_len > (uint64_t)INT64_MAX - total)
            return -EINVAL;
        total += iov[i].iov_len;
        if (!rr_vfs_user_ok(iov[i].iov_base, iov[i].iov_len))
            return -EFAULT;
    }
    return 0;
}

/* One segment after another, stopping at the first short transfer like Linux;
 * a file whose writev takes the vector whole (a socket) gets it in one call. */
static long vector_io(int fd, const struct rr_iovec *iov, int cnt, bool write, bool positional, long off)
{
    long e = cnt < 0 || cnt > IOV_MAX ? -EINVAL : rr_fs_iov_check(iov, (size_t)cnt);
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    if (e) {
        rr_file_unref(f);
        return e;
    }
    if (positional && (f->io->stream || RR_S_ISFIFO(f->vn->mode) || RR_S_ISSOCK(f->vn->mode))) {
        rr_file_unref(f);
        return -ESPIPE;
    }
    if (positional && off < 0) {
        rr_file_unref(f);
        return -EINVAL;
    }
    if (!(write ? rr_file_writable(f) : rr_file_readable(f))) {
        rr_file_unref(f);
        return -EBADF;
    }
    if (write && !positional && f->io->writev) {
        long r = f->io->writev(f, iov, cnt);
        if (r > 0)
            rr_vnode_poll_changed(f->vn);
        rr_file_unref(f);
        return r;
    }
    long total = 0;
    for (int i = 0; i < cnt; i++) {
        if (!iov[i].iov_len)
            continue;
        long r;
        if (positional)
            r = write ? rr_file_pwrite(f, iov[i].iov_base, iov[i].iov_len, (uint64_t)off + (uint64_t)total)
                      : rr_file_pread(f, iov[i].iov_base, iov[i].iov_len, (uint64_t)off + (uint64_t)total);
        else
            r = write ? rr_file_write(f, iov[i].iov_base, iov[i].iov_len)
                      : rr_file_read(f, iov[i].iov_base, iov[i].iov_len);
        if (r < 0) {
            if (total == 0)
                total = r;
            break;
        }
        total += r;
        if ((uint64_t)r < iov[i].iov_len)
            break;
    }
    rr_file_unref(f);
    return total;
}

long rr_fs_readv(int fd, const struct rr_iovec *iov, int cnt)
{
    return vector_io(fd, iov, cnt, false, false, 0);
}

long rr_fs_writev(int fd, const struct rr_iovec *iov, int cnt)
{
    return vector_io(fd, iov, cnt, true, false, 0);
}

long rr_fs_preadv(int fd, const struct rr_iovec *iov, int cnt, long off)
{
    return vector_io(fd, iov, cnt, false, true, off);
}

long rr_fs_pwritev(int fd, const struct rr_iovec *iov, int cnt, long off)
{
    return vector_io(fd, iov, cnt, true, true, off);
}

long rr_fs_pread(int fd, void *buf, size_t n, long off)
{
    struct rr_iovec iov = { buf, n };
    return vector_io(fd, &iov, 1, false, true, off);
}

long rr_fs_pwrite(int fd, const void *buf, size_t n, long off)
{
    struct rr_iovec iov = { (void *)buf, n };
    return vector_io(fd, &iov, 1, true, true, off);
}

long rr_fs_lseek(int fd, long off, int whence)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r;
    uint32_t type = f->vn->mode & RR_S_IFMT;
    if (f->io->stream || type == RR_S_IFIFO || type == RR_S_IFSOCK) {
        r = -ESPIPE;
    } else if (whence < RR_SEEK_SET || whence > RR_SEEK_HOLE) {
        r = -EINVAL;
    } else if (type == RR_S_IFCHR) {
        /* memory devices have no position: every seek lands at 0 */
        f->off = 0;
        r = 0;
    } else {
        struct rr_vattr va;
        int64_t base = 0;
        r = 0;
        if (whence == RR_SEEK_CUR)
            base = (int64_t)f->off;
        else if (whence != RR_SEEK_SET) {
            if (type == RR_S_IFDIR)
                r = -EINVAL;
            else if ((r = rr_vnode_getattr(f->vn, &va)) == 0)
                base = (int64_t)va.size;
        }
        if (r == 0 && (whence == RR_SEEK_DATA || whence == RR_SEEK_HOLE)) {
            if (off < 0 || off >= base)
                r = -ENXIO;
            else if (f->vn->ops->seek_data)
                r = f->vn->ops->seek_data(f->vn, (uint64_t)off, whence == RR_SEEK_HOLE);
            else
                r = whence == RR_SEEK_DATA ? off : base;   /* one extent of data up to the end */
            if (r >= 0)
                f->off = (uint64_t)r;
        } else if (r == 0) {
            int64_t pos;
            if (__builtin_add_overflow(base, off, &pos))
                r = -EOVERFLOW;
            else if (pos < 0)
                r = -EINVAL;
            else {
                f->off = (uint64_t)pos;
                r = pos;
            }
        }
    }
    rr_file_unref(f);
    return r;
}

long rr_fs_sendfile(int out_fd, int in_fd, long *offset, size_t count)
{
    struct rr_file *in = rr_fd_get(in_fd), *out = rr_fd_get(out_fd);
    long r = 0;
    if (!in || !out || !rr_file_readable(in) || !rr_file_writable(out))
        r = -EBADF;
    else if (!RR_S_ISREG(in->vn->mode) || (out->flags & RR_O_APPEND))
        r = -EINVAL;
    else if (offset && *offset < 0)
        r = -EINVAL;
    char *bounce = r ? NULL : rr_malloc(RR_PAGE_SIZE);
    if (!r && !bounce)
        r = -ENOMEM;
    if (!r) {
        uint64_t pos = offset ? (uint64_t)*offset : in->off;
        long total = 0;
        while ((size_t)total < count) {
            size_t want = count - (size_t)total < RR_PAGE_SIZE ? count - (size_t)total : RR_PAGE_SIZE;
            long got = rr_file_pread(in, bounce, want, pos);
            if (got <= 0) {
                if (got < 0 && total == 0)
                    total = got;
                break;
            }
            long put = rr_file_write(out, bounce, (size_t)got);
            if (put <= 0) {
                if (put < 0 && total == 0)
                    total = put;
                break;
            }
            pos += (uint64_t)put;
            total += put;
            if (put < got)
                break;
        }
        if (total >= 0) {
            if (offset)
                *offset = (long)pos;
            else
                in->off = pos;
        }
        r = total;
    }
    rr_free(bounce);
    rr_file_unref(in);
    rr_file_unref(out);
    return r;
}

static long sys_read(RR_FS_ARGS) { return rr_fs_read((int)a0, (void *)a1, (size_t)a2); }
static long sys_write(RR_FS_ARGS) { return rr_fs_write((int)a0, (const void *)a1, (size_t)a2); }
static long sys_readv(RR_FS_ARGS) { return rr_fs_readv((int)a0, (const struct rr_iovec *)a1, (int)a2); }
static long sys_writev(RR_FS_ARGS) { return rr_fs_writev((int)a0, (const struct rr_iovec *)a1, (int)a2); }
static long sys_pread64(RR_FS_ARGS) { return rr_fs_pread((int)a0, (void *)a1, (size_t)a2, a3); }
static long sys_pwrite64(RR_FS_ARGS) { return rr_fs_pwrite((int)a0, (const void *)a1, (size_t)a2, a3); }
/* on 64-bit the low word (a3) is the whole offset */
static long sys_preadv(RR_FS_ARGS) { return rr_fs_preadv((int)a0, (const struct rr_iovec *)a1, (int)a2, a3); }
static long sys_pwritev(RR_FS_ARGS) { return rr_fs_pwritev((int)a0, (const struct rr_iovec *)a1, (int)a2, a3); }
static long sys_lseek(RR_FS_ARGS) { return rr_fs_lseek((int)a0, a1, (int)a2); }
static long sys_sendfile(RR_FS_ARGS) { return rr_fs_sendfile((int)a0, (int)a1, (long *)a2, (size_t)a3); }

RR_SYSCALL(__NR_read, sys_read);
RR_SYSCALL(__NR_write, sys_write);
RR_SYSCALL(__NR_readv, sys_readv);
RR_SYSCALL(__NR_writev, sys_writev);
RR_SYSCALL(__NR_pread64, sys_pread64);
RR_SYSCALL(__NR_pwrite64, sys_pwrite64);
RR_SYSCALL(__NR_preadv, sys_preadv);
RR_SYSCALL(__NR_pwritev, sys_pwritev);
RR_SYSCALL(__NR_lseek, sys_lseek);
RR_SYSCALL(__NR_sendfile, sys_sendfile);
