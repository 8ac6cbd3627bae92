/*
 * One directory record (ECMA-119 9.1) to an entry: where the data is, the
 * kind of object, the recording date, and a name. Without Rock Ridge the name
 * is the ISO identifier made friendly as Linux shows it: the ";1" version and a
 * trailing "." dropped, lower case. Rock Ridge then overrides what it records.
 */
#include "iso9660_fs.h"

const uint8_t *iso_record_system_use(struct iso_fs *fs, const uint8_t *rec, size_t *len)
{
    size_t rlen = rec[ISO_DR_LENGTH];
    size_t nlen = rec[ISO_DR_NAME_LEN];
    size_t start = ISO_DR_NAME + nlen + (nlen % 2 == 0);   /* names of even length are padded */
    start += fs->susp_skip;
    if (start >= rlen) {
        *len = 0;
        return rec + rlen;
    }
    *len = rlen - start;
    return rec + start;
}

static int plain_name(struct iso_fs *fs, const uint8_t *id, size_t n, bool dir, struct iso_entry *e)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = id[i];
        if (c == ';' && !dir)
            break;
        if (c == '/' || c == 0)
            return iso_corrupt(fs, "file identifier holds a '/' or NUL byte");
        e->name[len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (!dir && len > 1 && e->name[len - 1] == '.')
        len--;
    if (len == 0 || (len == 1 && e->name[0] == '.') || (len == 2 && e->name[0] == '.' && e->name[1] == '.'))
        return iso_corrupt(fs, "file identifier \"%.*s\" is not a file name", (int)n, (const char *)id);
    e->name_len = len;
    e->name[len] = 0;
    return 0;
}

int iso_record_parse(struct iso_fs *fs, const uint8_t *rec, size_t len, uint64_t pos, struct iso_entry *e)
{
    rr_memset(e, 0, sizeof(*e));
    e->pos = pos;
    size_t nlen = rec[ISO_DR_NAME_LEN];
    if (len < ISO_DR_MIN || nlen == 0 || ISO_DR_NAME + nlen > len)
        return iso_corrupt(fs, "directory record at byte %lu: name of %zu bytes in a record of %zu",
                           (unsigned long)pos, nlen, len);
    e->flags = rec[ISO_DR_FLAGS];
    bool dir = e->flags & ISO_FLAG_DIRECTORY;
    uint64_t extent = (uint64_t)iso_le32(rec + ISO_DR_EXTENT) + rec[ISO_DR_EAR_LENGTH];
    if (extent > UINT32_MAX)
        return iso_corrupt(fs, "directory record at byte %lu: extent past block 2^32", (unsigned long)pos);
    e->one.extent = (uint32_t)extent;
    e->one.size = iso_le32(rec + ISO_DR_SIZE);
    e->nsections = 1;
    e->size = e->one.size;
    e->mode = dir ? RR_S_IFDIR | 0555 : RR_S_IFREG | 0444;
    e->nlink = dir ? 2 : 1;
    e->mtime = e->atime = e->ctime = e->btime = iso_time_short(rec + ISO_DR_TIME);

    const uint8_t *id = rec + ISO_DR_NAME;
    if (nlen == 1 && (id[0] == 0 || id[0] == 1)) {
        e->name_len = id[0] == 0 ? 1 : 2;
        rr_memcpy(e->name, "..", e->name_len);
        e->name[e->name_len] = 0;
    } else {
        int err = plain_name(fs, id, nlen, dir, e);
        if (err)
            return err;
    }
    if (!fs->rock)
        return 0;
    size_t sulen;
    const uint8_t *su = iso_record_system_use(fs, rec, &sulen);
    int err = iso_rock_apply(fs, su, sulen, e);
    if (err) {
        iso_entry_release(e);
        return err;
    }
    if (!e->has_child_link && dir != RR_S_ISDIR(e->mode)) {
        iso_entry_release(e);
        return iso_corrupt(fs, "\"%s\": the directory flag and the PX mode %o disagree", e->name, e->mode);
    }
    if (RR_S_ISLNK(e->mode) && !e->target) {
        e->target = rr_zalloc(1);   /* a link without SL entries points nowhere */
        if (!e->target)
            return -ENOMEM;
        e->size = 0;
    }
    return 0;
}

void iso_entry_release(struct iso_entry *e)
{
    rr_free(e->target);
    rr_free(e->sections);
    e->target = NULL;
    e->sections = NULL;
}
