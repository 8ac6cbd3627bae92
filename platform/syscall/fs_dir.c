/* Directories from the program's side: reading entries and the working directory. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

/* struct linux_dirent (the original getdents): d_type sits in the record's last byte */
struct old_dirent {
    uint64_t d_ino;
    uint64_t d_off;
    uint16_t d_reclen;
    char d_name[];
};

struct fill_ctx {
    char *buf;
    size_t size, used;
    uint64_t *cookie;    /* the file system's position, current when fill runs */
    int64_t *last_off;   /* d_off of the previous record, set once the next position is known */
    bool old_format;
    bool full;
};

static int fill_entry(void *vctx, const char *name, size_t len, uint64_t ino, unsigned dtype)
{
    struct fill_ctx *c = vctx;
    if (c->last_off)
        *c->last_off = (int64_t)*c->cookie;
    c->last_off = NULL;
    size_t reclen;
    if (c->old_format)
        reclen = RR_ALIGN_UP(__builtin_offsetof(struct old_dirent, d_name) + len + 2, 8);
    else
        reclen = RR_ALIGN_UP(__builtin_offsetof(struct rr_dirent64, d_name) + len + 1, 8);
    if (c->used + reclen > c->size) {
        c->full = true;
        return 1;
    }
    char *rec = c->buf + c->used;
    rr_memset(rec, 0, reclen);
    if (c->old_format) {
        struct old_dirent *d = (struct old_dirent *)rec;
        d->d_ino = ino;
        d->d_reclen = (uint16_t)reclen;
        rr_memcpy(d->d_name, name, len);
        rec[reclen - 1] = (char)dtype;
        c->last_off = (int64_t *)&d->d_off;
    } else {
        struct rr_dirent64 *d = (struct rr_dirent64 *)rec;
        d->d_ino = ino;
        d->d_reclen = (uint16_t)reclen;
        d->d_type = (uint8_t)dtype;
        rr_memcpy(d->d_name, name, len);
        c->last_off = &d->d_off;
    }
    c->used += reclen;
    return 0;
}

static long getdents_common(int fd, void *buf, size_t count, bool old_format)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    long r;
    if (f->flags & RR_O_PATH)
        r = -EBADF;
    else if (!RR_S_ISDIR(f->vn->mode) || !f->vn->ops->readdir)
        r = -ENOTDIR;
    else if (!rr_vfs_user_ok(buf, count))
        r = -EFAULT;
    else {
        uint64_t cookie = f->off;
        struct fill_ctx c = { .buf = buf, .size = count, .cookie = &cookie, .old_format = old_format };
        r = f->vn->ops->readdir(f->vn, &cookie, fill_entry, &c);
        if (c.last_off)
            *c.last_off = (int64_t)cookie;
        if (r == 0) {
            f->off = cookie;
            r = (c.used == 0 && c.full) ? -EINVAL : (long)c.used;   /* the next entry alone is too big */
        }
    }
    rr_file_unref(f);
    return r;
}

long rr_fs_getdents64(int fd, void *buf, size_t count)
{
    return getdents_common(fd, buf, count, false);
}

long rr_fs_getdents(int fd, void *buf, size_t count)
{
    return getdents_common(fd, buf, count, true);
}

long rr_fs_chdir(const char *path)
{
    struct rr_lookup lk;
    int e = rr_vfs_lookup_at(RR_AT_FDCWD, path, RR_LOOKUP_FOLLOW, &lk);
    if (e)
        return e;
    if (RR_S_ISDIR(lk.vn->mode))
        rr_vfs_set_cwd(lk.vn);
    else
        e = -ENOTDIR;
    rr_lookup_done(&lk);
    return e;
}

long rr_fs_fchdir(int fd)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    int e = 0;
    if (RR_S_ISDIR(f->vn->mode))
        rr_vfs_set_cwd(f->vn);
    else
        e = -ENOTDIR;
    rr_file_unref(f);
    return e;
}

long rr_fs_getcwd(char *buf, size_t size)
{
    if (!rr_vfs_user_ok(buf, size))
        return -EFAULT;
    return rr_vfs_path_of(rr_vfs_cwd(), buf, size);
}

static long sys_getdents64(RR_FS_ARGS) { return rr_fs_getdents64((int)a0, (void *)a1, (size_t)a2); }
static long sys_getdents(RR_FS_ARGS) { return rr_fs_getdents((int)a0, (void *)a1, (size_t)a2); }
static long sys_chdir(RR_FS_ARGS) { return rr_fs_chdir((const char *)a0); }
static long sys_fchdir(RR_FS_ARGS) { return rr_fs_fchdir((int)a0); }
static long sys_getcwd(RR_FS_ARGS) { return rr_fs_getcwd((char *)a0, (size_t)a1); }

RR_SYSCALL(__NR_getdents64, sys_getdents64);
RR_SYSCALL(__NR_getdents, sys_getdents);
RR_SYSCALL(__NR_chdir, sys_chdir);
RR_SYSCALL(__NR_fchdir, sys_fchdir);
RR_SYSCALL(__NR_getcwd, sys_getcwd);
