/*
 * Block and inode allocation through the groups' bitmaps. Free counts live in
 * the group descriptors; the superblock's totals are summed from them when it
 * is written. A bit that claims a group's own metadata is free, or a free that
 * finds its bit already clear, is corruption: reported, never acted upon.
 */
#include "ext2_fs.h"

static uint32_t group_start(struct ext2_fs *fs, uint32_t g)
{
    return fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
}

static uint32_t group_blocks(struct ext2_fs *fs, uint32_t g)
{
    uint32_t start = group_start(fs, g);
    uint32_t n = fs->sb.s_blocks_count - start;
    return n < fs->sb.s_blocks_per_group ? n : fs->sb.s_blocks_per_group;
}

/* The group's superblock copy, descriptors, bitmaps and inode table. */
static bool is_metadata(struct ext2_fs *fs, uint32_t g, uint32_t blk)
{
    struct ext2_group_desc *d = &fs->gd[g];
    if (blk == d->bg_block_bitmap || blk == d->bg_inode_bitmap)
        return true;
    if (blk >= d->bg_inode_table && blk - d->bg_inode_table < fs->itable_blocks)
        return true;
    if (ext2_group_has_super(fs, g)) {
        uint32_t start = group_start(fs, g);
        if (blk - start < 1 + fs->gdt_blocks + fs->sb.s_reserved_gdt_blocks)
            return true;
    }
    return blk <= fs->sb.s_first_data_block;
}

/* The first clear bit in [from, n), or n. */
static uint32_t find_clear(const uint8_t *map, uint32_t from, uint32_t n)
{
    uint32_t i = from;
    while (i < n) {
        if ((i & 7) == 0 && map[i >> 3] == 0xff) {
            i += 8;
            continue;
        }
        if (!(map[i >> 3] & (1u << (i & 7))))
            return i;
        i++;
    }
    return n;
}

static int take_block_in_group(struct ext2_fs *fs, uint32_t g, uint32_t from, uint32_t *out)
{
    struct ext2_group_desc *d = &fs->gd[g];
    if (d->bg_free_blocks_count == 0)
        return -ENOSPC;
    struct ext2_buf *b;
    int e = ext2_bread(fs, d->bg_block_bitmap, &b);
    if (e)
        return e;
    uint32_t n = group_blocks(fs, g);
    uint32_t bit = find_clear(b->data, from < n ? from : 0, n);
    if (bit == n && from)
        bit = find_clear(b->data, 0, n);
    if (bit == n) {
        ext2_brelse(fs, b);
        return -ENOSPC;   /* the count was wrong; another group may have room */
    }
    uint32_t blk = group_start(fs, g) + bit;
    if (is_metadata(fs, g, blk)) {
        ext2_brelse(fs, b);
        return ext2_corrupt(fs, "the block bitmap of group %u calls metadata block %u free", g, blk);
    }
    b->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    d->bg_free_blocks_count--;
    *out = blk;
    return 0;
}

int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
    if (!ext2_block_ok(fs, goal))
        goal = fs->sb.s_first_data_block;
    uint32_t g0 = (goal - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
    if (g0 >= fs->groups)
        g0 = 0;
    for (uint32_t i = 0; i < fs->groups; i++) {
        uint32_t g = (g0 + i) % fs->groups;
        uint32_t from = i == 0 ? goal - group_start(fs, g) : 0;
        int e = take_block_in_group(fs, g, from, out);
        if (e != -ENOSPC)
            return e;
    }
    return -ENOSPC;
}

int ext2_free_block(struct ext2_fs *fs, uint32_t blk)
{
    if (!ext2_block_ok(fs, blk))
        return ext2_corrupt(fs, "freeing block %u, outside the file system", blk);
    uint32_t g = (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
    uint32_t bit = (blk - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
    if (is_metadata(fs, g, blk))
        return ext2_corrupt(fs, "freeing block %u, which holds group %u's metadata", blk, g);
    struct ext2_buf *b;
    int e = ext2_bread(fs, fs->gd[g].bg_block_bitmap, &b);
    if (e)
        return e;
    uint8_t mask = (uint8_t)(1u << (bit & 7));
    if (!(b->data[bit >> 3] & mask)) {
        ext2_brelse(fs, b);
        return ext2_corrupt(fs, "freeing block %u, which is already free", blk);
    }
    b->data[bit >> 3] &= (uint8_t)~mask;
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    fs->gd[g].bg_free_blocks_count++;
    ext2_bforget(fs, blk);
    return 0;
}

static int take_inode_in_group(struct ext2_fs *fs, uint32_t g, bool is_dir, uint32_t *out)
{
    struct ext2_group_desc *d = &fs->gd[g];
    if (d->bg_free_inodes_count == 0)
        return -ENOSPC;
    struct ext2_buf *b;
    int e = ext2_bread(fs, d->bg_inode_bitmap, &b);
    if (e)
        return e;
    uint32_t ipg = fs->sb.s_inodes_per_group;
    uint32_t from = 0;
    if (g * ipg + 1 < fs->first_ino)
        from = fs->first_ino - 1 - g * ipg;   /* the reserved inodes are never handed out */
    uint32_t bit = from < ipg ? find_clear(b->data, from, ipg) : ipg;
    if (bit == ipg) {
        ext2_brelse(fs, b);
        return -ENOSPC;
    }
    b->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    d->bg_free_inodes_count--;
    if (is_dir)
        d->bg_used_dirs_count++;
    *out = g * ipg + bit + 1;
    return 0;
}

/* Directories: among the groups with at least the average number of free
 * inodes, the one with the most free blocks. */
static uint32_t dir_group(struct ext2_fs *fs)
{
    uint64_t total = 0;
    for (uint32_t g = 0; g < fs->groups; g++)
        total += fs->gd[g].bg_free_inodes_count;
    uint64_t avg = total / fs->groups;
    uint32_t best = UINT32_MAX;
    for (uint32_t g = 0; g < fs->groups; g++) {
        struct ext2_group_desc *d = &fs->gd[g];
        if (d->bg_free_inodes_count == 0 || d->bg_free_inodes_count < avg)
            continue;
        if (best == UINT32_MAX || d->bg_free_blocks_count > fs->gd[best].bg_free_blocks_count)
            best = g;
    }
    return best == UINT32_MAX ? 0 : best;
}

int ext2_alloc_inode(struct ext2_fs *fs, uint32_t dir_ino, bool is_dir, uint32_t *out)
{
    uint32_t g0 = is_dir ? dir_group(fs) : (dir_ino - 1) / fs->sb.s_inodes_per_group;
    if (g0 >= fs->groups)
        g0 = 0;
    for (uint32_t i = 0; i < fs->groups; i++) {
        int e = take_inode_in_group(fs, (g0 + i) % fs->groups, is_dir, out);
        if (e != -ENOSPC)
            return e;
    }
    return -ENOSPC;
}

int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir)
{
    uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group;
    uint32_t bit = (ino - 1) % fs->sb.s_inodes_per_group;
    if (ino < fs->first_ino || g >= fs->groups)
        return ext2_corrupt(fs, "freeing inode %u", ino);
    struct ext2_buf *b;
    int e = ext2_bread(fs, fs->gd[g].bg_inode_bitmap, &b);
    if (e)
        return e;
    uint8_t mask = (uint8_t)(1u << (bit & 7));
    if (!(b->data[bit >> 3] & mask)) {
        ext2_brelse(fs, b);
        return ext2_corrupt(fs, "freeing inode %u, which is already free", ino);
    }
    b->data[bit >> 3] &= (uint8_t)~mask;
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    struct ext2_group_desc *d = &fs->gd[g];
    d->bg_free_inodes_count++;
    if (is_dir && d->bg_used_dirs_count)
        d->bg_used_dirs_count--;
    return 0;
}
