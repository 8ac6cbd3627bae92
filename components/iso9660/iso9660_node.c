/*
 * Vnodes of a mounted volume. Each object has at most one vnode while it is
 * referenced (the volume keeps a list of live ones), so identity checks and
 * mount points hold. Inode numbers come from the medium: a directory is known
 * by the byte position of its extent (its "." record), anything else by the
 * byte position of its directory record; the two can never coincide, and
 * readdir reports the same numbers without making vnodes.
 */
#include "iso9660_fs.h"

static struct iso_node *node_of(struct rr_vnode *vn)
{
    return (struct iso_node *)vn;
}

uint64_t iso_entry_ino(const struct iso_entry *e)
{
    if (RR_S_ISDIR(e->mode))
        return (uint64_t)e->one.extent * ISO_BLOCK;
    return e->pos;
}

static struct iso_node *find_live(struct iso_fs *fs, uint64_t ino)
{
    for (struct iso_node *n = fs->nodes; n; n = n->next)
        if (n->vn.ino == ino)
            return n;
    return NULL;
}

int iso_node_get(struct iso_fs *fs, struct iso_entry *e, struct iso_node *parent, struct iso_node **out)
{
    uint64_t ino = iso_entry_ino(e);
    struct iso_node *n = find_live(fs, ino);
    if (n) {
        rr_vnode_ref(&n->vn);
        *out = n;
        return 0;
    }
    n = rr_zalloc(sizeof(*n));
    if (!n)
        return -ENOMEM;
    rr_vnode_init(&n->vn, &iso_vnode_ops, &fs->mnt, e->mode, ino);
    n->nlink = e->nlink;
    n->uid = e->uid;
    n->gid = e->gid;
    n->atime = e->atime;
    n->mtime = e->mtime;
    n->ctime = e->ctime;
    n->btime = e->btime;
    n->size = e->size;
    n->nsections = e->nsections;
    n->one = e->one;
    n->sections = e->sections;     /* the node takes the entry's heap parts */
    n->target = e->target;
    e->sections = NULL;
    e->target = NULL;
    if (RR_S_ISDIR(e->mode) && parent)
        n->parent = node_of(rr_vnode_ref(&parent->vn));
    n->next = fs->nodes;
    fs->nodes = n;
    fs->nnodes++;
    *out = n;
    return 0;
}

static void iso_inactive(struct rr_vnode *vn)
{
    struct iso_node *n = node_of(vn);
    struct iso_fs *fs = iso_fs_of(vn);
    for (struct iso_node **p = &fs->nodes; *p; p = &(*p)->next) {
        if (*p == n) {
            *p = n->next;
            break;
        }
    }
    fs->nnodes--;
    struct iso_node *parent = n->parent;
    rr_free(n->sections);
    rr_free(n->target);
    rr_free(n);
    if (parent)
        rr_vnode_unref(&parent->vn);
}

static int iso_getattr(struct rr_vnode *vn, struct rr_vattr *va)
{
    struct iso_node *n = node_of(vn);
    va->nlink = n->nlink;
    va->uid = n->uid;
    va->gid = n->gid;
    va->size = n->size;
    va->atime = n->atime;
    va->mtime = n->mtime;
    va->ctime = n->ctime;
    va->btime = n->btime;
    va->blksize = ISO_BLOCK;
    if (!RR_S_ISLNK(vn->mode))
        va->blocks = (n->size + ISO_BLOCK - 1) / ISO_BLOCK * ISO_BLOCK_SECTORS;
    return 0;
}

static long iso_readlink(struct rr_vnode *vn, char *buf, size_t size)
{
    struct iso_node *n = node_of(vn);
    if (!RR_S_ISLNK(vn->mode) || !n->target)
        return -EINVAL;
    size_t len = rr_strlen(n->target);
    if (len > size)
        len = size;
    rr_memcpy(buf, n->target, len);
    return (long)len;
}

/* The volume block holding byte off of the file, the byte's place in it and the file's bytes left there. */
static int locate(struct iso_fs *fs, struct iso_node *n, uint64_t off, uint32_t *lba, size_t *in_block, size_t *avail)
{
    const struct iso_section *s = ISO_SECTIONS(n);
    for (uint32_t i = 0; i < n->nsections; i++) {
        if (off < s[i].size) {
            uint64_t block = (uint64_t)s[i].extent + off / ISO_BLOCK;
            if (block >= fs->blocks)
                return iso_corrupt(fs, "file data at block %lu is outside the volume", (unsigned long)block);
            size_t in = off % ISO_BLOCK;
            size_t left = ISO_BLOCK - in;
            if (left > s[i].size - off)
                left = s[i].size - off;
            *lba = (uint32_t)block;
            *in_block = in;
            *avail = left;
            return 0;
        }
        off -= s[i].size;
    }
    return -EIO;   /* past the sections: sizes are their sum, so the caller never asks */
}

static long iso_read(struct rr_file *f, void *buf, size_t count, uint64_t off)
{
    struct iso_node *n = node_of(f->vn);
    struct iso_fs *fs = iso_fs_of(f->vn);
    if (!RR_S_ISREG(f->vn->mode))
        return -EINVAL;
    if (off >= n->size)
        return 0;
    if (count > n->size - off)
        count = n->size - off;
    size_t done = 0;
    while (done < count) {
        uint32_t lba = 0;
        size_t in = 0, avail = 0;
        int e = locate(fs, n, off + done, &lba, &in, &avail);
        const uint8_t *block;
        if (!e)
            e = iso_block(fs, lba, &block);
        if (e)
            return done ? (long)done : e;
        size_t chunk = avail < count - done ? avail : count - done;
        rr_memcpy((char *)buf + done, block + in, chunk);
        done += chunk;
    }
    return (long)done;
}

const struct rr_vnode_ops iso_vnode_ops = {
    .lookup = iso_lookup,
    .readdir = iso_readdir,
    .getattr = iso_getattr,
    .readlink = iso_readlink,
    .read = iso_read,
    .inactive = iso_inactive,
};
