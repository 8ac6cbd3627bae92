/* Changing names: mkdir, mknod, unlink, rmdir, link, symlink, rename. */
#include <rr/vfs_calls.h>
#include <rr/syscall_nr.h>

static bool read_only(struct rr_vnode *vn)
{
    return vn->mount && (vn->mount->flags & RR_MNT_RDONLY);
}

static bool is_mount_root(struct rr_vnode *vn)
{
    return vn == rr_vfs_root() || (vn->mount && vn->mount->root == vn && vn->mount->covered);
}

/* Looks up where a new name goes: it must not exist yet. */
static int lookup_new(int dirfd, const char *path, bool dir_ok, struct rr_lookup *lk)
{
    int e = rr_vfs_lookup_at(dirfd, path, RR_LOOKUP_PARENT, lk);
    if (e)
        return e;
    if (lk->vn)
        e = -EEXIST;
    else if (lk->trailing_slash && !dir_ok)
        e = -ENOENT;   /* "name/" can only ever be a directory */
    else if (read_only(lk->parent))
        e = -EROFS;
    if (e)
        rr_lookup_done(lk);
    return e;
}

long rr_fs_mkdirat(int dirfd, const char *path, uint32_t mode)
{
    struct rr_lookup lk;
    int e = lookup_new(dirfd, path, true, &lk);
    if (e)
        return e;
    struct rr_vnode *vn;
    if (!lk.parent->ops->mkdir)
        e = -EPERM;
    else
        e = lk.parent->ops->mkdir(lk.parent, lk.name, lk.len, mode & (0777 | RR_S_ISVTX) & ~rr_vfs_umask(), &vn);
    if (!e)
        rr_vnode_unref(vn);
    rr_lookup_done(&lk);
    return e;
}

long rr_fs_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev)
{
    uint32_t type = mode & RR_S_IFMT;
    if (type == 0)
        type = RR_S_IFREG;
    if (type == RR_S_IFDIR)
        return -EPERM;
    if (type != RR_S_IFREG && type != RR_S_IFCHR && type != RR_S_IFBLK && type != RR_S_IFIFO && type != RR_S_IFSOCK)
        return -EINVAL;
    struct rr_lookup lk;
    int e = lookup_new(dirfd, path, false, &lk);
    if (e)
        return e;
    struct rr_vnode *vn;
    if (!lk.parent->ops->create)
        e = -EPERM;
    else
        e = lk.parent->ops->create(lk.parent, lk.name, lk.len, type | (mode & RR_S_IALLUGO & ~rr_vfs_umask()),
                                   (type == RR_S_IFCHR || type == RR_S_IFBLK) ? dev : 0, &vn);
    if (!e)
        rr_vnode_unref(vn);
    rr_lookup_done(&lk);
    return e;
}

static int do_rmdir(struct rr_lookup *lk)
{
    if (lk->vn == rr_vfs_root())
        return -EBUSY;
    if (lk->dot)
        return lk->len == 1 ? -EINVAL : -ENOTEMPTY;
    if (!RR_S_ISDIR(lk->vn->mode))
        return -ENOTDIR;
    if (is_mount_root(lk->vn))
        return -EBUSY;
    if (read_only(lk->parent))
        return -EROFS;
    if (!lk->parent->ops->rmdir)
        return -EPERM;
    return lk->parent->ops->rmdir(lk->parent, lk->name, lk->len);
}

static int do_unlink(struct rr_lookup *lk)
{
    if (lk->dot || RR_S_ISDIR(lk->vn->mode))
        return -EISDIR;
    if (lk->trailing_slash)
        return -ENOTDIR;
    if (read_only(lk->parent))
        return -EROFS;
    if (!lk->parent->ops->unlink)
        return -EPERM;
    return lk->parent->ops->unlink(lk->parent, lk->name, lk->len);
}

long rr_fs_unlinkat(int dirfd, const char *path, int flags)
{
    if (flags & ~RR_AT_REMOVEDIR)
        return -EINVAL;
    struct rr_lookup lk;
    int e = rr_vfs_lookup_at(dirfd, path, RR_LOOKUP_PARENT, &lk);
    if (e)
        return e;
    if (!lk.vn)
        e = -ENOENT;
    else
        e = (flags & RR_AT_REMOVEDIR) ? do_rmdir(&lk) : do_unlink(&lk);
    rr_lookup_done(&lk);
    return e;
}

long rr_fs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    if (flags & ~(RR_AT_SYMLINK_FOLLOW | RR_AT_EMPTY_PATH))
        return -EINVAL;
    struct rr_vnode *old;
    int e;
    if ((flags & RR_AT_EMPTY_PATH) && oldpath && !oldpath[0]) {
        struct rr_file *f = rr_fd_get(olddirfd);
        if (!f)
            return -EBADF;
        old = rr_vnode_ref(f->vn);
        rr_file_unref(f);
    } else {
        struct rr_lookup lk;
        e = rr_vfs_lookup_at(olddirfd, oldpath, (flags & RR_AT_SYMLINK_FOLLOW) ? RR_LOOKUP_FOLLOW : 0, &lk);
        if (e)
            return e;
        old = rr_vnode_ref(lk.vn);
        rr_lookup_done(&lk);
    }
    struct rr_lookup nk;
    e = lookup_new(newdirfd, newpath, false, &nk);
    if (!e) {
        if (RR_S_ISDIR(old->mode))
            e = -EPERM;
        else if (old->mount != nk.parent->mount)
            e = -EXDEV;
        else if (!nk.parent->ops->link)
            e = -EPERM;
        else
            e = nk.parent->ops->link(nk.parent, nk.name, nk.len, old);
        rr_lookup_done(&nk);
    }
    rr_vnode_unref(old);
    return e;
}

long rr_fs_symlinkat(const char *target, int newdirfd, const char *linkpath)
{
    int e;
    char *t = rr_vfs_copy_path(target, &e);
    if (!t)
        return e;
    if (!t[0]) {
        rr_free(t);
        return -ENOENT;
    }
    struct rr_lookup lk;
    e = lookup_new(newdirfd, linkpath, false, &lk);
    if (!e) {
        struct rr_vnode *vn;
        if (!lk.parent->ops->symlink)
            e = -EPERM;
        else
            e = lk.parent->ops->symlink(lk.parent, lk.name, lk.len, t, &vn);
        if (!e)
            rr_vnode_unref(vn);
        rr_lookup_done(&lk);
    }
    rr_free(t);
    return e;
}

/* Whether dir is anc or lies below it (following ".." up to the root). */
static bool is_below(struct rr_vnode *dir, struct rr_vnode *anc)
{
    struct rr_vnode *root = rr_vfs_root();
    struct rr_vnode *cur = rr_vnode_ref(dir);
    bool below = false;
    for (;;) {
        if (cur == anc) {
            below = true;
            break;
        }
        if (cur == root)
            break;
        struct rr_vnode *up;
        if (rr_vfs_step(cur, "..", 2, &up) != 0)
            break;
        bool stuck = up == cur;
        rr_vnode_unref(cur);
        cur = up;
        if (stuck)
            break;
    }
    rr_vnode_unref(cur);
    return below;
}

static int check_rename(struct rr_lookup *o, struct rr_lookup *n, unsigned flags)
{
    if (!o->vn)
        return -ENOENT;
    if (o->dot || n->dot)
        return -EBUSY;
    if (o->parent->mount != n->parent->mount)
        return -EXDEV;
    bool odir = RR_S_ISDIR(o->vn->mode);
    if ((o->trailing_slash || n->trailing_slash) && !odir)
        return -ENOTDIR;
    if (is_mount_root(o->vn) || (n->vn && is_mount_root(n->vn)))
        return -EBUSY;
    if (n->vn) {
        if (flags & RR_RENAME_NOREPLACE)
            return -EEXIST;
        if (n->vn == o->vn)
            return 1;   /* the same file: nothing to do */
        bool ndir = RR_S_ISDIR(n->vn->mode);
        if (!(flags & RR_RENAME_EXCHANGE)) {
            if (odir && !ndir)
                return -ENOTDIR;
            if (!odir && ndir)
                return -EISDIR;
        } else if (ndir && is_below(o->parent, n->vn)) {
            return -EINVAL;
        }
    } else if (flags & RR_RENAME_EXCHANGE) {
        return -ENOENT;
    }
    if (odir && is_below(n->parent, o->vn))
        return -EINVAL;   /* a directory cannot move into itself */
    if (n->vn && RR_S_ISDIR(n->vn->mode) && !(flags & RR_RENAME_EXCHANGE) && is_below(o->parent, n->vn))
        return -ENOTEMPTY;   /* the target is an ancestor of the source, so not empty */
    if (read_only(o->parent))
        return -EROFS;
    if (!o->parent->ops->rename)
        return -EPERM;
    return 0;
}

long rr_fs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags)
{
    if (flags & ~(RR_RENAME_NOREPLACE | RR_RENAME_EXCHANGE | RR_RENAME_WHITEOUT))
        return -EINVAL;
    if ((flags & RR_RENAME_WHITEOUT) || ((flags & RR_RENAME_NOREPLACE) && (flags & RR_RENAME_EXCHANGE)))
        return -EINVAL;
    struct rr_lookup o, n;
    int e = rr_vfs_lookup_at(olddirfd, oldpath, RR_LOOKUP_PARENT, &o);
    if (e)
        return e;
    e = rr_vfs_lookup_at(newdirfd, newpath, RR_LOOKUP_PARENT, &n);
    if (e) {
        rr_lookup_done(&o);
        return e;
    }
    e = check_rename(&o, &n, flags);
    if (e == 0)
        e = o.parent->ops->rename(o.parent, o.name, o.len, n.parent, n.name, n.len, flags);
    else if (e == 1)
        e = 0;
    rr_lookup_done(&n);
    rr_lookup_done(&o);
    return e;
}

static long sys_mkdir(RR_FS_ARGS) { return rr_fs_mkdirat(RR_AT_FDCWD, (const char *)a0, (uint32_t)a1); }
static long sys_mkdirat(RR_FS_ARGS) { return rr_fs_mkdirat((int)a0, (const char *)a1, (uint32_t)a2); }
static long sys_mknod(RR_FS_ARGS) { return rr_fs_mknodat(RR_AT_FDCWD, (const char *)a0, (uint32_t)a1, (uint64_t)a2); }
static long sys_mknodat(RR_FS_ARGS) { return rr_fs_mknodat((int)a0, (const char *)a1, (uint32_t)a2, (uint64_t)a3); }
static long sys_rmdir(RR_FS_ARGS) { return rr_fs_unlinkat(RR_AT_FDCWD, (const char *)a0, RR_AT_REMOVEDIR); }
static long sys_unlink(RR_FS_ARGS) { return rr_fs_unlinkat(RR_AT_FDCWD, (const char *)a0, 0); }
static long sys_unlinkat(RR_FS_ARGS) { return rr_fs_unlinkat((int)a0, (const char *)a1, (int)a2); }
static long sys_link(RR_FS_ARGS) { return rr_fs_linkat(RR_AT_FDCWD, (const char *)a0, RR_AT_FDCWD, (const char *)a1, 0); }
static long sys_linkat(RR_FS_ARGS)
{
    return rr_fs_linkat((int)a0, (const char *)a1, (int)a2, (const char *)a3, (int)a4);
}
static long sys_symlink(RR_FS_ARGS) { return rr_fs_symlinkat((const char *)a0, RR_AT_FDCWD, (const char *)a1); }
static long sys_symlinkat(RR_FS_ARGS) { return rr_fs_symlinkat((const char *)a0, (int)a1, (const char *)a2); }
static long sys_rename(RR_FS_ARGS)
{
    return rr_fs_renameat2(RR_AT_FDCWD, (const char *)a0, RR_AT_FDCWD, (const char *)a1, 0);
}
static long sys_renameat(RR_FS_ARGS) { return rr_fs_renameat2((int)a0, (const char *)a1, (int)a2, (const char *)a3, 0); }
static long sys_renameat2(RR_FS_ARGS)
{
    return rr_fs_renameat2((int)a0, (const char *)a1, (int)a2, (const char *)a3, (unsigned)a4);
}

RR_SYSCALL(__NR_mkdir, sys_mkdir);
RR_SYSCALL(__NR_mkdirat, sys_mkdirat);
RR_SYSCALL(__NR_mknod, sys_mknod);
RR_SYSCALL(__NR_mknodat, sys_mknodat);
RR_SYSCALL(__NR_rmdir, sys_rmdir);
RR_SYSCALL(__NR_unlink, sys_unlink);
RR_SYSCALL(__NR_unlinkat, sys_unlinkat);
RR_SYSCALL(__NR_link, sys_link);
RR_SYSCALL(__NR_linkat, sys_linkat);
RR_SYSCALL(__NR_symlink, sys_symlink);
RR_SYSCALL(__NR_symlinkat, sys_symlinkat);
RR_SYSCALL(__NR_rename, sys_rename);
RR_SYSCALL(__NR_renameat, sys_renameat);
RR_SYSCALL(__NR_renameat2, sys_renameat2);
