/*
 * The vnode operations the file layer calls: each takes the mount's lock for
 * its whole run and hands the work to the file that owns it. Attributes are
 * answered from the node in memory.
 */
#include "ext2_fs.h"

static int ext2_lookup(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out)
{
    struct ext2_fs *fs = ext2_fs_of(dir);
    ext2_lock(fs);
    int e = ext2_lookup_locked(fs, ext2_node_of(dir), name, len, out);
    ext2_unlock(fs);
    return e;
}

static int make(struct rr_vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                const char *target, struct rr_vnode **out)
{
    struct ext2_fs *fs = ext2_fs_of(dir);
    ext2_lock(fs);
    int e = ext2_create_locked(fs, ext2_node_of(dir), name, len, mode, rdev, target, out);
    ext2_unlock(fs);
    return e;
}

static int ext2_create(struct rr_vnode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                       struct rr_vnode **out)
{
    return make(dir, name, len, mode, rdev, NULL, out);
}

static int ext2_mkdir(struct rr_vnode *dir, const char *name, size_t len, uint32_t mode, struct rr_vnode **out)
{
    return make(dir, name, len, RR_S_IFDIR | (mode & RR_S_IALLUGO), 0, NULL, out);
}

static int ext2_symlink(struct rr_vnode *dir, const char *name, size_t len, const char *target, struct rr_vnode **out)
{
    return make(dir, name, len, RR_S_IFLNK | 0777, 0, target, out);
}

static int ext2_link(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode *vn)
{
    if (vn->mount != dir->mount)
        return -EXDEV;
    struct ext2_fs *fs = ext2_fs_of(dir);
    ext2_lock(fs);
    int e = ext2_link_locked(fs, ext2_node_of(dir), name, len, ext2_node_of(vn));
    ext2_unlock(fs);
    return e;
}

static int remove(struct rr_vnode *dir, const char *name, size_t len, bool want_dir)
{
    struct ext2_fs *fs = ext2_fs_of(dir);
    ext2_lock(fs);
    int e = ext2_unlink_locked(fs, ext2_node_of(dir), name, len, want_dir);
    ext2_unlock(fs);
    return e;
}

static int ext2_unlink(struct rr_vnode *dir, const char *name, size_t len)
{
    return remove(dir, name, len, false);
}

static int ext2_rmdir(struct rr_vnode *dir, const char *name, size_t len)
{
    return remove(dir, name, len, true);
}

static int ext2_rename(struct rr_vnode *olddir, const char *oldname, size_t oldlen,
                       struct rr_vnode *newdir, const char *newname, size_t newlen, unsigned flags)
{
    if (olddir->mount != newdir->mount)
        return -EXDEV;
    if (flags & ~(unsigned)(RR_RENAME_NOREPLACE | RR_RENAME_EXCHANGE))
        return -EINVAL;
    struct ext2_fs *fs = ext2_fs_of(olddir);
    ext2_lock(fs);
    int e = ext2_rename_locked(fs, ext2_node_of(olddir), oldname, oldlen, ext2_node_of(newdir), newname, newlen, flags);
    ext2_unlock(fs);
    return e;
}

struct readdir_ctx {
    struct ext2_fs *fs;
    rr_filldir_fn fill;
    void *ctx;
};

static unsigned dtype_of(struct ext2_fs *fs, uint8_t ft)
{
    static const uint32_t mode_of[] = {
        [EXT2_FT_REG_FILE] = RR_S_IFREG, [EXT2_FT_DIR] = RR_S_IFDIR, [EXT2_FT_CHRDEV] = RR_S_IFCHR,
        [EXT2_FT_BLKDEV] = RR_S_IFBLK, [EXT2_FT_FIFO] = RR_S_IFIFO, [EXT2_FT_SOCK] = RR_S_IFSOCK,
        [EXT2_FT_SYMLINK] = RR_S_IFLNK,
    };
    if (!fs->filetype || ft >= RR_ARRAY_SIZE(mode_of))
        return RR_DT_UNKNOWN;
    return RR_DT_FROM_MODE(mode_of[ft]);
}

static int offer(void *vctx, const struct ext2_dirent *d, uint64_t pos)
{
    (void)pos;
    struct readdir_ctx *c = vctx;
    size_t len = c->fs->filetype ? d->name_len : (size_t)d->name_len | ((size_t)d->file_type << 8);
    return c->fill(c->ctx, d->name, len, d->inode, dtype_of(c->fs, d->file_type));
}

static int ext2_readdir(struct rr_vnode *dir, uint64_t *cookie, rr_filldir_fn fill, void *ctx)
{
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct readdir_ctx c = { fs, fill, ctx };
    ext2_lock(fs);
    int e = ext2_node_of(dir)->di.i_links_count ? ext2_dir_walk(fs, ext2_node_of(dir), cookie, offer, &c) : 0;
    ext2_unlock(fs);
    return e;
}

static uint64_t rdev_of(const struct ext2_node *n)
{
    uint32_t b0 = n->di.i_block[0], b1 = n->di.i_block[1];
    if (b0)
        return RR_MKDEV((b0 >> 8) & 0xff, b0 & 0xff);
    return RR_MKDEV((b1 & 0xfff00) >> 8, (b1 & 0xff) | ((b1 >> 12) & 0xfff00));
}

static int ext2_getattr(struct rr_vnode *vn, struct rr_vattr *va)
{
    struct ext2_fs *fs = ext2_fs_of(vn);
    struct ext2_node *n = ext2_node_of(vn);
    va->nlink = n->di.i_links_count;
    va->uid = n->di.i_uid | ((uint32_t)n->di.i_uid_high << 16);
    va->gid = n->di.i_gid | ((uint32_t)n->di.i_gid_high << 16);
    if (RR_S_ISCHR(vn->mode) || RR_S_ISBLK(vn->mode))
        va->rdev = rdev_of(n);
    va->size = n->size;
    va->blocks = n->di.i_blocks;
    va->blksize = fs->bs;
    va->atime = ext2_node_time(n, EXT2_ATIME);
    va->mtime = ext2_node_time(n, EXT2_MTIME);
    va->ctime = ext2_node_time(n, EXT2_CTIME);
    va->btime = ext2_node_time(n, EXT2_CRTIME);
    return 0;
}

static int ext2_setattr(struct rr_vnode *vn, const struct rr_vattr *va, unsigned mask)
{
    struct ext2_fs *fs = ext2_fs_of(vn);
    struct ext2_node *n = ext2_node_of(vn);
    ext2_lock(fs);
    if (mask & RR_VA_MODE)
        vn->mode = (vn->mode & RR_S_IFMT) | (va->mode & RR_S_IALLUGO);
    if (mask & RR_VA_UID) {
        n->di.i_uid = (uint16_t)va->uid;
        n->di.i_uid_high = (uint16_t)(va->uid >> 16);
    }
    if (mask & RR_VA_GID) {
        n->di.i_gid = (uint16_t)va->gid;
        n->di.i_gid_high = (uint16_t)(va->gid >> 16);
    }
    if (mask & RR_VA_ATIME)
        ext2_node_set_time(fs, n, EXT2_ATIME, va->atime);
    if (mask & RR_VA_MTIME)
        ext2_node_set_time(fs, n, EXT2_MTIME, va->mtime);
    ext2_node_set_time(fs, n, EXT2_CTIME, (mask & RR_VA_CTIME) ? va->ctime : ext2_now());
    int e = ext2_node_write(fs, n);
    ext2_unlock(fs);
    return e;
}

static int ext2_truncate(struct rr_vnode *vn, uint64_t size)
{
    if (!RR_S_ISREG(vn->mode))
        return -EINVAL;
    struct ext2_fs *fs = ext2_fs_of(vn);
    ext2_lock(fs);
    int e = ext2_truncate_locked(fs, ext2_node_of(vn), size);
    ext2_unlock(fs);
    return e;
}

static long ext2_readlink(struct rr_vnode *vn, char *buf, size_t size)
{
    struct ext2_fs *fs = ext2_fs_of(vn);
    ext2_lock(fs);
    long r = ext2_readlink_locked(fs, ext2_node_of(vn), buf, size);
    ext2_unlock(fs);
    return r;
}

/* Everything dirty goes out, not only this file's: a superset of what it
 * needs (its data, its block map, its inode, the bitmaps and counts). */
static int ext2_fsync(struct rr_vnode *vn)
{
    struct ext2_fs *fs = ext2_fs_of(vn);
    ext2_lock(fs);
    int e = ext2_sync_all(fs);
    ext2_unlock(fs);
    return e;
}

int ext2_statfs(struct rr_mount *m, struct rr_statfs *st)
{
    struct ext2_fs *fs = m->fs_data;
    uint64_t fb = 0, fi = 0;
    for (uint32_t g = 0; g < fs->groups; g++) {
        fb += fs->gd[g].bg_free_blocks_count;
        fi += fs->gd[g].bg_free_inodes_count;
    }
    st->f_type = EXT2_MAGIC;
    st->f_bsize = fs->bs;
    st->f_frsize = fs->bs;
    st->f_blocks = fs->sb.s_blocks_count;
    st->f_bfree = fb;
    st->f_bavail = fb > fs->sb.s_r_blocks_count ? fb - fs->sb.s_r_blocks_count : 0;
    st->f_files = fs->sb.s_inodes_count;
    st->f_ffree = fi;
    st->f_namelen = EXT2_NAME_LEN;
    uint32_t id[4];
    rr_memcpy(id, fs->sb.s_uuid, sizeof(id));
    st->f_fsid[0] = (int32_t)(id[0] ^ id[2]);
    st->f_fsid[1] = (int32_t)(id[1] ^ id[3]);
    return 0;
}

const struct rr_vnode_ops ext2_vnode_ops = {
    .lookup = ext2_lookup,
    .create = ext2_create,
    .mkdir = ext2_mkdir,
    .symlink = ext2_symlink,
    .link = ext2_link,
    .unlink = ext2_unlink,
    .rmdir = ext2_rmdir,
    .rename = ext2_rename,
    .readdir = ext2_readdir,
    .getattr = ext2_getattr,
    .setattr = ext2_setattr,
    .truncate = ext2_truncate,
    .readlink = ext2_readlink,
    .fsync = ext2_fsync,
    .read = ext2_read,
    .write = ext2_write,
    .inactive = ext2_inactive,
};
