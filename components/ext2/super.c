/*
 * The superblock and the group descriptors: checked at mount, kept in memory,
 * written back at sync and unmount. Mounting read-write marks the file system
 * "not clean" on disk first, so a guest that dies leaves it marked for e2fsck;
 * unmount restores the state found at mount.
 */
#include "ext2_fs.h"
#include <rr/ext2.h>

struct rr_timespec ext2_now(void)
{
    uint64_t ns = rr_realtime_ns_coarse();
    return (struct rr_timespec){ (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
}

static bool not_busy(void *arg)
{
    return !((struct ext2_fs *)arg)->busy;
}

void ext2_lock(struct ext2_fs *fs)
{
    while (fs->busy)
        rr_wait_until(not_busy, fs, 0);
    fs->busy = true;
}

void ext2_unlock(struct ext2_fs *fs)
{
    fs->busy = false;
}

int ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...)
{
    if (!fs->error_reported) {
        char msg[160];
        va_list ap;
        va_start(ap, fmt);
        rr_vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        rr_printk("ext2 %s: corrupt file system: %s", fs->devname, msg);
        fs->error_reported = true;
    }
    if (!fs->ro)
        fs->sb.s_state |= EXT2_ERROR_FS;
    return -EIO;
}

static bool power_of(uint32_t n, uint32_t base)
{
    while (n > 1 && n % base == 0)
        n /= base;
    return n == 1;
}

bool ext2_group_has_super(struct ext2_fs *fs, uint32_t group)
{
    if (!(fs->sb.s_feature_ro_compat & EXT2_RO_COMPAT_SPARSE_SUPER) || group <= 1)
        return true;
    return power_of(group, 3) || power_of(group, 5) || power_of(group, 7);
}

static int read_super(struct rr_blkdev *dev, struct ext2_super *sb)
{
    if (dev->sectors < (EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE) / RR_BLK_SECTOR)
        return -EINVAL;
    return rr_blk_read(dev, EXT2_SUPER_OFFSET / RR_BLK_SECTOR, EXT2_SUPER_SIZE / RR_BLK_SECTOR, sb);
}

static bool probe(struct rr_blkdev *dev)
{
    struct ext2_super *sb = rr_malloc(sizeof(*sb));
    if (!sb)
        return false;
    bool ok = read_super(dev, sb) == 0 && sb->s_magic == EXT2_MAGIC;
    rr_free(sb);
    return ok;
}

#define REFUSE(...) do { rr_snprintf(err, errlen, __VA_ARGS__); return -EINVAL; } while (0)

/* Everything the rest of the code relies on about the superblock. */
static int check_super(struct ext2_fs *fs, char *err, size_t errlen)
{
    struct ext2_super *sb = &fs->sb;
    if (sb->s_magic != EXT2_MAGIC)
        REFUSE("ext2 superblock: bad magic 0x%04x", sb->s_magic);
    if (sb->s_rev_level > 1)
        REFUSE("ext2 superblock: revision %u (only 0 and 1 exist)", sb->s_rev_level);
    if (sb->s_log_block_size > 2)
        REFUSE("ext2 superblock: block size 2^%u KiB (1, 2 and 4 KiB are supported)", sb->s_log_block_size);
    fs->bs = 1024u << sb->s_log_block_size;
    if (sb->s_log_frag_size != sb->s_log_block_size)
        REFUSE("ext2 superblock: fragment size differs from the block size");
    if (sb->s_first_data_block != (fs->bs == 1024 ? 1u : 0u))
        REFUSE("ext2 superblock: first data block %u with %u-byte blocks", sb->s_first_data_block, fs->bs);
    if (sb->s_blocks_count <= sb->s_first_data_block + 2)
        REFUSE("ext2 superblock: %u blocks", sb->s_blocks_count);
    if (sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > 8 * fs->bs || sb->s_blocks_per_group % 8)
        REFUSE("ext2 superblock: %u blocks per group with %u-byte blocks", sb->s_blocks_per_group, fs->bs);
    if (sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > 8 * fs->bs)
        REFUSE("ext2 superblock: %u inodes per group", sb->s_inodes_per_group);
    if (sb->s_rev_level == 0) {
        fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        fs->inode_size = sb->s_inode_size;
        fs->first_ino = sb->s_first_ino;
        if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->bs ||
            (fs->inode_size & (fs->inode_size - 1)))
            REFUSE("ext2 superblock: inode size %u", fs->inode_size);
    }
    fs->groups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) / sb->s_blocks_per_group;
    if ((uint64_t)fs->groups * sb->s_inodes_per_group != sb->s_inodes_count)
        REFUSE("ext2 superblock: %u inodes, but %u groups of %u", sb->s_inodes_count, fs->groups, sb->s_inodes_per_group);
    if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino >= sb->s_inodes_count)
        REFUSE("ext2 superblock: first inode %u", fs->first_ino);
    if (sb->s_free_blocks_count > sb->s_blocks_count || sb->s_free_inodes_count > sb->s_inodes_count ||
        sb->s_r_blocks_count > sb->s_blocks_count)
        REFUSE("ext2 superblock: free counts larger than the totals");
    if ((uint64_t)sb->s_blocks_count * (fs->bs / RR_BLK_SECTOR) > fs->dev->sectors)
        REFUSE("ext2 superblock: %u blocks of %u bytes, but the device has %lu bytes",
               sb->s_blocks_count, fs->bs, (unsigned long)(fs->dev->sectors * RR_BLK_SECTOR));
    fs->sectors_per_block = fs->bs / RR_BLK_SECTOR;
    fs->ptrs = fs->bs / 4;
    fs->inodes_per_block = fs->bs / fs->inode_size;
    fs->itable_blocks = (sb->s_inodes_per_group + fs->inodes_per_block - 1) / fs->inodes_per_block;
    fs->gdt_blocks = (fs->groups * (uint32_t)sizeof(struct ext2_group_desc) + fs->bs - 1) / fs->bs;
    if (sb->s_first_data_block + 1 + fs->gdt_blocks > sb->s_blocks_count)
        REFUSE("ext2 superblock: %u groups do not fit", fs->groups);
    return 0;
}

static const char *incompat_name(uint32_t bit)
{
    switch (bit) {
    case EXT2_INCOMPAT_COMPRESSION: return "compression";
    case EXT2_INCOMPAT_RECOVER: return "needs_recovery (a journal to replay)";
    case EXT2_INCOMPAT_JOURNAL_DEV: return "journal_dev";
    case EXT2_INCOMPAT_META_BG: return "meta_bg";
    case EXT2_INCOMPAT_EXTENTS: return "extent";
    case EXT2_INCOMPAT_64BIT: return "64bit";
    case EXT2_INCOMPAT_MMP: return "mmp";
    case EXT2_INCOMPAT_FLEX_BG: return "flex_bg";
    case EXT2_INCOMPAT_INLINE_DATA: return "inline_data";
    default: return NULL;
    }
}

static int check_features(struct ext2_fs *fs, char *err, size_t errlen)
{
    struct ext2_super *sb = &fs->sb;
    if (sb->s_rev_level == 0)
        return 0;   /* revision 0 has no feature fields */
    uint32_t unknown = sb->s_feature_incompat & ~EXT2_INCOMPAT_SUPPORTED;
    if (unknown) {
        uint32_t bit = unknown & -unknown;
        const char *name = incompat_name(bit);
        if (name)
            REFUSE("ext2: unsupported incompatible feature %s (features 0x%x)", name, unknown);
        REFUSE("ext2: unsupported incompatible features 0x%x", unknown);
    }
    fs->filetype = sb->s_feature_incompat & EXT2_INCOMPAT_FILETYPE;
    uint32_t ro_unknown = sb->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPPORTED;
    if (ro_unknown && !fs->ro) {
        rr_printk("ext2 %s: unknown read-only-compatible features 0x%x: mounting read-only",
                  fs->devname, ro_unknown);
        fs->ro = true;
    }
    return 0;
}

static int check_groups(struct ext2_fs *fs, char *err, size_t errlen)
{
    struct ext2_super *sb = &fs->sb;
    uint32_t blocks = sb->s_blocks_count;
    for (uint32_t g = 0; g < fs->groups; g++) {
        struct ext2_group_desc *d = &fs->gd[g];
        uint32_t start = sb->s_first_data_block + g * sb->s_blocks_per_group;
        uint32_t end = start + sb->s_blocks_per_group;
        if (end > blocks)
            end = blocks;
        if (d->bg_block_bitmap < start || d->bg_block_bitmap >= end)
            REFUSE("ext2 group %u: block bitmap at block %u, outside the group (%u..%u)", g, d->bg_block_bitmap, start, end - 1);
        if (d->bg_inode_bitmap < start || d->bg_inode_bitmap >= end)
            REFUSE("ext2 group %u: inode bitmap at block %u, outside the group (%u..%u)", g, d->bg_inode_bitmap, start, end - 1);
        if (d->bg_inode_table < start || d->bg_inode_table > end - fs->itable_blocks || end - start < fs->itable_blocks)
            REFUSE("ext2 group %u: inode table at block %u, outside the group (%u..%u)", g, d->bg_inode_table, start, end - 1);
        if (d->bg_free_blocks_count > end - start || d->bg_free_inodes_count > sb->s_inodes_per_group ||
            d->bg_used_dirs_count > sb->s_inodes_per_group)
            REFUSE("ext2 group %u: counts larger than the group", g);
    }
    return 0;
}

static int write_gdt(struct ext2_fs *fs)
{
    uint32_t first = fs->sb.s_first_data_block + 1;
    return rr_blk_write(fs->dev, (uint64_t)first * fs->sectors_per_block, fs->gdt_blocks * fs->sectors_per_block, fs->gd);
}

int ext2_write_super(struct ext2_fs *fs)
{
    if (fs->ro)
        return 0;
    uint64_t fb = 0, fi = 0;
    for (uint32_t g = 0; g < fs->groups; g++) {
        fb += fs->gd[g].bg_free_blocks_count;
        fi += fs->gd[g].bg_free_inodes_count;
    }
    fs->sb.s_free_blocks_count = (uint32_t)fb;
    fs->sb.s_free_inodes_count = (uint32_t)fi;
    fs->sb.s_wtime = (uint32_t)ext2_now().tv_sec;
    int e = write_gdt(fs);
    int e2 = rr_blk_write(fs->dev, EXT2_SUPER_OFFSET / RR_BLK_SECTOR, EXT2_SUPER_SIZE / RR_BLK_SECTOR, &fs->sb);
    if (e || e2)
        rr_printk("ext2 %s: writing the superblock failed (%d)", fs->devname, e ? e : e2);
    return e ? e : e2;
}

int ext2_sync_all(struct ext2_fs *fs)
{
    if (fs->ro)
        return 0;
    int e = ext2_cache_writeback(fs);
    int e2 = ext2_write_super(fs);
    int e3 = rr_blk_flush(fs->dev);
    return e ? e : e2 ? e2 : e3;
}

static void fs_free(struct ext2_fs *fs)
{
    ext2_cache_destroy(fs);
    rr_free(fs->gd);
    rr_free(fs);
}

static int do_mount(struct rr_blkdev *dev, bool ro, struct rr_mount **out, char *err, size_t errlen)
{
    struct ext2_fs *fs = rr_zalloc(sizeof(*fs));
    if (!fs)
        REFUSE("ext2: out of memory");
    fs->dev = dev;
    fs->devname = dev->serial[0] ? dev->serial : dev->name;
    fs->ro = ro || dev->read_only;
    int e = read_super(dev, &fs->sb);
    if (e) {
        rr_free(fs);
        REFUSE("ext2 superblock: cannot be read (%d)", e);
    }
    e = check_super(fs, err, errlen);
    if (!e)
        e = check_features(fs, err, errlen);
    if (e) {
        rr_free(fs);
        return e;
    }
    fs->gd = rr_malloc((size_t)fs->gdt_blocks * fs->bs);
    if (!fs->gd) {
        rr_free(fs);
        REFUSE("ext2: out of memory for %u group descriptors", fs->groups);
    }
    e = rr_blk_read(dev, (uint64_t)(fs->sb.s_first_data_block + 1) * fs->sectors_per_block,
                    fs->gdt_blocks * fs->sectors_per_block, fs->gd);
    if (e) {
        fs_free(fs);
        REFUSE("ext2: the group descriptors cannot be read (%d)", e);
    }
    e = check_groups(fs, err, errlen);
    if (e) {
        fs_free(fs);
        return e;
    }
    if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
        uint32_t want = fs->sb.s_want_extra_isize > fs->sb.s_min_extra_isize ? fs->sb.s_want_extra_isize : fs->sb.s_min_extra_isize;
        if (want == 0)
            want = 32;
        if (want > fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE)
            want = fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE;
        fs->new_extra_isize = (uint16_t)(want & ~3u);
    }
    ext2_cache_init(fs);
    fs->mnt.fstype = "ext2";
    fs->mnt.dev = rr_vfs_new_dev();
    fs->mnt.flags = fs->ro ? RR_MNT_RDONLY : 0;
    fs->mnt.statfs = ext2_statfs;
    fs->mnt.fs_data = fs;
    struct ext2_node *root;
    e = ext2_node_get(fs, EXT2_ROOT_INO, &root);
    if (!e && !RR_S_ISDIR(root->vn.mode)) {
        ext2_node_put(fs, root);
        e = -ENOTDIR;
    }
    if (e) {
        fs_free(fs);
        REFUSE("ext2: the root directory (inode 2) is %s", e == -ENOTDIR ? "not a directory" : "unreadable");
    }
    fs->mnt.root = &root->vn;
    fs->state_at_mount = fs->sb.s_state;
    if (!(fs->sb.s_state & EXT2_VALID_FS) || (fs->sb.s_state & EXT2_ERROR_FS))
        rr_printk("ext2 %s: not cleanly unmounted or has errors; mounting anyway (e2fsck is advised)", fs->devname);
    if (!fs->ro) {
        fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
        fs->sb.s_mnt_count++;
        fs->sb.s_mtime = (uint32_t)ext2_now().tv_sec;
        e = ext2_write_super(fs);
        if (!e)
            e = rr_blk_flush(dev);
        if (e) {
            fs_free(fs);
            REFUSE("ext2: the superblock cannot be written (%d)", e);
        }
    }
    *out = &fs->mnt;
    return 0;
}

static int do_sync(struct rr_mount *m)
{
    struct ext2_fs *fs = m->fs_data;
    ext2_lock(fs);
    int e = ext2_sync_all(fs);
    ext2_unlock(fs);
    return e;
}

static int do_unmount(struct rr_mount *m)
{
    struct ext2_fs *fs = m->fs_data;
    ext2_lock(fs);
    /* files still open but without a name: their space goes back now */
    for (size_t i = 0; i < EXT2_NODE_HASH && !fs->ro; i++)
        for (struct ext2_node *n = fs->nodes[i]; n; n = n->hnext)
            if (n->di.i_links_count == 0 && n->di.i_dtime == 0)
                ext2_node_delete(fs, n);
    int e = 0;
    if (!fs->ro) {
        e = ext2_cache_writeback(fs);
        uint16_t errors = fs->sb.s_state & EXT2_ERROR_FS;
        fs->sb.s_state = (uint16_t)(fs->state_at_mount | errors);
        int e2 = ext2_write_super(fs);
        int e3 = rr_blk_flush(fs->dev);
        if (!e)
            e = e2 ? e2 : e3;
    }
    /* files closed after this point (at the guest's end) must not dirty a cache nobody writes back */
    fs->ro = true;
    fs->mnt.flags |= RR_MNT_RDONLY;
    ext2_unlock(fs);
    return e;
}

const struct rr_fstype rr_ext2_fstype = {
    .name = "ext2",
    .probe = probe,
    .mount = do_mount,
    .sync = do_sync,
    .unmount = do_unmount,
};

static int ext2_register(void)
{
    return rr_fstype_register(&rr_ext2_fstype);
}

RR_INIT(RR_FSTYPE_ORDER, ext2_register);
