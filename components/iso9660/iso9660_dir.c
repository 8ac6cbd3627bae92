/*
 * Walking a directory's extent (ECMA-119 6.8.1): records never cross a block
 * boundary, so a zero length byte means "the rest of this block is fill". The
 * walk yields names: it skips the "." and ".." records and directories that
 * Rock Ridge moved away (RE), resolves placeholders of moved ones (CL) to the
 * directory itself, and joins the records of a multi-extent file.
 */
#include "iso9660_fs.h"

#define MAX_SECTIONS 4096          /* 16 TiB of 4 GiB extents: far past any real file */

/* The record at w->off: 1 with rec, *len and *pos (volume byte position), 0 past the end, -EIO. */
static int next_record(struct iso_fs *fs, struct iso_dir_walk *w, uint8_t *rec, size_t *len, uint64_t *pos)
{
    for (;;) {
        if (w->off >= w->size)
            return 0;
        uint64_t lba = w->extent + w->off / ISO_BLOCK;
        size_t in = w->off % ISO_BLOCK;
        if (lba >= fs->blocks)
            return iso_corrupt(fs, "directory at block %u: its %lu bytes run past the volume",
                               w->extent, (unsigned long)w->size);
        const uint8_t *block;
        int e = iso_block(fs, (uint32_t)lba, &block);
        if (e)
            return e;
        size_t rlen = block[in + ISO_DR_LENGTH];
        if (rlen == 0) {
            w->off = (w->off / ISO_BLOCK + 1) * ISO_BLOCK;
            continue;
        }
        if (rlen < ISO_DR_MIN || in + rlen > ISO_BLOCK)
            return iso_corrupt(fs, "directory record at byte %lu: length %zu", (unsigned long)(lba * ISO_BLOCK + in), rlen);
        rr_memcpy(rec, block + in, rlen);
        *len = rlen;
        *pos = lba * ISO_BLOCK + in;
        w->off += rlen;
        return 1;
    }
}

static bool same_identifier(const uint8_t *a, const uint8_t *b)
{
    return a[ISO_DR_NAME_LEN] == b[ISO_DR_NAME_LEN] && rr_memcmp(a + ISO_DR_NAME, b + ISO_DR_NAME, a[ISO_DR_NAME_LEN]) == 0;
}

/* The further records of a multi-extent file, after first (whose record is rec). */
static int join_sections(struct iso_fs *fs, struct iso_dir_walk *w, const uint8_t *first, struct iso_entry *e)
{
    uint8_t *rec = rr_malloc(256);
    if (!rec)
        return -ENOMEM;
    uint32_t cap = 4;
    struct iso_section *s = rr_malloc(cap * sizeof(*s));
    int err = s ? 0 : -ENOMEM;
    uint32_t n = 0;
    if (s)
        s[n++] = e->one;
    bool more = true;
    while (!err && more) {
        size_t len;
        uint64_t pos;
        int r = next_record(fs, w, rec, &len, &pos);
        if (r <= 0) {
            err = r < 0 ? r : iso_corrupt(fs, "\"%s\": the directory ends inside a multi-extent file", e->name);
            break;
        }
        if (!same_identifier(first, rec) || (rec[ISO_DR_FLAGS] & ISO_FLAG_DIRECTORY)) {
            err = iso_corrupt(fs, "\"%s\": a multi-extent file continues with another name", e->name);
            break;
        }
        if (n == MAX_SECTIONS) {
            err = iso_corrupt(fs, "\"%s\": more than %d extents", e->name, MAX_SECTIONS);
            break;
        }
        if (n == cap) {
            struct iso_section *bigger = rr_realloc(s, 2 * cap * sizeof(*s));
            if (!bigger) {
                err = -ENOMEM;
                break;
            }
            s = bigger;
            cap *= 2;
        }
        uint64_t extent = (uint64_t)iso_le32(rec + ISO_DR_EXTENT) + rec[ISO_DR_EAR_LENGTH];
        if (extent > UINT32_MAX) {
            err = iso_corrupt(fs, "\"%s\": extent past block 2^32", e->name);
            break;
        }
        s[n].extent = (uint32_t)extent;
        s[n].size = iso_le32(rec + ISO_DR_SIZE);
        e->size += s[n].size;
        n++;
        more = rec[ISO_DR_FLAGS] & ISO_FLAG_MULTI;
    }
    rr_free(rec);
    if (err) {
        rr_free(s);
        return err;
    }
    e->sections = s;
    e->nsections = n;
    return 0;
}

int iso_dir_self(struct iso_fs *fs, uint32_t extent, struct iso_entry *e)
{
    uint8_t rec[256];
    struct iso_dir_walk w = { extent, ISO_BLOCK, 0 };
    size_t len;
    uint64_t pos;
    int r = next_record(fs, &w, rec, &len, &pos);
    if (r <= 0)
        return r < 0 ? r : iso_corrupt(fs, "directory at block %u has no \".\" record", extent);
    if (rec[ISO_DR_NAME_LEN] != 1 || rec[ISO_DR_NAME] != 0 || pos != (uint64_t)extent * ISO_BLOCK)
        return iso_corrupt(fs, "directory at block %u does not start with its \".\" record", extent);
    int err = iso_record_parse(fs, rec, len, pos, e);
    if (err)
        return err;
    if (!(e->flags & ISO_FLAG_DIRECTORY) || e->one.extent != extent) {
        iso_entry_release(e);
        return iso_corrupt(fs, "the \".\" record at block %u is not its directory's", extent);
    }
    return 0;
}

/* A CL placeholder becomes the moved directory, keeping the placeholder's name. */
static int follow_child_link(struct iso_fs *fs, struct iso_dir_walk *w, struct iso_entry *e)
{
    if (e->child_link == w->extent || e->child_link == fs->root_extent)
        return iso_corrupt(fs, "\"%s\": CL points back at block %u", e->name, e->child_link);
    struct iso_entry *self = rr_malloc(sizeof(*self));
    if (!self)
        return -ENOMEM;
    int err = iso_dir_self(fs, e->child_link, self);
    if (!err) {
        e->flags = self->flags;
        e->mode = self->mode;
        e->nlink = self->nlink;
        e->uid = self->uid;
        e->gid = self->gid;
        e->atime = self->atime;
        e->mtime = self->mtime;
        e->ctime = self->ctime;
        e->btime = self->btime;
        e->one = self->one;
        e->size = self->size;
        e->nsections = 1;
        iso_entry_release(self);
    }
    rr_free(self);
    return err;
}

int iso_dir_next(struct iso_fs *fs, struct iso_dir_walk *w, struct iso_entry *e)
{
    uint8_t rec[256];
    for (;;) {
        size_t len;
        uint64_t pos;
        int r = next_record(fs, w, rec, &len, &pos);
        if (r <= 0)
            return r;
        if (rec[ISO_DR_NAME_LEN] == 1 && rec[ISO_DR_NAME] <= 1)
            continue;   /* "." and "..": the walk's caller knows them */
        int err = iso_record_parse(fs, rec, len, pos, e);
        if (err)
            return err;
        if (!err && (rec[ISO_DR_FLAGS] & ISO_FLAG_MULTI)) {
            if (rec[ISO_DR_FLAGS] & ISO_FLAG_DIRECTORY)
                err = iso_corrupt(fs, "\"%s\": a directory marked multi-extent", e->name);
            else
                err = join_sections(fs, w, rec, e);
        }
        if (!err && e->has_child_link)
            err = follow_child_link(fs, w, e);
        if (err) {
            iso_entry_release(e);
            return err;
        }
        if (e->relocated) {
            iso_entry_release(e);
            continue;
        }
        e->next = w->off;
        return 1;
    }
}
