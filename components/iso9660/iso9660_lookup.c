/*
 * Directory operations. ISO 9660 directories are unsorted for Rock Ridge
 * names, so lookup walks the whole extent. readdir cookies: 0 and 1 are "."
 * and "..", 2 is the first name, and anything larger is the byte offset in
 * the directory of the next record (real records start past "." and "..",
 * at 68 or more), so a position survives between getdents calls as is.
 */
#include "iso9660_fs.h"

#define COOKIE_FIRST 2

static struct iso_node *node_of(struct rr_vnode *vn)
{
    return (struct iso_node *)vn;
}

static struct iso_dir_walk walk_of(struct iso_node *dir, uint64_t off)
{
    return (struct iso_dir_walk){ dir->one.extent, dir->one.size, off };
}

int iso_lookup(struct rr_vnode *vdir, const char *name, size_t len, struct rr_vnode **out)
{
    struct iso_node *dir = node_of(vdir);
    struct iso_fs *fs = iso_fs_of(vdir);
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        *out = rr_vnode_ref(dir->parent ? &dir->parent->vn : vdir);
        return 0;
    }
    struct iso_entry *e = rr_malloc(sizeof(*e));
    if (!e)
        return -ENOMEM;
    struct iso_dir_walk w = walk_of(dir, 0);
    int r;
    while ((r = iso_dir_next(fs, &w, e)) > 0) {
        if (e->name_len == len && rr_memcmp(e->name, name, len) == 0)
            break;
        iso_entry_release(e);
    }
    if (r > 0) {
        struct iso_node *n;
        r = iso_node_get(fs, e, dir, &n);
        iso_entry_release(e);
        if (!r)
            *out = &n->vn;
    } else if (r == 0) {
        r = -ENOENT;
    }
    rr_free(e);
    return r;
}

int iso_readdir(struct rr_vnode *vdir, uint64_t *cookie, rr_filldir_fn fill, void *ctx)
{
    struct iso_node *dir = node_of(vdir);
    struct iso_fs *fs = iso_fs_of(vdir);
    bool gave = false;
    if (*cookie == 0) {
        if (fill(ctx, ".", 1, vdir->ino, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = 1;
        gave = true;
    }
    if (*cookie == 1) {
        uint64_t ino = dir->parent ? dir->parent->vn.ino : vdir->ino;
        if (fill(ctx, "..", 2, ino, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = COOKIE_FIRST;
        gave = true;
    }
    struct iso_entry *e = rr_malloc(sizeof(*e));
    if (!e)
        return -ENOMEM;
    struct iso_dir_walk w = walk_of(dir, *cookie == COOKIE_FIRST ? 0 : *cookie);
    int r;
    while ((r = iso_dir_next(fs, &w, e)) > 0) {
        int stop = fill(ctx, e->name, e->name_len, iso_entry_ino(e), RR_DT_FROM_MODE(e->mode));
        iso_entry_release(e);
        if (stop)
            break;
        *cookie = e->next;
        gave = true;
    }
    rr_free(e);
    /* what was read before damaged records still reaches the program; the next call fails */
    return r < 0 && !gave ? r : 0;
}
