/* File system statistics. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

#define ST_VALID 0x20

static int statfs_vnode(struct rr_vnode *vn, struct rr_statfs *st)
{
    if (!rr_vfs_user_ok(st, sizeof(*st)))
        return -EFAULT;
    rr_memset(st, 0, sizeof(*st));
    st->f_bsize = RR_PAGE_SIZE;
    st->f_frsize = RR_PAGE_SIZE;
    st->f_namelen = RR_NAME_MAX;
    st->f_flags = ST_VALID;
    struct rr_mount *m = vn->mount;
    if (!m)
        return 0;
    st->f_fsid[0] = (int32_t)(uint32_t)m->dev;
    st->f_fsid[1] = (int32_t)(uint32_t)(m->dev >> 32);
    if (m->flags & RR_MNT_RDONLY)
        st->f_flags |= RR_ST_RDONLY;
    return m->statfs ? m->statfs(m, st) : 0;
}

long rr_fs_statfs(const char *path, struct rr_statfs *st)
{
    struct rr_lookup lk;
    int e = rr_vfs_lookup_at(RR_AT_FDCWD, path, RR_LOOKUP_FOLLOW, &lk);
    if (e)
        return e;
    e = statfs_vnode(lk.vn, st);
    rr_lookup_done(&lk);
    return e;
}

long rr_fs_fstatfs(int fd, struct rr_statfs *st)
{
    struct rr_file *f = rr_fd_get(fd);
    if (!f)
        return -EBADF;
    int e = statfs_vnode(f->vn, st);
    rr_file_unref(f);
    return e;
}

static long sys_statfs(RR_FS_ARGS) { return rr_fs_statfs((const char *)a0, (struct rr_statfs *)a1); }
static long sys_fstatfs(RR_FS_ARGS) { return rr_fs_fstatfs((int)a0, (struct rr_statfs *)a1); }

RR_SYSCALL(__NR_statfs, sys_statfs);
RR_SYSCALL(__NR_fstatfs, sys_fstatfs);
