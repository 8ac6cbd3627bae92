/*
 * The block map of a file: twelve direct pointers in the inode, then one
 * single-, one double- and one triple-indirect tree. Depth is fixed, so a
 * corrupt pointer can never make a walk loop; every pointer is range-checked.
 * i_blocks counts data and indirect blocks in 512-byte units.
 */
#include "ext2_fs.h"

uint64_t ext2_max_lblocks(struct ext2_fs *fs)
{
    uint64_t p = fs->ptrs;
    uint64_t tree = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
    /* i_blocks (32 bits of sectors) must hold the data and its indirect blocks */
    uint64_t sectors = 0xffffffffull / (fs->bs / 512);
    uint64_t by_count = sectors - sectors / p - 3;
    return tree < by_count ? tree : by_count;
}

static void add_blocks(struct ext2_fs *fs, struct ext2_node *n, int sign)
{
    uint32_t unit = fs->bs / 512;
    if (sign > 0)
        n->di.i_blocks += unit;
    else
        n->di.i_blocks = n->di.i_blocks >= unit ? n->di.i_blocks - unit : 0;
}

static uint32_t goal_of(struct ext2_fs *fs, struct ext2_node *n)
{
    if (n->goal && ext2_block_ok(fs, n->goal))
        return n->goal;
    uint32_t g = (n->ino - 1) / fs->sb.s_inodes_per_group;
    return fs->gd[g].bg_inode_table + fs->itable_blocks;
}

static int alloc_for(struct ext2_fs *fs, struct ext2_node *n, uint32_t *out)
{
    int e = ext2_alloc_block(fs, goal_of(fs, n), out);
    if (e)
        return e;
    n->goal = *out + 1;
    add_blocks(fs, n, +1);
    return 0;
}

int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lblk, bool alloc, uint32_t *out, bool *fresh)
{
    uint64_t p = fs->ptrs;
    uint32_t idx[3];
    int levels;
    uint32_t *slot;
    if (fresh)
        *fresh = false;
    if (lblk >= ext2_max_lblocks(fs))
        return -EFBIG;
    if (lblk < EXT2_NDIR_BLOCKS) {
        levels = 0;
        slot = &n->di.i_block[lblk];
    } else if ((lblk -= EXT2_NDIR_BLOCKS) < p) {
        levels = 1;
        slot = &n->di.i_block[EXT2_IND_BLOCK];
        idx[0] = (uint32_t)lblk;
    } else if ((lblk -= p) < p * p) {
        levels = 2;
        slot = &n->di.i_block[EXT2_DIND_BLOCK];
        idx[0] = (uint32_t)(lblk / p);
        idx[1] = (uint32_t)(lblk % p);
    } else {
        lblk -= p * p;
        levels = 3;
        slot = &n->di.i_block[EXT2_TIND_BLOCK];
        idx[0] = (uint32_t)(lblk / (p * p));
        idx[1] = (uint32_t)((lblk / p) % p);
        idx[2] = (uint32_t)(lblk % p);
    }
    struct ext2_buf *holder = NULL;   /* the indirect block holding slot, NULL for the inode */
    bool node_changed = false;
    int e = 0;
    for (int level = 0; ; level++) {
        uint32_t ptr = *slot;
        bool last = level == levels;
        if (ptr == 0) {
            if (!alloc) {
                *out = 0;
                break;
            }
            e = alloc_for(fs, n, &ptr);
            if (e)
                break;
            node_changed = true;
            *slot = ptr;
            if (holder)
                ext2_bdirty(fs, holder);
            if (last) {
                if (fresh)
                    *fresh = true;
                *out = ptr;
                break;
            }
            struct ext2_buf *b;
            e = ext2_bnew(fs, ptr, &b);
            if (e)
                break;
            ext2_bdirty(fs, b);
            ext2_brelse(fs, holder);
            holder = b;
        } else {
            if (!ext2_block_ok(fs, ptr)) {
                e = ext2_corrupt(fs, "inode %u: block pointer %u outside the file system", n->ino, ptr);
                break;
            }
            if (last) {
                *out = ptr;
                break;
            }
            struct ext2_buf *b;
            e = ext2_bread(fs, ptr, &b);
            if (e)
                break;
            ext2_brelse(fs, holder);
            holder = b;
        }
        slot = (uint32_t *)holder->data + idx[level];
    }
    ext2_brelse(fs, holder);
    if (node_changed) {
        int e2 = ext2_node_write(fs, n);
        if (!e)
            e = e2;
    }
    return e;
}

/* Frees the entries of indirect block blk (level 1: pointers to data) from
 * logical offset start inside it; *empty says whether nothing is left in it. */
static int free_tree(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk, int level, uint64_t start, bool *empty)
{
    struct ext2_buf *b;
    int e = ext2_bread(fs, blk, &b);
    if (e)
        return e;
    uint32_t *v = (uint32_t *)b->data;
    uint64_t span = 1;
    for (int i = 1; i < level; i++)
        span *= fs->ptrs;
    uint32_t first = (uint32_t)(start / span);
    bool changed = false;
    for (uint32_t i = first; i < fs->ptrs && !e; i++) {
        uint32_t child = v[i];
        if (child == 0)
            continue;
        if (!ext2_block_ok(fs, child)) {
            e = ext2_corrupt(fs, "inode %u: block pointer %u outside the file system", n->ino, child);
            break;
        }
        bool gone = true;
        if (level > 1)
            e = free_tree(fs, n, child, level - 1, i == first ? start % span : 0, &gone);
        if (!e && gone) {
            e = ext2_free_block(fs, child);
            v[i] = 0;
            changed = true;
            add_blocks(fs, n, -1);
        }
    }
    *empty = true;
    for (uint32_t i = 0; i < fs->ptrs; i++)
        if (v[i]) {
            *empty = false;
            break;
        }
    if (changed)
        ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    return e;
}

int ext2_free_blocks_from(struct ext2_fs *fs, struct ext2_node *n, uint64_t first)
{
    int e = 0;
    for (uint64_t i = first; i < EXT2_NDIR_BLOCKS; i++) {
        uint32_t blk = n->di.i_block[i];
        if (!blk)
            continue;
        n->di.i_block[i] = 0;
        add_blocks(fs, n, -1);
        int e2 = ext2_free_block(fs, blk);
        if (!e)
            e = e2;
    }
    uint64_t base = EXT2_NDIR_BLOCKS, span = fs->ptrs;
    for (int level = 1; level <= 3; level++, base += span, span *= fs->ptrs) {
        uint32_t *slot = &n->di.i_block[EXT2_NDIR_BLOCKS + level - 1];
        if (*slot == 0 || first >= base + span)
            continue;
        if (!ext2_block_ok(fs, *slot)) {
            e = ext2_corrupt(fs, "inode %u: indirect block %u outside the file system", n->ino, *slot);
            continue;
        }
        bool empty = false;
        int e2 = free_tree(fs, n, *slot, level, first > base ? first - base : 0, &empty);
        if (!e2 && empty) {
            e2 = ext2_free_block(fs, *slot);
            *slot = 0;
            add_blocks(fs, n, -1);
        }
        if (!e)
            e = e2;
    }
    int e2 = ext2_node_write(fs, n);
    return e ? e : e2;
}
