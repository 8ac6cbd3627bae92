/*
 * Rock Ridge (IEEE P1282, RRIP 1.09 and 1.12) entries of a directory record:
 *   PX  POSIX mode, link count, owner, group (the serial number of 1.12 is not used:
 *       inode numbers come from record positions, which every image has)
 *   NM  the name, in pieces while CONTINUE is set; CURRENT/PARENT name "." and ".."
 *   SL  a symbolic link's target as component records, possibly over several SL entries
 *   TF  times: creation, modification, access, attribute change (others are skipped)
 *   CL  a placeholder for a directory relocated out of a deep tree; RE marks the moved one
 * RR (1.09's list of present entries), PL (the parent of a moved directory: parents are
 * known from the walk) and entries of other extensions are ignored.
 */
#include "iso9660_fs.h"

#define NM_CONTINUE 0x01
#define NM_CURRENT  0x02
#define NM_PARENT   0x04

#define SL_CONTINUE 0x01
#define SLC_CONTINUE 0x01
#define SLC_CURRENT  0x02
#define SLC_PARENT   0x04
#define SLC_ROOT     0x08

#define TF_CREATION 0x01
#define TF_MODIFY   0x02
#define TF_ACCESS   0x04
#define TF_ATTR     0x08
#define TF_LONG     0x80

struct rock {
    struct iso_fs *fs;
    struct iso_entry *e;
    bool have_name;
    bool name_done;                 /* an NM without CONTINUE ended the name */
    size_t name_len;
    char name[RR_NAME_MAX + 1];
    char *link;                     /* RR_PATH_MAX bytes while an SL is being read */
    size_t link_len;
    bool link_done;
    bool component_continues;       /* the last component goes on in the next record */
};

static int px(struct rock *r, const uint8_t *p, size_t len)
{
    if (len < 36)
        return iso_corrupt(r->fs, "PX entry of %zu bytes", len);
    uint32_t mode = iso_le32(p + 4);
    uint32_t type = mode & RR_S_IFMT;
    if (type != RR_S_IFREG && type != RR_S_IFDIR && type != RR_S_IFLNK && type != RR_S_IFCHR &&
        type != RR_S_IFBLK && type != RR_S_IFIFO && type != RR_S_IFSOCK)
        return iso_corrupt(r->fs, "PX mode %o has no file type", mode);
    r->e->mode = mode & (RR_S_IFMT | RR_S_IALLUGO);
    r->e->nlink = iso_le32(p + 12);
    r->e->uid = iso_le32(p + 20);
    r->e->gid = iso_le32(p + 28);
    return 0;
}

static int append_name(struct rock *r, const uint8_t *s, size_t n)
{
    if (n > RR_NAME_MAX - r->name_len)
        return iso_corrupt(r->fs, "NM name longer than %d bytes", RR_NAME_MAX);
    for (size_t i = 0; i < n; i++)
        if (s[i] == '/' || s[i] == 0)
            return iso_corrupt(r->fs, "NM name holds a '/' or NUL byte");
    rr_memcpy(r->name + r->name_len, s, n);
    r->name_len += n;
    return 0;
}

static int nm(struct rock *r, const uint8_t *p, size_t len)
{
    if (len < 5)
        return iso_corrupt(r->fs, "NM entry of %zu bytes", len);
    if (r->name_done)
        return 0;   /* a second name: the first one counts */
    uint8_t flags = p[4];
    if (flags & (NM_CURRENT | NM_PARENT)) {
        r->name_done = true;   /* "." and "..": the walk knows those already */
        return 0;
    }
    int e = append_name(r, p + 5, len - 5);
    if (e)
        return e;
    r->have_name = true;
    if (!(flags & NM_CONTINUE))
        r->name_done = true;
    return 0;
}

static int link_put(struct rock *r, const char *s, size_t n)
{
    if (n > RR_PATH_MAX - 1 - r->link_len)
        return iso_corrupt(r->fs, "SL target longer than %d bytes", RR_PATH_MAX - 1);
    rr_memcpy(r->link + r->link_len, s, n);
    r->link_len += n;
    return 0;
}

static int sl(struct rock *r, const uint8_t *p, size_t len)
{
    if (len < 5)
        return iso_corrupt(r->fs, "SL entry of %zu bytes", len);
    if (r->link_done)
        return 0;
    if (!r->link && !(r->link = rr_malloc(RR_PATH_MAX)))
        return -ENOMEM;
    size_t pos = 5;
    while (pos < len) {
        if (len - pos < 2)
            return iso_corrupt(r->fs, "SL component header cut short");
        uint8_t cflags = p[pos];
        size_t clen = p[pos + 1];
        if (clen > len - pos - 2)
            return iso_corrupt(r->fs, "SL component of %zu bytes with %zu left", clen, len - pos - 2);
        const uint8_t *text = p + pos + 2;
        int e = 0;
        /* a separator goes between components, except after the root or inside a split one */
        if (!r->component_continues && r->link_len && r->link[r->link_len - 1] != '/')
            e = link_put(r, "/", 1);
        if (!e) {
            if (cflags & SLC_ROOT)
                e = link_put(r, "/", 1);
            else if (cflags & SLC_PARENT)
                e = link_put(r, "..", 2);
            else if (cflags & SLC_CURRENT)
                e = link_put(r, ".", 1);
            else
                e = link_put(r, (const char *)text, clen);
        }
        if (e)
            return e;
        r->component_continues = cflags & SLC_CONTINUE;
        pos += 2 + clen;
    }
    if (!(p[4] & SL_CONTINUE))
        r->link_done = true;
    return 0;
}

static int tf(struct rock *r, const uint8_t *p, size_t len)
{
    if (len < 5)
        return iso_corrupt(r->fs, "TF entry of %zu bytes", len);
    uint8_t flags = p[4];
    size_t step = (flags & TF_LONG) ? 17 : 7;
    size_t pos = 5;
    struct rr_timespec *slots[4] = { &r->e->btime, &r->e->mtime, &r->e->atime, &r->e->ctime };
    for (unsigned bit = 0; bit < 7; bit++) {
        if (!(flags & (1u << bit)))
            continue;
        if (len - pos < step)
            return iso_corrupt(r->fs, "TF entry of %zu bytes is too short for its flags 0x%x", len, flags);
        if (bit < 4)
            *slots[bit] = (flags & TF_LONG) ? iso_time_long(p + pos) : iso_time_short(p + pos);
        pos += step;
    }
    return 0;
}

static int entry(void *ctx, const uint8_t *p, size_t len)
{
    struct rock *r = ctx;
    switch (SUSP_SIG(p[0], p[1])) {
    case SUSP_SIG('P', 'X'):
        return px(r, p, len);
    case SUSP_SIG('N', 'M'):
        return nm(r, p, len);
    case SUSP_SIG('S', 'L'):
        return sl(r, p, len);
    case SUSP_SIG('T', 'F'):
        return tf(r, p, len);
    case SUSP_SIG('C', 'L'):
        if (len < 12)
            return iso_corrupt(r->fs, "CL entry of %zu bytes", len);
        r->e->has_child_link = true;
        r->e->child_link = iso_le32(p + 4);
        return 0;
    case SUSP_SIG('R', 'E'):
        r->e->relocated = true;
        return 0;
    default:
        return 0;
    }
}

int iso_rock_apply(struct iso_fs *fs, const uint8_t *area, size_t len, struct iso_entry *e)
{
    struct rock *r = rr_zalloc(sizeof(*r));
    if (!r)
        return -ENOMEM;
    r->fs = fs;
    r->e = e;
    int err = iso_susp_walk(fs, area, len, entry, r);
    if (!err && r->have_name) {
        if (r->name_len == 0 || (r->name_len == 1 && r->name[0] == '.') ||
            (r->name_len == 2 && r->name[0] == '.' && r->name[1] == '.'))
            err = iso_corrupt(fs, "NM name \"%.*s\" is not a file name", (int)r->name_len, r->name);
        else {
            rr_memcpy(e->name, r->name, r->name_len);
            e->name_len = r->name_len;
            e->name[e->name_len] = 0;
        }
    }
    if (!err && r->link && RR_S_ISLNK(e->mode)) {
        char *target = rr_malloc(r->link_len + 1);
        if (!target) {
            err = -ENOMEM;
        } else {
            rr_memcpy(target, r->link, r->link_len);
            target[r->link_len] = 0;
            rr_free(e->target);
            e->target = target;
            e->size = r->link_len;
        }
    }
    rr_free(r->link);
    rr_free(r);
    return err;
}
