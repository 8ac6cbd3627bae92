/*
 * Inodes in memory: one node (and vnode) per inode while something references
 * it, found by number in a small hash. Every change is copied at once into the
 * inode table block in the cache, so write-back never has to look for dirty
 * nodes. An inode whose last name and last reference are gone gives its blocks
 * and its number back.
 */
#include "ext2_fs.h"

static size_t slot(uint32_t ino)
{
    return ino % EXT2_NODE_HASH;
}

uint8_t ext2_ftype_of_mode(uint32_t mode)
{
    switch (mode & RR_S_IFMT) {
    case RR_S_IFREG: return EXT2_FT_REG_FILE;
    case RR_S_IFDIR: return EXT2_FT_DIR;
    case RR_S_IFCHR: return EXT2_FT_CHRDEV;
    case RR_S_IFBLK: return EXT2_FT_BLKDEV;
    case RR_S_IFIFO: return EXT2_FT_FIFO;
    case RR_S_IFSOCK: return EXT2_FT_SOCK;
    case RR_S_IFLNK: return EXT2_FT_SYMLINK;
    default: return EXT2_FT_UNKNOWN;
    }
}

/* Where inode ino lies: its table block and the byte offset in it. */
static int locate(struct ext2_fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
    if (ino == 0 || ino > fs->sb.s_inodes_count)
        return ext2_corrupt(fs, "inode number %u (the file system has %u)", ino, fs->sb.s_inodes_count);
    uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group;
    uint32_t idx = (ino - 1) % fs->sb.s_inodes_per_group;
    *blk = fs->gd[g].bg_inode_table + idx / fs->inodes_per_block;
    *off = (idx % fs->inodes_per_block) * fs->inode_size;
    return 0;
}

/* The bytes of struct ext2_inode this inode has on disk and that are trusted. */
static size_t disk_bytes(struct ext2_fs *fs, const struct ext2_node *n)
{
    size_t bytes = EXT2_GOOD_OLD_INODE_SIZE + n->extra;
    if (bytes > sizeof(struct ext2_inode))
        bytes = sizeof(struct ext2_inode);
    return bytes > fs->inode_size ? fs->inode_size : bytes;
}

static bool type_ok(uint32_t mode)
{
    switch (mode & RR_S_IFMT) {
    case RR_S_IFREG: case RR_S_IFDIR: case RR_S_IFLNK: case RR_S_IFCHR:
    case RR_S_IFBLK: case RR_S_IFIFO: case RR_S_IFSOCK:
        return true;
    default:
        return false;
    }
}

static void hash_insert(struct ext2_fs *fs, struct ext2_node *n)
{
    n->hnext = fs->nodes[slot(n->ino)];
    fs->nodes[slot(n->ino)] = n;
    fs->nnodes++;
}

static void hash_remove(struct ext2_fs *fs, struct ext2_node *n)
{
    struct ext2_node **pp = &fs->nodes[slot(n->ino)];
    while (*pp && *pp != n)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = n->hnext;
    fs->nnodes--;
}

static int check_node(struct ext2_fs *fs, struct ext2_node *n)
{
    struct ext2_inode *di = &n->di;
    if (!type_ok(di->i_mode))
        return ext2_corrupt(fs, "inode %u has mode 0%o", n->ino, di->i_mode);
    if (di->i_links_count == 0)
        return ext2_corrupt(fs, "inode %u is in use but has no links", n->ino);
    if (di->i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL))
        return ext2_corrupt(fs, "inode %u uses extents or inline data (flags 0x%x)", n->ino, di->i_flags);
    if (RR_S_ISDIR(di->i_mode) && (n->size == 0 || n->size % fs->bs || n->size / fs->bs > ext2_max_lblocks(fs)))
        return ext2_corrupt(fs, "directory inode %u has size %lu", n->ino, (unsigned long)n->size);
    if (RR_S_ISLNK(di->i_mode) && (n->size == 0 || n->size >= fs->bs))
        return ext2_corrupt(fs, "symbolic link inode %u has size %lu", n->ino, (unsigned long)n->size);
    if (n->size > ext2_max_lblocks(fs) * fs->bs)
        return ext2_corrupt(fs, "inode %u has size %lu", n->ino, (unsigned long)n->size);
    return 0;
}

int ext2_node_get(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out)
{
    for (struct ext2_node *n = fs->nodes[slot(ino)]; n; n = n->hnext) {
        if (n->ino == ino) {
            rr_vnode_ref(&n->vn);
            *out = n;
            return 0;
        }
    }
    uint32_t blk, off;
    int e = locate(fs, ino, &blk, &off);
    if (e)
        return e;
    struct ext2_buf *b;
    e = ext2_bread(fs, blk, &b);
    if (e)
        return e;
    struct ext2_node *n = rr_zalloc(sizeof(*n));
    if (!n) {
        ext2_brelse(fs, b);
        return -ENOMEM;
    }
    n->ino = ino;
    size_t copy = fs->inode_size < sizeof(n->di) ? fs->inode_size : sizeof(n->di);
    rr_memcpy(&n->di, b->data + off, copy);
    ext2_brelse(fs, b);
    if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
        uint32_t extra = n->di.i_extra_isize;
        if (extra <= fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE && (extra & 3) == 0)
            n->extra = (uint16_t)extra;
    }
    n->size = n->di.i_size;
    if (RR_S_ISREG(n->di.i_mode))
        n->size |= (uint64_t)n->di.i_size_high << 32;
    e = check_node(fs, n);
    if (e) {
        rr_free(n);
        return e;
    }
    rr_vnode_init(&n->vn, &ext2_vnode_ops, &fs->mnt, n->di.i_mode, ino);
    hash_insert(fs, n);
    *out = n;
    return 0;
}

int ext2_node_write(struct ext2_fs *fs, struct ext2_node *n)
{
    if (fs->ro)
        return 0;
    uint32_t blk, off;
    int e = locate(fs, n->ino, &blk, &off);
    if (e)
        return e;
    struct ext2_buf *b;
    e = ext2_bread(fs, blk, &b);
    if (e)
        return e;
    n->di.i_mode = (uint16_t)n->vn.mode;
    rr_memcpy(b->data + off, &n->di, disk_bytes(fs, n));
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    return 0;
}

void ext2_node_set_size(struct ext2_node *n, uint64_t size)
{
    n->size = size;
    n->di.i_size = (uint32_t)size;
    if (RR_S_ISREG(n->vn.mode))
        n->di.i_size_high = (uint32_t)(size >> 32);
}

static uint32_t *time_fields(struct ext2_node *n, int which, uint32_t **extra, size_t *end)
{
    switch (which) {
    case EXT2_ATIME: *extra = &n->di.i_atime_extra; *end = EXT2_INODE_END_OF(i_atime_extra); return &n->di.i_atime;
    case EXT2_MTIME: *extra = &n->di.i_mtime_extra; *end = EXT2_INODE_END_OF(i_mtime_extra); return &n->di.i_mtime;
    case EXT2_CTIME: *extra = &n->di.i_ctime_extra; *end = EXT2_INODE_END_OF(i_ctime_extra); return &n->di.i_ctime;
    default: *extra = &n->di.i_crtime_extra; *end = EXT2_INODE_END_OF(i_crtime_extra); return &n->di.i_crtime;
    }
}

static bool has_field(const struct ext2_node *n, size_t end)
{
    return EXT2_GOOD_OLD_INODE_SIZE + n->extra >= end;
}

struct rr_timespec ext2_node_time(const struct ext2_node *cn, int which)
{
    struct ext2_node *n = (struct ext2_node *)cn;
    uint32_t *extra;
    size_t end;
    uint32_t *sec = time_fields(n, which, &extra, &end);
    if (which == EXT2_CRTIME && !has_field(n, EXT2_INODE_END_OF(i_crtime)))
        return (struct rr_timespec){ 0, 0 };
    struct rr_timespec t = { (int32_t)*sec, 0 };
    if (has_field(n, end)) {
        t.tv_sec += (int64_t)(*extra & 3) << 32;
        uint32_t ns = *extra >> 2;
        t.tv_nsec = ns < 1000000000u ? ns : 0;
    }
    return t;
}

void ext2_node_set_time(struct ext2_fs *fs, struct ext2_node *n, int which, struct rr_timespec t)
{
    (void)fs;
    uint32_t *extra;
    size_t end;
    uint32_t *sec = time_fields(n, which, &extra, &end);
    if (which == EXT2_CRTIME && !has_field(n, EXT2_INODE_END_OF(i_crtime)))
        return;
    *sec = (uint32_t)t.tv_sec;
    if (has_field(n, end)) {
        uint32_t epoch = (uint32_t)(((t.tv_sec - (int64_t)(int32_t)t.tv_sec) >> 32) & 3);
        *extra = ((uint32_t)t.tv_nsec << 2) | epoch;
    }
}

int ext2_node_touch(struct ext2_fs *fs, struct ext2_node *n)
{
    struct rr_timespec t = ext2_now();
    ext2_node_set_time(fs, n, EXT2_MTIME, t);
    ext2_node_set_time(fs, n, EXT2_CTIME, t);
    return ext2_node_write(fs, n);
}

int ext2_node_new(struct ext2_fs *fs, struct ext2_node *dir, uint32_t mode, struct ext2_node **out)
{
    uint32_t ino;
    int e = ext2_alloc_inode(fs, dir->ino, RR_S_ISDIR(mode), &ino);
    if (e)
        return e;
    for (struct ext2_node *old = fs->nodes[slot(ino)]; old; old = old->hnext)
        if (old->ino == ino)
            return ext2_corrupt(fs, "the inode bitmap calls inode %u free while it is in use", ino);
    uint32_t blk, off;
    struct ext2_buf *b;
    e = locate(fs, ino, &blk, &off);
    if (!e)
        e = ext2_bread(fs, blk, &b);
    struct ext2_node *n = e ? NULL : rr_zalloc(sizeof(*n));
    if (!n) {
        if (!e)
            ext2_brelse(fs, b);
        ext2_free_inode(fs, ino, RR_S_ISDIR(mode));
        return e ? e : -ENOMEM;
    }
    /* nothing of a former inode survives, not even the fields this code never sets */
    rr_memset(b->data + off, 0, fs->inode_size);
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    n->ino = ino;
    n->di.i_mode = (uint16_t)mode;
    n->di.i_links_count = 1;
    if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
        n->extra = fs->new_extra_isize;
        n->di.i_extra_isize = fs->new_extra_isize;
    }
    uint32_t gen;
    rr_random_bytes(&gen, sizeof(gen));
    n->di.i_generation = gen;
    struct rr_timespec t = ext2_now();
    for (int which = EXT2_ATIME; which <= EXT2_CRTIME; which++)
        ext2_node_set_time(fs, n, which, t);
    rr_vnode_init(&n->vn, &ext2_vnode_ops, &fs->mnt, mode, ino);
    hash_insert(fs, n);
    e = ext2_node_write(fs, n);
    if (e) {
        n->di.i_links_count = 0;
        ext2_node_put(fs, n);
        return e;
    }
    *out = n;
    return 0;
}

/* Fast symbolic links keep their target in i_block; devices keep their number there. */
static bool has_blocks(struct ext2_fs *fs, const struct ext2_node *n)
{
    uint32_t mode = n->vn.mode;
    if (RR_S_ISREG(mode) || RR_S_ISDIR(mode))
        return true;
    if (RR_S_ISLNK(mode)) {
        uint32_t ea = n->di.i_file_acl ? fs->bs / 512 : 0;
        return n->di.i_blocks != ea;
    }
    return false;
}

/* The extended attribute block is shared by reference count. */
static int release_xattr(struct ext2_fs *fs, struct ext2_node *n)
{
    uint32_t blk = n->di.i_file_acl;
    n->di.i_file_acl = 0;
    if (!ext2_block_ok(fs, blk))
        return ext2_corrupt(fs, "inode %u: attribute block %u", n->ino, blk);
    struct ext2_buf *b;
    int e = ext2_bread(fs, blk, &b);
    if (e)
        return e;
    uint32_t *hdr = (uint32_t *)b->data;
    if (hdr[0] != EXT2_XATTR_MAGIC) {
        ext2_brelse(fs, b);
        return ext2_corrupt(fs, "inode %u: attribute block %u has bad magic 0x%x", n->ino, blk, hdr[0]);
    }
    if (n->di.i_blocks >= fs->bs / 512)
        n->di.i_blocks -= fs->bs / 512;
    if (hdr[1] > 1) {
        hdr[1]--;
        ext2_bdirty(fs, b);
        ext2_brelse(fs, b);
        return 0;
    }
    ext2_brelse(fs, b);
    return ext2_free_block(fs, blk);
}

int ext2_node_delete(struct ext2_fs *fs, struct ext2_node *n)
{
    if (fs->ro || n->di.i_dtime)
        return 0;
    int e = 0;
    if (has_blocks(fs, n))
        e = ext2_free_blocks_from(fs, n, 0);
    if (n->di.i_file_acl) {
        int e2 = release_xattr(fs, n);
        if (!e)
            e = e2;
    }
    ext2_node_set_size(n, 0);
    n->di.i_dtime = (uint32_t)ext2_now().tv_sec;
    if (n->di.i_dtime == 0)
        n->di.i_dtime = 1;
    int e2 = ext2_node_write(fs, n);
    int e3 = ext2_free_inode(fs, n->ino, RR_S_ISDIR(n->vn.mode));
    return e ? e : e2 ? e2 : e3;
}

static void release(struct ext2_fs *fs, struct ext2_node *n)
{
    if (n->di.i_links_count == 0)
        ext2_node_delete(fs, n);
    hash_remove(fs, n);
    rr_free(n);
}

void ext2_node_put(struct ext2_fs *fs, struct ext2_node *n)
{
    RR_ASSERT(n->vn.refs > 0);
    if (--n->vn.refs == 0)
        release(fs, n);
}

void ext2_inactive(struct rr_vnode *vn)
{
    struct ext2_fs *fs = ext2_fs_of(vn);
    ext2_lock(fs);
    if (vn->refs == 0)   /* nobody took it again while the lock was awaited */
        release(fs, ext2_node_of(vn));
    ext2_unlock(fs);
}
