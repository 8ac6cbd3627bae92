/*
 * ramfs: the writable in-memory file system. Nodes live while they have a link
 * or a reference; directory entries keep insertion order and a cookie each, so
 * that readdir positions survive concurrent insertions and removals.
 */
#include <rr/vfs.h>
#include "ramfs_pages.h"

/* Linux's tmpfs reports this many bytes per directory entry */
#define DIRENT_SIZE 20

struct ramfs_dirent {
    struct ramfs_dirent *next;
    struct ramfs_node *node;
    uint64_t cookie;
    size_t len;
    char name[];
};

struct ramfs_node {
    struct rr_vnode vn;
    uint32_t uid, gid;
    uint64_t nlink, rdev, size;
    struct rr_timespec atime, mtime, ctime, btime;
    union {
        struct ramfs_pages pages;
        struct {
            struct ramfs_dirent *head, *tail;
            struct ramfs_node *parent;   /* NULL for the root and for a removed directory */
            uint64_t next_cookie;
            uint64_t entries;
        } dir;
        char *target;
    };
};

struct ramfs {
    struct rr_mount mnt;
    uint64_t next_ino;
    uint64_t nodes;
};

static const struct rr_vnode_ops ramfs_ops;

static struct ramfs_node *node_of(struct rr_vnode *vn)
{
    return (struct ramfs_node *)vn;
}

static struct ramfs *fs_of(struct rr_vnode *vn)
{
    return (struct ramfs *)vn->mount;
}

static struct rr_timespec now(void)
{
    uint64_t ns = rr_realtime_ns_coarse();
    return (struct rr_timespec){ (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
}

static void touch_modified(struct ramfs_node *n)
{
    n->mtime = n->ctime = now();
}

static bool time_le(struct rr_timespec a, struct rr_timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

static struct ramfs_node *node_new(struct ramfs *fs, uint32_t mode)
{
    struct ramfs_node *n = rr_zalloc(sizeof(*n));
    if (!n)
        return NULL;
    rr_vnode_init(&n->vn, &ramfs_ops, &fs->mnt, mode, fs->next_ino++);
    n->nlink = 1;
    n->atime = n->mtime = n->ctime = n->btime = now();
    if (RR_S_ISDIR(mode)) {
        n->nlink = 2;
        n->dir.next_cookie = 2;   /* 0 and 1 are "." and ".." */
    }
    fs->nodes++;
    return n;
}

static void node_free(struct ramfs_node *n)
{
    uint32_t type = n->vn.mode & RR_S_IFMT;
    if (type == RR_S_IFREG)
        ramfs_pages_free_from(&n->pages, 0);
    else if (type == RR_S_IFLNK)
        rr_free(n->target);
    else if (type == RR_S_IFDIR)
        RR_ASSERT(!n->dir.head);
    fs_of(&n->vn)->nodes--;
    rr_free(n);
}

/* The node is gone once it has neither a name nor a reference. */
static void maybe_free(struct ramfs_node *n)
{
    if (n->nlink == 0 && n->vn.refs == 0)
        node_free(n);
}

static void ramfs_inactive(struct rr_vnode *vn)
{
    maybe_free(node_of(vn));
}

static struct ramfs_dirent *find(struct ramfs_node *dir, const char *name, size_t len,
                                 struct ramfs_dirent **prev)
{
    struct ramfs_dirent *p = NULL;
    for (struct ramfs_dirent *d = dir->dir.head; d; p = d, d = d->next) {
        if (d->len == len && rr_memcmp(d->name, name, len) == 0) {
            if (prev)
                *prev = p;
            return d;
        }
    }
    return NULL;
}

static int add_entry(struct ramfs_node *dir, const char *name, size_t len, struct ramfs_node *n)
{
    struct ramfs_dirent *d = rr_malloc(sizeof(*d) + len + 1);
    if (!d)
        return -ENOSPC;
    d->next = NULL;
    d->node = n;
    d->cookie = dir->dir.next_cookie++;
    d->len = len;
    rr_memcpy(d->name, name, len);
    d->name[len] = 0;
    if (dir->dir.tail)
        dir->dir.tail->next = d;
    else
        dir->dir.head = d;
    dir->dir.tail = d;
    dir->dir.entries++;
    touch_modified(dir);
    return 0;
}

static void remove_entry(struct ramfs_node *dir, struct ramfs_dirent *d, struct ramfs_dirent *prev)
{
    if (prev)
        prev->next = d->next;
    else
        dir->dir.head = d->next;
    if (dir->dir.tail == d)
        dir->dir.tail = prev;
    dir->dir.entries--;
    touch_modified(dir);
    rr_free(d);
}

static int ramfs_lookup(struct rr_vnode *vdir, const char *name, size_t len, struct rr_vnode **out)
{
    struct ramfs_node *dir = node_of(vdir);
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        if (dir->dir.parent) {
            *out = rr_vnode_ref(&dir->dir.parent->vn);
            return 0;
        }
        if (dir->nlink == 0)
            return -ENOENT;
        *out = rr_vnode_ref(vdir);   /* the root of this file system */
        return 0;
    }
    struct ramfs_dirent *d = find(dir, name, len, NULL);
    if (!d)
        return -ENOENT;
    *out = rr_vnode_ref(&d->node->vn);
    return 0;
}

static int make_node(struct rr_vnode *vdir, const char *name, size_t len, uint32_t mode,
                     struct ramfs_node **out)
{
    struct ramfs_node *dir = node_of(vdir);
    if (dir->nlink == 0)
        return -ENOENT;   /* the directory itself was removed */
    if (find(dir, name, len, NULL))
        return -EEXIST;
    struct ramfs_node *n = node_new(fs_of(vdir), mode);
    if (!n)
        return -ENOSPC;
    int e = add_entry(dir, name, len, n);
    if (e) {
        n->nlink = 0;
        rr_vnode_unref(&n->vn);
        return e;
    }
    *out = n;
    return 0;
}

static int ramfs_create(struct rr_vnode *vdir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
                        struct rr_vnode **out)
{
    struct ramfs_node *n;
    int e = make_node(vdir, name, len, mode, &n);
    if (e)
        return e;
    n->rdev = rdev;
    *out = &n->vn;
    return 0;
}

static int ramfs_mkdir(struct rr_vnode *vdir, const char *name, size_t len, uint32_t mode, struct rr_vnode **out)
{
    struct ramfs_node *n;
    int e = make_node(vdir, name, len, RR_S_IFDIR | (mode & RR_S_IALLUGO), &n);
    if (e)
        return e;
    n->dir.parent = node_of(vdir);
    node_of(vdir)->nlink++;
    *out = &n->vn;
    return 0;
}

static int ramfs_symlink(struct rr_vnode *vdir, const char *name, size_t len, const char *target,
                         struct rr_vnode **out)
{
    size_t tlen = rr_strlen(target);
    char *copy = rr_malloc(tlen + 1);
    if (!copy)
        return -ENOSPC;
    rr_memcpy(copy, target, tlen + 1);
    struct ramfs_node *n;
    int e = make_node(vdir, name, len, RR_S_IFLNK | 0777, &n);
    if (e) {
        rr_free(copy);
        return e;
    }
    n->target = copy;
    n->size = tlen;
    *out = &n->vn;
    return 0;
}

static int ramfs_link(struct rr_vnode *vdir, const char *name, size_t len, struct rr_vnode *vn)
{
    struct ramfs_node *dir = node_of(vdir), *n = node_of(vn);
    if (dir->nlink == 0 || n->nlink == 0)
        return -ENOENT;
    if (find(dir, name, len, NULL))
        return -EEXIST;
    int e = add_entry(dir, name, len, n);
    if (e)
        return e;
    n->nlink++;
    n->ctime = now();
    return 0;
}

/* Drops one name of n (the entry is already gone). */
static void drop_link(struct ramfs_node *n, struct ramfs_node *from_dir)
{
    if (RR_S_ISDIR(n->vn.mode)) {
        n->nlink = 0;
        n->dir.parent = NULL;
        from_dir->nlink--;
    } else {
        n->nlink--;
    }
    n->ctime = now();
    maybe_free(n);
}

static int ramfs_unlink(struct rr_vnode *vdir, const char *name, size_t len)
{
    struct ramfs_node *dir = node_of(vdir);
    struct ramfs_dirent *prev, *d = find(dir, name, len, &prev);
    if (!d)
        return -ENOENT;
    struct ramfs_node *n = d->node;
    if (RR_S_ISDIR(n->vn.mode))
        return -EISDIR;
    remove_entry(dir, d, prev);
    drop_link(n, dir);
    return 0;
}

static int ramfs_rmdir(struct rr_vnode *vdir, const char *name, size_t len)
{
    struct ramfs_node *dir = node_of(vdir);
    struct ramfs_dirent *prev, *d = find(dir, name, len, &prev);
    if (!d)
        return -ENOENT;
    struct ramfs_node *n = d->node;
    if (!RR_S_ISDIR(n->vn.mode))
        return -ENOTDIR;
    if (n->dir.head)
        return -ENOTEMPTY;
    remove_entry(dir, d, prev);
    drop_link(n, dir);
    return 0;
}

/* Moves directory n from one parent to another: ".." changes, so do link counts. */
static void reparent(struct ramfs_node *n, struct ramfs_node *from, struct ramfs_node *to)
{
    if (!RR_S_ISDIR(n->vn.mode) || from == to)
        return;
    n->dir.parent = to;
    from->nlink--;
    to->nlink++;
}

static int ramfs_rename(struct rr_vnode *volddir, const char *oldname, size_t oldlen,
                        struct rr_vnode *vnewdir, const char *newname, size_t newlen, unsigned flags)
{
    struct ramfs_node *olddir = node_of(volddir), *newdir = node_of(vnewdir);
    struct ramfs_dirent *oprev, *od = find(olddir, oldname, oldlen, &oprev);
    if (!od)
        return -ENOENT;
    struct ramfs_dirent *nprev, *nd = find(newdir, newname, newlen, &nprev);
    struct ramfs_node *n = od->node;
    if (flags & RR_RENAME_EXCHANGE) {
        if (!nd)
            return -ENOENT;
        struct ramfs_node *other = nd->node;
        od->node = other;
        nd->node = n;
        reparent(n, olddir, newdir);
        reparent(other, newdir, olddir);
        n->ctime = other->ctime = now();
        touch_modified(olddir);
        touch_modified(newdir);
        return 0;
    }
    if (nd) {
        if (flags & RR_RENAME_NOREPLACE)
            return -EEXIST;
        if (nd->node == n)
            return 0;   /* two names of one file: rename does nothing */
        struct ramfs_node *victim = nd->node;
        if (RR_S_ISDIR(victim->vn.mode) && victim->dir.head)
            return -ENOTEMPTY;
        nd->node = n;   /* the name keeps its place in the directory */
        touch_modified(newdir);
        drop_link(victim, newdir);
    } else {
        if (newdir->nlink == 0)
            return -ENOENT;
        int e = add_entry(newdir, newname, newlen, n);
        if (e)
            return e;
        if (olddir == newdir)
            od = find(olddir, oldname, oldlen, &oprev);   /* the list changed behind oprev */
    }
    remove_entry(olddir, od, oprev);
    reparent(n, olddir, newdir);
    n->ctime = now();
    return 0;
}

static int ramfs_readdir(struct rr_vnode *vdir, uint64_t *cookie, rr_filldir_fn fill, void *ctx)
{
    struct ramfs_node *dir = node_of(vdir);
    if (*cookie == 0) {
        if (fill(ctx, ".", 1, dir->vn.ino, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = 1;
    }
    if (*cookie == 1) {
        uint64_t ino = dir->dir.parent ? dir->dir.parent->vn.ino : dir->vn.ino;
        if (fill(ctx, "..", 2, ino, RR_DT_FROM_MODE(RR_S_IFDIR)))
            return 0;
        *cookie = 2;
    }
    for (struct ramfs_dirent *d = dir->dir.head; d; d = d->next) {
        if (d->cookie < *cookie)
            continue;
        if (fill(ctx, d->name, d->len, d->node->vn.ino, RR_DT_FROM_MODE(d->node->vn.mode)))
            return 0;
        *cookie = d->cookie + 1;
    }
    return 0;
}

static int ramfs_getattr(struct rr_vnode *vn, struct rr_vattr *va)
{
    struct ramfs_node *n = node_of(vn);
    va->nlink = n->nlink;
    va->uid = n->uid;
    va->gid = n->gid;
    va->rdev = n->rdev;
    va->atime = n->atime;
    va->mtime = n->mtime;
    va->ctime = n->ctime;
    va->btime = n->btime;
    if (RR_S_ISDIR(vn->mode))
        va->size = (n->dir.entries + 2) * DIRENT_SIZE;
    else if (RR_S_ISREG(vn->mode) || RR_S_ISLNK(vn->mode))
        va->size = n->size;
    if (RR_S_ISREG(vn->mode))
        va->blocks = n->pages.count * (RR_PAGE_SIZE / 512);
    return 0;
}

static int ramfs_setattr(struct rr_vnode *vn, const struct rr_vattr *va, unsigned mask)
{
    struct ramfs_node *n = node_of(vn);
    if (mask & RR_VA_MODE)
        vn->mode = (vn->mode & RR_S_IFMT) | (va->mode & RR_S_IALLUGO);
    if (mask & RR_VA_UID)
        n->uid = va->uid;
    if (mask & RR_VA_GID)
        n->gid = va->gid;
    if (mask & RR_VA_ATIME)
        n->atime = va->atime;
    if (mask & RR_VA_MTIME)
        n->mtime = va->mtime;
    n->ctime = (mask & RR_VA_CTIME) ? va->ctime : now();
    return 0;
}

static int ramfs_truncate(struct rr_vnode *vn, uint64_t size)
{
    struct ramfs_node *n = node_of(vn);
    if (!RR_S_ISREG(vn->mode))
        return -EINVAL;
    if (size > RAMFS_MAX_FILE_SIZE)
        return -EFBIG;
    if (size < n->size) {
        uint64_t first = (size + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE;
        if (vn->shared_maps) {
            /* the program maps these pages: they stay, emptied, until the file goes */
            uint64_t last = (n->size + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE;
            for (uint64_t i = first; i < last; i++) {
                char *page = ramfs_pages_get(&n->pages, i, false);
                if (page)
                    rr_memset(page, 0, RR_PAGE_SIZE);
            }
        } else {
            ramfs_pages_free_from(&n->pages, first);
        }
        /* the rest of the last page must read back as zeros if the file grows again */
        size_t in_page = size % RR_PAGE_SIZE;
        if (in_page) {
            char *page = ramfs_pages_get(&n->pages, size / RR_PAGE_SIZE, false);
            if (page)
                rr_memset(page + in_page, 0, RR_PAGE_SIZE - in_page);
        }
    }
    n->size = size;
    touch_modified(n);
    return 0;
}

static long ramfs_readlink(struct rr_vnode *vn, char *buf, size_t size)
{
    struct ramfs_node *n = node_of(vn);
    if (!RR_S_ISLNK(vn->mode))
        return -EINVAL;
    size_t len = n->size < size ? n->size : size;
    rr_memcpy(buf, n->target, len);
    return (long)len;
}

static long ramfs_read(struct rr_file *f, void *buf, size_t count, uint64_t off)
{
    struct ramfs_node *n = node_of(f->vn);
    if (!RR_S_ISREG(f->vn->mode))
        return -EINVAL;
    if (off >= n->size)
        return 0;
    if (count > n->size - off)
        count = n->size - off;
    size_t done = 0;
    while (done < count) {
        uint64_t pos = off + done;
        size_t in_page = pos % RR_PAGE_SIZE;
        size_t chunk = RR_PAGE_SIZE - in_page;
        if (chunk > count - done)
            chunk = count - done;
        char *page = ramfs_pages_get(&n->pages, pos / RR_PAGE_SIZE, false);
        if (page)
            rr_memcpy((char *)buf + done, page + in_page, chunk);
        else
            rr_memset((char *)buf + done, 0, chunk);
        done += chunk;
    }
    /* relatime: record the access only when it is news since the last change */
    if (!(f->flags & RR_O_NOATIME) && (time_le(n->atime, n->mtime) || time_le(n->atime, n->ctime)))
        n->atime = now();
    return (long)done;
}

static long ramfs_write(struct rr_file *f, const void *buf, size_t count, uint64_t off)
{
    struct ramfs_node *n = node_of(f->vn);
    if (!RR_S_ISREG(f->vn->mode))
        return -EINVAL;
    if (count == 0)
        return 0;
    if (off >= RAMFS_MAX_FILE_SIZE)
        return -EFBIG;
    if (count > RAMFS_MAX_FILE_SIZE - off)
        count = RAMFS_MAX_FILE_SIZE - off;
    size_t done = 0;
    while (done < count) {
        uint64_t pos = off + done;
        size_t in_page = pos % RR_PAGE_SIZE;
        size_t chunk = RR_PAGE_SIZE - in_page;
        if (chunk > count - done)
            chunk = count - done;
        char *page = ramfs_pages_get(&n->pages, pos / RR_PAGE_SIZE, true);
        if (!page)
            break;
        rr_memcpy(page + in_page, (const char *)buf + done, chunk);
        done += chunk;
    }
    if (done == 0)
        return -ENOSPC;
    if (off + done > n->size)
        n->size = off + done;
    touch_modified(n);
    return (long)done;
}

static void *ramfs_map_page(struct rr_vnode *vn, uint64_t idx)
{
    struct ramfs_node *n = node_of(vn);
    if (!RR_S_ISREG(vn->mode) || idx >= (n->size + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE)
        return NULL;
    return ramfs_pages_get(&n->pages, idx, true);
}

static long ramfs_seek_data(struct rr_vnode *vn, uint64_t off, bool hole)
{
    struct ramfs_node *n = node_of(vn);
    if (off >= n->size)
        return -ENXIO;
    uint64_t end = (n->size + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE;
    uint64_t idx = ramfs_pages_find(&n->pages, off / RR_PAGE_SIZE, end, !hole);
    if (idx == end)
        return hole ? (long)n->size : -ENXIO;
    uint64_t pos = idx * RR_PAGE_SIZE;
    return (long)(pos > off ? pos : off);
}

static int ramfs_statfs(struct rr_mount *m, struct rr_statfs *st)
{
    struct ramfs *fs = (struct ramfs *)m;
    st->f_type = RR_TMPFS_MAGIC;
    st->f_bsize = RR_PAGE_SIZE;
    st->f_frsize = RR_PAGE_SIZE;
    st->f_blocks = rr_pages_total();
    st->f_bfree = rr_pages_free();
    st->f_bavail = st->f_bfree;
    st->f_ffree = st->f_bfree;
    st->f_files = fs->nodes + st->f_ffree;
    st->f_namelen = RR_NAME_MAX;
    return 0;
}

static const struct rr_vnode_ops ramfs_ops = {
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .mkdir = ramfs_mkdir,
    .symlink = ramfs_symlink,
    .link = ramfs_link,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
    .rename = ramfs_rename,
    .readdir = ramfs_readdir,
    .getattr = ramfs_getattr,
    .setattr = ramfs_setattr,
    .truncate = ramfs_truncate,
    .readlink = ramfs_readlink,
    .read = ramfs_read,
    .write = ramfs_write,
    .seek_data = ramfs_seek_data,
    .map_page = ramfs_map_page,
    .inactive = ramfs_inactive,
};

struct rr_mount *rr_ramfs_new(uint32_t root_mode)
{
    struct ramfs *fs = rr_zalloc(sizeof(*fs));
    if (!fs)
        return NULL;
    fs->next_ino = 1;
    fs->mnt.fstype = "ramfs";
    fs->mnt.dev = rr_vfs_new_dev();
    fs->mnt.statfs = ramfs_statfs;
    struct ramfs_node *root = node_new(fs, RR_S_IFDIR | (root_mode & RR_S_IALLUGO));
    if (!root) {
        rr_free(fs);
        return NULL;
    }
    fs->mnt.root = &root->vn;   /* the mount keeps node_new's reference */
    return &fs->mnt;
}
