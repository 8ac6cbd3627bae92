/*
 * Directories: linked records in whole blocks, "." and ".." first. Every
 * record is checked before it is used (length, alignment, name inside it,
 * inode number in range), and a record length is at least 8, so a walk always
 * moves forward and ends. Hashed (dir_index) directories read as linear ones;
 * changing one drops its index flag, as the format asks of code that does not
 * maintain the index.
 */
#include "ext2_fs.h"

static int dir_block(struct ext2_fs *fs, struct ext2_node *dir, uint64_t lblk, struct ext2_buf **out)
{
    uint32_t blk;
    int e = ext2_bmap(fs, dir, lblk, false, &blk, NULL);
    if (e)
        return e;
    if (blk == 0)
        return ext2_corrupt(fs, "directory inode %u has a hole at block %lu", dir->ino, (unsigned long)lblk);
    return ext2_bread(fs, blk, out);
}

static uint32_t name_len_of(struct ext2_fs *fs, const struct ext2_dirent *d)
{
    return fs->filetype ? d->name_len : (uint32_t)d->name_len | ((uint32_t)d->file_type << 8);
}

/* The entry at off, checked. */
static int entry_at(struct ext2_fs *fs, struct ext2_node *dir, uint64_t lblk, uint8_t *data, uint32_t off,
                    struct ext2_dirent **out)
{
    struct ext2_dirent *d = (struct ext2_dirent *)(data + off);
    if (off + EXT2_DIRENT_HEADER > fs->bs)
        goto bad;
    uint32_t len = name_len_of(fs, d);
    if (d->rec_len < EXT2_DIRENT_HEADER || d->rec_len % 4 || off + d->rec_len > fs->bs)
        goto bad;
    if (d->inode && (len == 0 || len > EXT2_NAME_LEN || EXT2_DIRENT_HEADER + len > d->rec_len))
        goto bad;
    if (d->inode > fs->sb.s_inodes_count)
        return ext2_corrupt(fs, "directory inode %u block %lu: entry at %u names inode %u",
                            dir->ino, (unsigned long)lblk, off, d->inode);
    *out = d;
    return 0;
bad:
    return ext2_corrupt(fs, "directory inode %u block %lu: bad entry at offset %u", dir->ino, (unsigned long)lblk, off);
}

static uint64_t nblocks(struct ext2_fs *fs, struct ext2_node *dir)
{
    return dir->size / fs->bs;
}

int ext2_dir_walk(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos, ext2_dir_fn fn, void *ctx)
{
    for (uint64_t lblk = *pos / fs->bs; lblk < nblocks(fs, dir); lblk++) {
        struct ext2_buf *b;
        int e = dir_block(fs, dir, lblk, &b);
        if (e)
            return e;
        uint64_t base = lblk * fs->bs;
        for (uint32_t off = 0; off < fs->bs; ) {
            struct ext2_dirent *d;
            e = entry_at(fs, dir, lblk, b->data, off, &d);
            if (e) {
                ext2_brelse(fs, b);
                return e;
            }
            /* a position inside a record that grew over a removed one skips it:
             * that record was already passed */
            if (base + off >= *pos && d->inode) {
                if (fn(ctx, d, base + off)) {
                    *pos = base + off;
                    ext2_brelse(fs, b);
                    return 0;
                }
            }
            off += d->rec_len;
            if (base + off > *pos)
                *pos = base + off;
        }
        ext2_brelse(fs, b);
    }
    return 0;
}

static bool same_name(struct ext2_fs *fs, const struct ext2_dirent *d, const char *name, size_t len)
{
    return name_len_of(fs, d) == len && rr_memcmp(d->name, name, len) == 0;
}

int ext2_dir_find(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len,
                  uint32_t *ino, struct ext2_dirloc *loc)
{
    for (uint64_t lblk = 0; lblk < nblocks(fs, dir); lblk++) {
        struct ext2_buf *b;
        int e = dir_block(fs, dir, lblk, &b);
        if (e)
            return e;
        uint32_t prev = UINT32_MAX;
        for (uint32_t off = 0; off < fs->bs; ) {
            struct ext2_dirent *d;
            e = entry_at(fs, dir, lblk, b->data, off, &d);
            if (e) {
                ext2_brelse(fs, b);
                return e;
            }
            if (d->inode && same_name(fs, d, name, len)) {
                *ino = d->inode;
                if (loc)
                    *loc = (struct ext2_dirloc){ lblk, off, prev };
                ext2_brelse(fs, b);
                return 0;
            }
            prev = off;
            off += d->rec_len;
        }
        ext2_brelse(fs, b);
    }
    return -ENOENT;
}

static void fill_entry(struct ext2_fs *fs, struct ext2_dirent *d, const char *name, size_t len,
                       uint32_t ino, uint8_t ftype)
{
    d->inode = ino;
    d->name_len = (uint8_t)len;
    d->file_type = fs->filetype ? ftype : 0;
    rr_memcpy(d->name, name, len);
}

/* The directory changes: times, and no more index. */
static int changed(struct ext2_fs *fs, struct ext2_node *dir)
{
    dir->di.i_flags &= ~EXT2_INDEX_FL;
    return ext2_node_touch(fs, dir);
}

int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len,
                 uint32_t ino, uint8_t ftype)
{
    uint32_t need = EXT2_DIRENT_SIZE(len);
    uint64_t count = nblocks(fs, dir);
    for (uint64_t lblk = 0; lblk < count; lblk++) {
        struct ext2_buf *b;
        int e = dir_block(fs, dir, lblk, &b);
        if (e)
            return e;
        for (uint32_t off = 0; off < fs->bs; ) {
            struct ext2_dirent *d;
            e = entry_at(fs, dir, lblk, b->data, off, &d);
            if (e) {
                ext2_brelse(fs, b);
                return e;
            }
            uint32_t used = d->inode ? EXT2_DIRENT_SIZE(name_len_of(fs, d)) : 0;
            if (d->rec_len - used >= need) {
                if (used) {
                    struct ext2_dirent *n = (struct ext2_dirent *)(b->data + off + used);
                    n->rec_len = (uint16_t)(d->rec_len - used);
                    d->rec_len = (uint16_t)used;
                    d = n;
                }
                fill_entry(fs, d, name, len, ino, ftype);
                ext2_bdirty(fs, b);
                ext2_brelse(fs, b);
                return changed(fs, dir);
            }
            off += d->rec_len;
        }
        ext2_brelse(fs, b);
    }
    uint32_t blk;
    bool fresh;
    int e = ext2_bmap(fs, dir, count, true, &blk, &fresh);
    if (e)
        return e;
    struct ext2_buf *b;
    e = ext2_bnew(fs, blk, &b);
    if (e)
        return e;
    struct ext2_dirent *d = (struct ext2_dirent *)b->data;
    d->rec_len = (uint16_t)fs->bs;
    fill_entry(fs, d, name, len, ino, ftype);
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    ext2_node_set_size(dir, (count + 1) * fs->bs);
    return changed(fs, dir);
}

int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const struct ext2_dirloc *loc)
{
    struct ext2_buf *b;
    int e = dir_block(fs, dir, loc->lblk, &b);
    if (e)
        return e;
    struct ext2_dirent *d = (struct ext2_dirent *)(b->data + loc->off);
    if (loc->prev == UINT32_MAX) {
        d->inode = 0;
    } else {
        struct ext2_dirent *p = (struct ext2_dirent *)(b->data + loc->prev);
        p->rec_len = (uint16_t)(p->rec_len + d->rec_len);
    }
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    return changed(fs, dir);
}

int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_node *dir, const struct ext2_dirloc *loc,
                      uint32_t ino, uint8_t ftype)
{
    struct ext2_buf *b;
    int e = dir_block(fs, dir, loc->lblk, &b);
    if (e)
        return e;
    struct ext2_dirent *d = (struct ext2_dirent *)(b->data + loc->off);
    d->inode = ino;
    if (fs->filetype)
        d->file_type = ftype;
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    return changed(fs, dir);
}

int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *dir, uint32_t parent)
{
    uint32_t blk;
    bool fresh;
    int e = ext2_bmap(fs, dir, 0, true, &blk, &fresh);
    if (e)
        return e;
    struct ext2_buf *b;
    e = ext2_bnew(fs, blk, &b);
    if (e)
        return e;
    struct ext2_dirent *dot = (struct ext2_dirent *)b->data;
    dot->rec_len = EXT2_DIRENT_SIZE(1);
    fill_entry(fs, dot, ".", 1, dir->ino, EXT2_FT_DIR);
    struct ext2_dirent *dotdot = (struct ext2_dirent *)(b->data + dot->rec_len);
    dotdot->rec_len = (uint16_t)(fs->bs - dot->rec_len);
    fill_entry(fs, dotdot, "..", 2, parent, EXT2_FT_DIR);
    ext2_bdirty(fs, b);
    ext2_brelse(fs, b);
    ext2_node_set_size(dir, fs->bs);
    return ext2_node_write(fs, dir);
}

int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_node *dir, uint32_t parent)
{
    uint32_t ino;
    struct ext2_dirloc loc;
    int e = ext2_dir_find(fs, dir, "..", 2, &ino, &loc);
    if (e == -ENOENT)
        return ext2_corrupt(fs, "directory inode %u has no \"..\"", dir->ino);
    if (e)
        return e;
    return ext2_dir_retarget(fs, dir, &loc, parent, EXT2_FT_DIR);
}

static int any_name(void *ctx, const struct ext2_dirent *d, uint64_t pos)
{
    (void)pos;
    uint32_t len = d->name_len;
    bool dots = (len == 1 && d->name[0] == '.') || (len == 2 && d->name[0] == '.' && d->name[1] == '.');
    if (!dots)
        *(bool *)ctx = false;
    return !dots;
}

int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_node *dir, bool *empty)
{
    *empty = true;
    uint64_t pos = 0;
    return ext2_dir_walk(fs, dir, &pos, any_name, empty);
}
