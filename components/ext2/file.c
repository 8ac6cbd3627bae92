/*
 * File contents through the block map and the cache: holes read as zeros,
 * writes fill only the blocks they touch (sparse files stay sparse), shrinking
 * frees blocks and clears the rest of the new last block so that growing again
 * reads zeros.
 */
#include "ext2_fs.h"

#define EXT2_SMALL_FILE_MAX 0x7fffffffull   /* larger sizes need the large_file feature */

long ext2_read_locked(struct ext2_fs *fs, struct ext2_node *n, void *buf, size_t count, uint64_t off)
{
    size_t done = 0;
    while (done < count) {
        uint64_t pos = off + done;
        uint32_t in_block = (uint32_t)(pos % fs->bs);
        size_t chunk = fs->bs - in_block;
        if (chunk > count - done)
            chunk = count - done;
        uint32_t blk;
        int e = ext2_bmap(fs, n, pos / fs->bs, false, &blk, NULL);
        if (!e && blk) {
            struct ext2_buf *b;
            e = ext2_bread(fs, blk, &b);
            if (!e) {
                rr_memcpy((char *)buf + done, b->data + in_block, chunk);
                ext2_brelse(fs, b);
            }
        } else if (!e) {
            rr_memset((char *)buf + done, 0, chunk);
        }
        if (e)
            return done ? (long)done : e;
        done += chunk;
    }
    return (long)done;
}

long ext2_write_locked(struct ext2_fs *fs, struct ext2_node *n, const void *buf, size_t count, uint64_t off)
{
    size_t done = 0;
    while (done < count) {
        uint64_t pos = off + done;
        uint32_t in_block = (uint32_t)(pos % fs->bs);
        size_t chunk = fs->bs - in_block;
        if (chunk > count - done)
            chunk = count - done;
        uint32_t blk;
        bool fresh;
        int e = ext2_bmap(fs, n, pos / fs->bs, true, &blk, &fresh);
        struct ext2_buf *b = NULL;
        if (!e)
            e = (fresh || chunk == fs->bs) ? ext2_bnew(fs, blk, &b) : ext2_bread(fs, blk, &b);
        if (e)
            return done ? (long)done : e;
        rr_memcpy(b->data + in_block, (const char *)buf + done, chunk);
        ext2_bdirty(fs, b);
        ext2_brelse(fs, b);
        done += chunk;
        if (off + done > n->size)
            ext2_node_set_size(n, off + done);
    }
    return (long)done;
}

/* The largest size a file can reach here; past 2 GiB the large_file feature is switched on. */
static uint64_t size_limit(struct ext2_fs *fs, uint64_t want)
{
    uint64_t max = ext2_max_lblocks(fs) * fs->bs;
    if (want > EXT2_SMALL_FILE_MAX && !(fs->sb.s_feature_ro_compat & EXT2_RO_COMPAT_LARGE_FILE)) {
        if (fs->sb.s_rev_level == 0)
            return EXT2_SMALL_FILE_MAX;
        fs->sb.s_feature_ro_compat |= EXT2_RO_COMPAT_LARGE_FILE;
    }
    return max;
}

static bool time_le(struct rr_timespec a, struct rr_timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

long ext2_read(struct rr_file *f, void *buf, size_t count, uint64_t off)
{
    struct ext2_fs *fs = ext2_fs_of(f->vn);
    struct ext2_node *n = ext2_node_of(f->vn);
    if (!RR_S_ISREG(f->vn->mode))
        return -EINVAL;
    ext2_lock(fs);
    long r = 0;
    if (off < n->size) {
        if (count > n->size - off)
            count = (size_t)(n->size - off);
        r = ext2_read_locked(fs, n, buf, count, off);
        /* relatime: an access is recorded only when it is news since the last change */
        struct rr_timespec at = ext2_node_time(n, EXT2_ATIME);
        if (r > 0 && !fs->ro && !(f->flags & RR_O_NOATIME) &&
            (time_le(at, ext2_node_time(n, EXT2_MTIME)) || time_le(at, ext2_node_time(n, EXT2_CTIME)))) {
            ext2_node_set_time(fs, n, EXT2_ATIME, ext2_now());
            ext2_node_write(fs, n);
        }
    }
    ext2_unlock(fs);
    return r;
}

long ext2_write(struct rr_file *f, const void *buf, size_t count, uint64_t off)
{
    struct ext2_fs *fs = ext2_fs_of(f->vn);
    struct ext2_node *n = ext2_node_of(f->vn);
    if (!RR_S_ISREG(f->vn->mode))
        return -EINVAL;
    if (count == 0)
        return 0;
    ext2_lock(fs);
    long r;
    uint64_t max = size_limit(fs, off + count);
    if (off >= max) {
        r = -EFBIG;
    } else {
        if (count > max - off)
            count = (size_t)(max - off);
        r = ext2_write_locked(fs, n, buf, count, off);
        int e = ext2_node_touch(fs, n);
        /* O_SYNC and O_DSYNC: the data and what finds it are on the disk before write returns */
        if (!e && r > 0 && (f->flags & RR_O_DSYNC))
            e = ext2_sync_all(fs);
        if (e && r >= 0)
            r = e;
    }
    ext2_unlock(fs);
    return r;
}

int ext2_truncate_locked(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
    if (size > size_limit(fs, size))
        return -EFBIG;
    int e = 0;
    if (size < n->size) {
        e = ext2_free_blocks_from(fs, n, (size + fs->bs - 1) / fs->bs);
        uint32_t tail = (uint32_t)(size % fs->bs);
        uint32_t blk = 0;
        if (!e && tail)
            e = ext2_bmap(fs, n, size / fs->bs, false, &blk, NULL);
        if (!e && blk) {
            struct ext2_buf *b;
            e = ext2_bread(fs, blk, &b);
            if (!e) {
                rr_memset(b->data + tail, 0, fs->bs - tail);
                ext2_bdirty(fs, b);
                ext2_brelse(fs, b);
            }
        }
    }
    ext2_node_set_size(n, size);
    int e2 = ext2_node_touch(fs, n);
    return e ? e : e2;
}
