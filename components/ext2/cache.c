/*
 * The block cache: a bounded set of block buffers, found by hash, evicted least
 * recently used first. Changes stay in memory until write-back (sync, fsync,
 * unmount, or eviction of a dirty buffer), so a run of small writes to one
 * block costs one device write.
 */
#include "ext2_fs.h"

/* About half a megabyte of blocks: enough for the metadata of a busy
 * directory tree, small next to the memory a guest has. */
#define CACHE_BYTES (512u * 1024u)
#define CACHE_MIN_BUFFERS 64u
/* blocks written in one device transfer at write-back */
#define WRITE_RUN_MAX 64u

static size_t slot(uint32_t blk)
{
    return (blk * 2654435761u) % EXT2_CACHE_HASH;
}

int ext2_cache_init(struct ext2_fs *fs)
{
    struct ext2_cache *c = &fs->cache;
    rr_memset(c, 0, sizeof(*c));
    c->limit = CACHE_BYTES / fs->bs;
    if (c->limit < CACHE_MIN_BUFFERS)
        c->limit = CACHE_MIN_BUFFERS;
    return 0;
}

static void lru_unlink(struct ext2_cache *c, struct ext2_buf *b)
{
    if (b->newer)
        b->newer->older = b->older;
    else
        c->newest = b->older;
    if (b->older)
        b->older->newer = b->newer;
    else
        c->oldest = b->newer;
    b->older = b->newer = NULL;
}

static void lru_push(struct ext2_cache *c, struct ext2_buf *b)
{
    b->older = c->newest;
    b->newer = NULL;
    if (c->newest)
        c->newest->newer = b;
    else
        c->oldest = b;
    c->newest = b;
}

static void hash_remove(struct ext2_cache *c, struct ext2_buf *b)
{
    struct ext2_buf **pp = &c->hash[slot(b->blk)];
    while (*pp && *pp != b)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = b->hnext;
}

static void buf_free(struct ext2_cache *c, struct ext2_buf *b)
{
    hash_remove(c, b);
    lru_unlink(c, b);
    if (b->dirty)
        c->dirty--;
    c->count--;
    rr_free(b->data);
    rr_free(b);
}

void ext2_cache_destroy(struct ext2_fs *fs)
{
    struct ext2_cache *c = &fs->cache;
    while (c->newest)
        buf_free(c, c->newest);
}

static struct ext2_buf *lookup(struct ext2_cache *c, uint32_t blk)
{
    for (struct ext2_buf *b = c->hash[slot(blk)]; b; b = b->hnext)
        if (b->blk == blk)
            return b;
    return NULL;
}

static int write_blocks(struct ext2_fs *fs, uint32_t blk, uint32_t count, const void *data)
{
    int e = rr_blk_write(fs->dev, (uint64_t)blk * fs->sectors_per_block, count * fs->sectors_per_block, data);
    if (e)
        rr_printk("ext2 %s: writing block %u failed (%d)", fs->devname, blk, e);
    return e;
}

static int write_one(struct ext2_fs *fs, struct ext2_buf *b)
{
    int e = write_blocks(fs, b->blk, 1, b->data);
    if (!e) {
        b->dirty = false;
        fs->cache.dirty--;
    }
    return e;
}

/* Makes room for one more buffer: drops the oldest unpinned one (written first if dirty). */
static int make_room(struct ext2_fs *fs)
{
    struct ext2_cache *c = &fs->cache;
    for (struct ext2_buf *b = c->oldest; b && c->count >= c->limit; ) {
        struct ext2_buf *next = b->newer;
        if (b->refs == 0) {
            if (b->dirty) {
                int e = write_one(fs, b);
                if (e)
                    return e;
            }
            buf_free(c, b);
        }
        b = next;
    }
    return 0;   /* when everything is pinned, the cache grows past its limit for a while */
}

static int get(struct ext2_fs *fs, uint32_t blk, bool read, struct ext2_buf **out)
{
    struct ext2_cache *c = &fs->cache;
    if (blk >= fs->sb.s_blocks_count)
        return ext2_corrupt(fs, "block %u is outside the file system (%u blocks)", blk, fs->sb.s_blocks_count);
    struct ext2_buf *b = lookup(c, blk);
    if (b) {
        lru_unlink(c, b);
        lru_push(c, b);
        b->refs++;
        if (!read)
            rr_memset(b->data, 0, fs->bs);
        *out = b;
        return 0;
    }
    int e = make_room(fs);
    if (e)
        return e;
    b = rr_zalloc(sizeof(*b));
    uint8_t *data = b ? (read ? rr_malloc(fs->bs) : rr_zalloc(fs->bs)) : NULL;
    if (!data) {
        rr_free(b);
        return -ENOMEM;
    }
    b->data = data;
    b->blk = blk;
    if (read) {
        e = rr_blk_read(fs->dev, (uint64_t)blk * fs->sectors_per_block, fs->sectors_per_block, data);
        if (e) {
            rr_printk("ext2 %s: reading block %u failed (%d)", fs->devname, blk, e);
            rr_free(data);
            rr_free(b);
            return -EIO;
        }
    }
    b->refs = 1;
    b->hnext = c->hash[slot(blk)];
    c->hash[slot(blk)] = b;
    lru_push(c, b);
    c->count++;
    *out = b;
    return 0;
}

int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out)
{
    return get(fs, blk, true, out);
}

int ext2_bnew(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out)
{
    return get(fs, blk, false, out);
}

void ext2_brelse(struct ext2_fs *fs, struct ext2_buf *b)
{
    (void)fs;
    if (b) {
        RR_ASSERT(b->refs > 0);
        b->refs--;
    }
}

void ext2_bdirty(struct ext2_fs *fs, struct ext2_buf *b)
{
    RR_ASSERT(!fs->ro);
    if (!b->dirty) {
        b->dirty = true;
        fs->cache.dirty++;
    }
}

void ext2_bforget(struct ext2_fs *fs, uint32_t blk)
{
    struct ext2_buf *b = lookup(&fs->cache, blk);
    if (!b)
        return;
    if (b->dirty) {
        b->dirty = false;
        fs->cache.dirty--;
    }
    if (b->refs == 0)
        buf_free(&fs->cache, b);
}

static void sort_by_block(struct ext2_buf **v, size_t n)
{
    /* heap sort: no recursion, no extra memory */
    for (size_t start = n / 2; start-- > 0; ) {
        for (size_t root = start; 2 * root + 1 < n; ) {
            size_t child = 2 * root + 1;
            if (child + 1 < n && v[child + 1]->blk > v[child]->blk)
                child++;
            if (v[root]->blk >= v[child]->blk)
                break;
            struct ext2_buf *t = v[root]; v[root] = v[child]; v[child] = t;
            root = child;
        }
    }
    for (size_t end = n; end-- > 1; ) {
        struct ext2_buf *t = v[0]; v[0] = v[end]; v[end] = t;
        for (size_t root = 0; 2 * root + 1 < end; ) {
            size_t child = 2 * root + 1;
            if (child + 1 < end && v[child + 1]->blk > v[child]->blk)
                child++;
            if (v[root]->blk >= v[child]->blk)
                break;
            t = v[root]; v[root] = v[child]; v[child] = t;
            root = child;
        }
    }
}

/* Writes v[0..n) (consecutive block numbers) in one transfer through a bounce buffer. */
static int write_run(struct ext2_fs *fs, struct ext2_buf **v, size_t n, uint8_t *bounce)
{
    if (n == 1 || !bounce)
        goto one_by_one;
    for (size_t i = 0; i < n; i++)
        rr_memcpy(bounce + i * fs->bs, v[i]->data, fs->bs);
    if (write_blocks(fs, v[0]->blk, (uint32_t)n, bounce) == 0) {
        for (size_t i = 0; i < n; i++) {
            v[i]->dirty = false;
            fs->cache.dirty--;
        }
        return 0;
    }
one_by_one:
    for (size_t i = 0; i < n; i++) {
        int e = write_one(fs, v[i]);
        if (e)
            return e;
    }
    return 0;
}

int ext2_cache_writeback(struct ext2_fs *fs)
{
    struct ext2_cache *c = &fs->cache;
    if (c->dirty == 0)
        return 0;
    struct ext2_buf **v = rr_malloc(c->dirty * sizeof(*v));
    if (!v) {
        /* no memory to order them: write them as they come */
        int first = 0;
        for (struct ext2_buf *b = c->newest; b; b = b->older)
            if (b->dirty) {
                int e = write_one(fs, b);
                if (e && !first)
                    first = e;
            }
        return first;
    }
    size_t n = 0;
    for (struct ext2_buf *b = c->newest; b; b = b->older)
        if (b->dirty)
            v[n++] = b;
    sort_by_block(v, n);
    uint8_t *bounce = rr_malloc((size_t)WRITE_RUN_MAX * fs->bs);
    int first = 0;
    for (size_t i = 0; i < n; ) {
        size_t j = i + 1;
        while (j < n && j - i < WRITE_RUN_MAX && v[j]->blk == v[j - 1]->blk + 1)
            j++;
        int e = write_run(fs, v + i, j - i, bounce);
        if (e && !first)
            first = e;
        i = j;
    }
    rr_free(bounce);
    rr_free(v);
    return first;
}
