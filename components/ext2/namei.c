/*
 * Names: creating, linking, removing and renaming entries, with the link
 * counts ext2 keeps (a directory has 2 + its subdirectories: its own "." and
 * each child's ".."). The generic layer has already checked existence, types
 * and loops; what is checked again here is what only the disk knows.
 */
#include "ext2_fs.h"

int ext2_lookup_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, struct rr_vnode **out)
{
    if (dir->di.i_links_count == 0)
        return -ENOENT;
    uint32_t ino;
    int e = ext2_dir_find(fs, dir, name, len, &ino, NULL);
    if (e)
        return e;
    struct ext2_node *n;
    e = ext2_node_get(fs, ino, &n);
    if (e)
        return e;
    *out = &n->vn;
    return 0;
}

static void encode_rdev(struct ext2_node *n, uint64_t rdev)
{
    uint32_t major = RR_DEV_MAJOR(rdev), minor = RR_DEV_MINOR(rdev);
    if (major < 256 && minor < 256) {
        n->di.i_block[0] = (major << 8) | minor;
    } else {
        n->di.i_block[0] = 0;
        n->di.i_block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
    }
}

static int init_contents(struct ext2_fs *fs, struct ext2_node *dir, struct ext2_node *n, uint64_t rdev,
                         const char *target)
{
    uint32_t mode = n->vn.mode;
    if (RR_S_ISDIR(mode)) {
        n->di.i_links_count = 2;
        return ext2_dir_init(fs, n, dir->ino);
    }
    if (RR_S_ISLNK(mode)) {
        size_t tlen = rr_strlen(target);
        if (tlen < EXT2_FAST_LINK_MAX) {
            rr_memcpy(n->di.i_block, target, tlen);
            ext2_node_set_size(n, tlen);
            return ext2_node_write(fs, n);
        }
        long w = ext2_write_locked(fs, n, target, tlen, 0);
        if (w < 0)
            return (int)w;
        return w == (long)tlen ? ext2_node_write(fs, n) : -ENOSPC;
    }
    if (RR_S_ISCHR(mode) || RR_S_ISBLK(mode))
        encode_rdev(n, rdev);
    return ext2_node_write(fs, n);
}

int ext2_create_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, uint32_t mode,
                       uint64_t rdev, const char *target, struct rr_vnode **out)
{
    if (dir->di.i_links_count == 0)
        return -ENOENT;
    bool is_dir = RR_S_ISDIR(mode);
    if (is_dir && dir->di.i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    if (target && rr_strlen(target) >= fs->bs)
        return -ENAMETOOLONG;
    struct ext2_node *n;
    int e = ext2_node_new(fs, dir, mode, &n);
    if (e)
        return e;
    e = init_contents(fs, dir, n, rdev, target);
    if (!e)
        e = ext2_dir_add(fs, dir, name, len, n->ino, ext2_ftype_of_mode(mode));
    if (e) {
        n->di.i_links_count = 0;
        ext2_node_put(fs, n);
        return e;
    }
    if (is_dir) {
        dir->di.i_links_count++;
        ext2_node_write(fs, dir);
    }
    *out = &n->vn;
    return 0;
}

int ext2_link_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, struct ext2_node *n)
{
    if (dir->di.i_links_count == 0 || n->di.i_links_count == 0)
        return -ENOENT;
    if (n->di.i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    int e = ext2_dir_add(fs, dir, name, len, n->ino, ext2_ftype_of_mode(n->vn.mode));
    if (e)
        return e;
    n->di.i_links_count++;
    ext2_node_set_time(fs, n, EXT2_CTIME, ext2_now());
    return ext2_node_write(fs, n);
}

/* n lost the name it had in dir (the entry is already gone or replaced). */
static int drop_name(struct ext2_fs *fs, struct ext2_node *dir, struct ext2_node *n)
{
    if (RR_S_ISDIR(n->vn.mode)) {
        n->di.i_links_count = 0;
        if (dir->di.i_links_count > 2)
            dir->di.i_links_count--;
        int e = ext2_node_write(fs, dir);
        if (e)
            return e;
    } else if (n->di.i_links_count) {
        n->di.i_links_count--;
    }
    ext2_node_set_time(fs, n, EXT2_CTIME, ext2_now());
    return ext2_node_write(fs, n);
}

int ext2_unlink_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, bool want_dir)
{
    uint32_t ino;
    struct ext2_dirloc loc;
    int e = ext2_dir_find(fs, dir, name, len, &ino, &loc);
    if (e)
        return e;
    struct ext2_node *n;
    e = ext2_node_get(fs, ino, &n);
    if (e)
        return e;
    bool is_dir = RR_S_ISDIR(n->vn.mode);
    if (want_dir && !is_dir)
        e = -ENOTDIR;
    else if (!want_dir && is_dir)
        e = -EISDIR;
    else if (is_dir) {
        bool empty;
        e = ext2_dir_is_empty(fs, n, &empty);
        if (!e && !empty)
            e = -ENOTEMPTY;
    }
    if (!e)
        e = ext2_dir_remove(fs, dir, &loc);
    if (!e)
        e = drop_name(fs, dir, n);
    ext2_node_put(fs, n);
    return e;
}

static int exchange(struct ext2_fs *fs, struct ext2_node *olddir, struct ext2_dirloc *oloc, struct ext2_node *n,
                    struct ext2_node *newdir, struct ext2_dirloc *nloc, struct ext2_node *v)
{
    int e = ext2_dir_retarget(fs, olddir, oloc, v->ino, ext2_ftype_of_mode(v->vn.mode));
    if (!e)
        e = ext2_dir_retarget(fs, newdir, nloc, n->ino, ext2_ftype_of_mode(n->vn.mode));
    if (e || olddir == newdir)
        goto times;
    bool ndir = RR_S_ISDIR(n->vn.mode), vdir = RR_S_ISDIR(v->vn.mode);
    if (ndir)
        e = ext2_dir_set_parent(fs, n, newdir->ino);
    if (!e && vdir)
        e = ext2_dir_set_parent(fs, v, olddir->ino);
    if (ndir != vdir) {
        struct ext2_node *gains = ndir ? newdir : olddir, *loses = ndir ? olddir : newdir;
        gains->di.i_links_count++;
        loses->di.i_links_count--;
        ext2_node_write(fs, gains);
        ext2_node_write(fs, loses);
    }
times:
    ext2_node_set_time(fs, n, EXT2_CTIME, ext2_now());
    ext2_node_set_time(fs, v, EXT2_CTIME, ext2_now());
    ext2_node_write(fs, n);
    ext2_node_write(fs, v);
    return e;
}

static int move(struct ext2_fs *fs, struct ext2_node *olddir, const char *oldname, size_t oldlen, struct ext2_node *n,
                struct ext2_node *newdir, const char *newname, size_t newlen, struct ext2_dirloc *nloc,
                struct ext2_node *victim)
{
    bool is_dir = RR_S_ISDIR(n->vn.mode);
    int e;
    if (victim) {
        if (RR_S_ISDIR(victim->vn.mode)) {
            bool empty;
            e = ext2_dir_is_empty(fs, victim, &empty);
            if (e)
                return e;
            if (!empty)
                return -ENOTEMPTY;
        }
        e = ext2_dir_retarget(fs, newdir, nloc, n->ino, ext2_ftype_of_mode(n->vn.mode));
        if (!e)
            e = drop_name(fs, newdir, victim);
    } else {
        if (newdir->di.i_links_count == 0)
            return -ENOENT;
        if (is_dir && olddir != newdir && newdir->di.i_links_count >= EXT2_LINK_MAX)
            return -EMLINK;
        e = ext2_dir_add(fs, newdir, newname, newlen, n->ino, ext2_ftype_of_mode(n->vn.mode));
    }
    if (e)
        return e;
    /* adding may have split the record before the old entry: find it again */
    uint32_t ino;
    struct ext2_dirloc oloc;
    e = ext2_dir_find(fs, olddir, oldname, oldlen, &ino, &oloc);
    if (!e && ino != n->ino)
        e = ext2_corrupt(fs, "directory inode %u changed under a rename", olddir->ino);
    if (!e)
        e = ext2_dir_remove(fs, olddir, &oloc);
    if (!e && is_dir && olddir != newdir) {
        e = ext2_dir_set_parent(fs, n, newdir->ino);
        olddir->di.i_links_count--;
        newdir->di.i_links_count++;
        ext2_node_write(fs, olddir);
        ext2_node_write(fs, newdir);
    }
    ext2_node_set_time(fs, n, EXT2_CTIME, ext2_now());
    int e2 = ext2_node_write(fs, n);
    return e ? e : e2;
}

int ext2_rename_locked(struct ext2_fs *fs, struct ext2_node *olddir, const char *oldname, size_t oldlen,
                       struct ext2_node *newdir, const char *newname, size_t newlen, unsigned flags)
{
    uint32_t oino, nino = 0;
    struct ext2_dirloc oloc, nloc;
    int e = ext2_dir_find(fs, olddir, oldname, oldlen, &oino, &oloc);
    if (e)
        return e;
    e = ext2_dir_find(fs, newdir, newname, newlen, &nino, &nloc);
    if (e && e != -ENOENT)
        return e;
    bool exists = e == 0;
    if ((flags & RR_RENAME_EXCHANGE) && !exists)
        return -ENOENT;
    if ((flags & RR_RENAME_NOREPLACE) && exists)
        return -EEXIST;
    if (exists && nino == oino)
        return 0;   /* two names of one file: nothing to do */
    struct ext2_node *n, *v = NULL;
    e = ext2_node_get(fs, oino, &n);
    if (e)
        return e;
    if (exists) {
        e = ext2_node_get(fs, nino, &v);
        if (e) {
            ext2_node_put(fs, n);
            return e;
        }
    }
    if (flags & RR_RENAME_EXCHANGE)
        e = exchange(fs, olddir, &oloc, n, newdir, &nloc, v);
    else
        e = move(fs, olddir, oldname, oldlen, n, newdir, newname, newlen, &nloc, v);
    if (v)
        ext2_node_put(fs, v);
    ext2_node_put(fs, n);
    return e;
}

long ext2_readlink_locked(struct ext2_fs *fs, struct ext2_node *n, char *buf, size_t size)
{
    if (!RR_S_ISLNK(n->vn.mode))
        return -EINVAL;
    size_t len = n->size < size ? (size_t)n->size : size;
    uint32_t ea = n->di.i_file_acl ? fs->bs / 512 : 0;
    if (n->di.i_blocks == ea) {
        if (n->size >= EXT2_FAST_LINK_MAX)
            return ext2_corrupt(fs, "symbolic link inode %u: %lu bytes but no block", n->ino, (unsigned long)n->size);
        rr_memcpy(buf, n->di.i_block, len);
        return (long)len;
    }
    return ext2_read_locked(fs, n, buf, len, 0);
}
