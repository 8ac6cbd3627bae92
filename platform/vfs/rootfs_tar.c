/*
 * The root file system rr-bake --rootfs packed into .rr_rootfs: a POSIX tar
 * archive (ustar headers, pax 'x' extended headers for long names, sizes and
 * sub-second times), unpacked into the ramfs root before /dev, /tmp and /etc.
 *
 * The archive comes from the image, which a user can damage, so every header
 * is checked (checksum, magic, numeric fields, names, data against the end of
 * the section) before it is used: a bad one ends the guest with a message that
 * names the entry and its offset instead of reading past the section.
 *
 * Directories are made 0700 first and get their mode, owner and times in a
 * second pass: creating their children would change the times again, and a
 * read-only mode would be in the way of the children.
 *
 * The archive's pages stay as loaded (read-only, in the image's last segment):
 * the page allocator has no way yet to take pages of the image back into its
 * totals, so the archive keeps costing its own size after boot.
 */
#include <rr/rootfs.h>
#include <rr/vfs_calls.h>

#define BLOCK 512

struct header {
    char name[100], mode[8], uid[8], gid[8], size[12], mtime[12], chksum[8];
    char typeflag;
    char linkname[100], magic[6], version[2], uname[32], gname[32], devmajor[8], devminor[8];
    char prefix[155], pad[12];
};
_Static_assert(sizeof(struct header) == BLOCK, "a ustar header is one block");
#define CHKSUM_OFFSET 148

enum kind { REGULAR, HARD_LINK, SYMLINK, DIRECTORY };

/* What pax 'x' records say about the entry that follows them; pointers into the archive. */
struct pax {
    const char *path, *link;
    size_t path_len, link_len;
    bool has_path, has_link, has_size, has_mtime, has_uid, has_gid;
    uint64_t size, uid, gid;
    struct rr_timespec mtime;
};

struct entry {
    enum kind kind;
    uint32_t mode, uid, gid;
    struct rr_timespec mtime;
    const char *data;
    uint64_t size;
    char path[RR_PATH_MAX];   /* absolute, without "." or empty components */
    char link[RR_PATH_MAX];   /* symlink target as archived; hard link target normalised */
    char scratch[RR_PATH_MAX];
};

struct reader {
    const unsigned char *base;
    size_t len, off;          /* off: the header being read */
    unsigned number;          /* 1-based, counting file system entries */
    const char *name;         /* the entry's path once known, for messages */
    char *err;
    size_t errlen;
};

static int report(char *err, size_t errlen, int code, const char *fmt, ...) RR_PRINTF(4, 5);
static int report(char *err, size_t errlen, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rr_vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return code;
}

static int corrupt(struct reader *r, const char *what, const char *detail)
{
    if (r->name)
        return report(r->err, r->errlen, -EINVAL, "entry %u (%s) at byte %zu: %s%s",
                      r->number, r->name, r->off, what, detail);
    return report(r->err, r->errlen, -EINVAL, "entry %u at byte %zu: %s%s", r->number, r->off, what, detail);
}

/* ---- numeric fields ---- */

/* Octal, space or NUL padded; or GNU base-256 (first byte 0x80 | high bits) for big values. */
static bool parse_field(const char *f, size_t n, uint64_t *out)
{
    const unsigned char *u = (const unsigned char *)f;
    uint64_t v = 0;
    if (u[0] & 0x80) {
        if (u[0] & 0x40)
            return false;   /* negative */
        v = u[0] & 0x3f;
        for (size_t i = 1; i < n; i++) {
            if (v >> 56)
                return false;
            v = (v << 8) | u[i];
        }
        *out = v;
        return true;
    }
    size_t i = 0;
    while (i < n && f[i] == ' ')
        i++;
    for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
        if (v >> 61)
            return false;
        v = v * 8 + (uint64_t)(f[i] - '0');
    }
    for (; i < n; i++)
        if (f[i] != ' ' && f[i] != '\0')
            return false;
    *out = v;
    return true;
}

static bool parse_decimal(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

/* pax time: [-]SECONDS[.FRACTION], the fraction cut to nanoseconds. */
static bool parse_pax_time(const char *s, size_t n, struct rr_timespec *out)
{
    bool negative = n > 0 && s[0] == '-';
    size_t i = negative ? 1 : 0, dot = i;
    while (dot < n && s[dot] != '.')
        dot++;
    uint64_t sec;
    if (!parse_decimal(s + i, dot - i, &sec) || sec > (uint64_t)INT64_MAX / 2)
        return false;
    int64_t nsec = 0, scale = 100000000;
    for (size_t k = dot + 1; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        nsec += (s[k] - '0') * scale;
        scale /= 10;
    }
    if (dot + 1 == n)
        return false;   /* "12." */
    out->tv_sec = negative ? -(int64_t)sec : (int64_t)sec;
    out->tv_nsec = nsec;
    if (negative && nsec) {
        out->tv_sec -= 1;
        out->tv_nsec = 1000000000 - nsec;
    }
    return true;
}

/* ---- names ---- */

/* Appends a name piece to dst (length *o), dropping empty and "." components. */
static const char *append_path(char *dst, size_t *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == '/')
            i++;
        size_t start = i;
        while (i < n && s[i] != '/') {
            if (s[i] == '\0')
                return "the name holds a NUL byte";
            i++;
        }
        size_t len = i - start;
        if (len == 0 || (len == 1 && s[start] == '.'))
            continue;
        if (len == 2 && s[start] == '.' && s[start + 1] == '.')
            return "the name has a '..' component";
        if (len > RR_NAME_MAX)
            return "a component of the name is longer than 255 bytes";
        if (*o + 1 + len + 1 > RR_PATH_MAX)
            return "the name is longer than PATH_MAX";
        dst[(*o)++] = '/';
        rr_memcpy(dst + *o, s + start, len);
        *o += len;
    }
    return NULL;
}

static const char *normalise(char *dst, const char *prefix, size_t prefix_len, const char *name, size_t name_len)
{
    size_t o = 0;
    if (prefix_len + name_len == 0)
        return "the name is empty";
    const char *why = append_path(dst, &o, prefix, prefix_len);
    if (!why)
        why = append_path(dst, &o, name, name_len);
    if (why)
        return why;
    if (o == 0)
        dst[o++] = '/';
    dst[o] = '\0';
    return NULL;
}

/* ---- pax extended headers: records "LENGTH KEY=VALUE\n" ---- */

static bool key_is(const char *key, size_t len, const char *want)
{
    return rr_strlen(want) == len && rr_memcmp(key, want, len) == 0;
}

static int apply_record(struct reader *r, struct pax *p, const char *key, size_t klen, const char *val, size_t vlen)
{
    bool ok = true;
    if (key_is(key, klen, "path")) {
        p->path = val, p->path_len = vlen, p->has_path = vlen > 0;
    } else if (key_is(key, klen, "linkpath")) {
        p->link = val, p->link_len = vlen, p->has_link = vlen > 0;
    } else if (key_is(key, klen, "size")) {
        ok = parse_decimal(val, vlen, &p->size);
        p->has_size = true;
    } else if (key_is(key, klen, "mtime")) {
        ok = parse_pax_time(val, vlen, &p->mtime);
        p->has_mtime = true;
    } else if (key_is(key, klen, "uid")) {
        ok = parse_decimal(val, vlen, &p->uid) && p->uid <= UINT32_MAX;
        p->has_uid = true;
    } else if (key_is(key, klen, "gid")) {
        ok = parse_decimal(val, vlen, &p->gid) && p->gid <= UINT32_MAX;
        p->has_gid = true;
    }
    /* atime, ctime, uname, gname and vendor keys change nothing here */
    return ok ? 0 : corrupt(r, "a pax record has a bad number: ", key_is(key, klen, "size") ? "size" :
                            key_is(key, klen, "mtime") ? "mtime" : key_is(key, klen, "uid") ? "uid" : "gid");
}

static int parse_pax(struct reader *r, const char *d, uint64_t n, struct pax *p)
{
    uint64_t i = 0;
    while (i < n) {
        uint64_t len = 0, j = i;
        while (j < n && d[j] >= '0' && d[j] <= '9' && len <= n) {
            len = len * 10 + (uint64_t)(d[j] - '0');
            j++;
        }
        if (j == i || j >= n || d[j] != ' ' || len <= j + 1 - i || len > n - i || d[i + len - 1] != '\n')
            return corrupt(r, "a pax record's length does not match its text", "");
        const char *key = d + j + 1, *end = d + i + len - 1, *eq = key;
        while (eq < end && *eq != '=')
            eq++;
        if (eq == end || eq == key)
            return corrupt(r, "a pax record has no KEY=VALUE", "");
        if (p) {
            int e = apply_record(r, p, key, (size_t)(eq - key), eq + 1, (size_t)(end - eq - 1));
            if (e)
                return e;
        }
        i += len;
    }
    return 0;
}

/* ---- headers ---- */

static bool all_zero(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static bool checksum_matches(const unsigned char *b, uint64_t stored)
{
    uint64_t plain = 0;
    int64_t historic = 0;   /* some old writers summed signed chars */
    for (size_t i = 0; i < BLOCK; i++) {
        unsigned char c = (i >= CHKSUM_OFFSET && i < CHKSUM_OFFSET + 8) ? ' ' : b[i];
        plain += c;
        historic += (signed char)c;
    }
    return stored == plain || (int64_t)stored == historic;
}

static int header_kind(struct reader *r, char type, enum kind *kind)
{
    switch (type) {
    case '0': case '\0': case '7': *kind = REGULAR; return 0;
    case '1': *kind = HARD_LINK; return 0;
    case '2': *kind = SYMLINK; return 0;
    case '5': *kind = DIRECTORY; return 0;
    case '3': case '4': return corrupt(r, "device entries are not supported (the platform makes /dev itself)", "");
    case '6': return corrupt(r, "FIFO entries are not supported", "");
    case 'L': case 'K': return corrupt(r, "GNU long-name entries are not supported (rr-bake writes pax headers)", "");
    default: {
        char t[2] = { type, '\0' };
        return corrupt(r, "unknown entry type ", (unsigned char)type >= ' ' && (unsigned char)type < 127 ? t : "(not printable)");
    }
    }
}

static uint64_t field_len(const char *f, size_t n)
{
    return rr_strnlen(f, n);
}

/* The entry's names: pax path/linkpath when present, else ustar prefix/name and linkname. */
static int entry_names(struct reader *r, const struct header *h, bool posix, const struct pax *p, struct entry *e)
{
    const char *why = p->has_path
        ? normalise(e->path, "", 0, p->path, p->path_len)
        : normalise(e->path, posix ? h->prefix : "", posix ? field_len(h->prefix, sizeof(h->prefix)) : 0,
                    h->name, field_len(h->name, sizeof(h->name)));
    if (why)
        return corrupt(r, why, "");
    r->name = e->path;
    const char *link = p->has_link ? p->link : h->linkname;
    size_t link_len = p->has_link ? p->link_len : field_len(h->linkname, sizeof(h->linkname));
    if (e->kind == HARD_LINK) {
        why = normalise(e->link, "", 0, link, link_len);
        if (why)
            return corrupt(r, "hard link target: ", why);
    } else if (e->kind == SYMLINK) {
        if (link_len == 0 || link_len >= RR_PATH_MAX)
            return corrupt(r, "the symbolic link's target is empty or longer than PATH_MAX", "");
        for (size_t i = 0; i < link_len; i++)
            if (link[i] == '\0')
                return corrupt(r, "the symbolic link's target holds a NUL byte", "");
        rr_memcpy(e->link, link, link_len);
        e->link[link_len] = '\0';
    }
    if (e->kind != DIRECTORY && rr_strcmp(e->path, "/") == 0)
        return corrupt(r, "only a directory can stand for the root", "");
    return 0;
}

/* Reads the next entry into e: 1 = an entry, 0 = the end of the archive, < 0 = corrupt. */
static int next_entry(struct reader *r, struct entry *e)
{
    struct pax pax = {0};
    bool pending = false;
    r->number++;
    for (;;) {
        r->name = NULL;
        if (r->off == r->len) {
            if (pending)
                return corrupt(r, "the archive ends after a pax header, without its entry", "");
            return 0;
        }
        const unsigned char *b = r->base + r->off;
        if (all_zero(b, BLOCK)) {
            if (pending)
                return corrupt(r, "the archive ends after a pax header, without its entry", "");
            if (!all_zero(b, r->len - r->off))
                return corrupt(r, "there are bytes after the end-of-archive blocks", "");
            return 0;
        }
        const struct header *h = (const struct header *)b;
        uint64_t stored;
        if (!parse_field(h->chksum, sizeof(h->chksum), &stored) || !checksum_matches(b, stored))
            return corrupt(r, "the header checksum does not match (damaged image?)", "");
        bool posix = rr_memcmp(h->magic, "ustar", 6) == 0 && rr_memcmp(h->version, "00", 2) == 0;
        bool gnu = rr_memcmp(h->magic, "ustar ", 6) == 0 && rr_memcmp(h->version, " ", 2) == 0;
        if (!posix && !gnu)
            return corrupt(r, "the header has no ustar magic", "");
        uint64_t size, mode, uid, gid, mtime;
        if (!parse_field(h->size, sizeof(h->size), &size) || !parse_field(h->mode, sizeof(h->mode), &mode) ||
            !parse_field(h->uid, sizeof(h->uid), &uid) || !parse_field(h->gid, sizeof(h->gid), &gid) ||
            !parse_field(h->mtime, sizeof(h->mtime), &mtime) || uid > UINT32_MAX || gid > UINT32_MAX ||
            mtime > (uint64_t)INT64_MAX)
            return corrupt(r, "a numeric header field is malformed", "");
        bool extended = h->typeflag == 'x' || h->typeflag == 'g';
        if (!extended) {
            int err = header_kind(r, h->typeflag, &e->kind);
            if (!err)
                err = entry_names(r, h, posix, &pax, e);
            if (err)
                return err;
            if (pax.has_size)
                size = pax.size;
        }
        size_t room = r->len - r->off - BLOCK;
        if (size > room) {
            char detail[64];
            rr_snprintf(detail, sizeof(detail), " (%lu bytes, %zu left)", (unsigned long)size, room);
            return corrupt(r, "the entry's data runs past the end of the archive", detail);
        }
        const char *data = (const char *)b + BLOCK;
        size_t next = r->off + BLOCK + (size_t)RR_ALIGN_UP(size, (uint64_t)BLOCK);
        if (extended) {
            int err = parse_pax(r, data, size, h->typeflag == 'x' ? &pax : NULL);
            if (err)
                return err;
            pending = pending || h->typeflag == 'x';
            r->off = next;
            continue;
        }
        e->mode = (uint32_t)(mode & RR_S_IALLUGO);
        e->uid = (uint32_t)(pax.has_uid ? pax.uid : uid);
        e->gid = (uint32_t)(pax.has_gid ? pax.gid : gid);
        e->mtime = pax.has_mtime ? pax.mtime : (struct rr_timespec){ (int64_t)mtime, 0 };
        e->data = data;
        e->size = e->kind == REGULAR ? size : 0;
        r->off = next;
        return 1;
    }
}

/* ---- making the tree ---- */

static int write_all(const char *path, const char *data, uint64_t size)
{
    struct rr_file *f;
    int e = rr_vfs_open(RR_AT_FDCWD, path, RR_O_WRONLY | RR_O_CREAT | RR_O_TRUNC | RR_O_NOFOLLOW, 0600, &f);
    if (e)
        return e;
    while (size > 0 && !e) {
        size_t chunk = size > (1UL << 30) ? (1UL << 30) : (size_t)size;
        long n = rr_file_write(f, data, chunk);
        if (n <= 0)
            e = n < 0 ? (int)n : -ENOSPC;
        else
            data += n, size -= (uint64_t)n;
    }
    rr_file_unref(f);
    return e;
}

static int create_once(const struct entry *e)
{
    switch (e->kind) {
    case DIRECTORY:
        return (int)rr_fs_mkdirat(RR_AT_FDCWD, e->path, 0700);
    case REGULAR:
        return write_all(e->path, e->data, e->size);
    case SYMLINK:
        return (int)rr_fs_symlinkat(e->link, RR_AT_FDCWD, e->path);
    case HARD_LINK:
        return (int)rr_fs_linkat(RR_AT_FDCWD, e->link, RR_AT_FDCWD, e->path, 0);
    }
    return -EINVAL;
}

static bool is_directory(const char *path)
{
    struct rr_stat st;
    return rr_fs_fstatat(RR_AT_FDCWD, path, &st, RR_AT_SYMLINK_NOFOLLOW) == 0 && RR_S_ISDIR(st.st_mode);
}

/* An archive may list a file without its directories: they are made 0755. */
static void make_parents(struct entry *e)
{
    char *p = e->scratch;
    rr_strlcpy(p, e->path, RR_PATH_MAX);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        rr_fs_mkdirat(RR_AT_FDCWD, p, 0755);
        *s = '/';
    }
}

static int create(struct entry *e)
{
    int r = create_once(e);
    if (r == -ENOENT) {
        make_parents(e);
        r = create_once(e);
    }
    if (r == -EEXIST && e->kind == DIRECTORY && is_directory(e->path))
        return 0;
    /* a later entry of the same name replaces the earlier one, as tar does (a file
     * opened with O_NOFOLLOW over a symbolic link reports ELOOP) */
    bool taken = e->kind == REGULAR ? r == -ELOOP : r == -EEXIST;
    if (taken && !is_directory(e->path)) {
        r = (int)rr_fs_unlinkat(RR_AT_FDCWD, e->path, 0);
        if (!r)
            r = create_once(e);
    }
    return r;
}

static int set_attributes(const struct entry *e)
{
    int nofollow = e->kind == SYMLINK ? RR_AT_SYMLINK_NOFOLLOW : 0;
    /* owner first: a change of owner clears set-user-ID, which the mode then restores */
    int r = (int)rr_fs_fchownat(RR_AT_FDCWD, e->path, e->uid, e->gid, nofollow);
    if (!r && e->kind != SYMLINK)
        r = (int)rr_fs_fchmodat(RR_AT_FDCWD, e->path, e->mode, 0);
    struct rr_timespec times[2] = { e->mtime, e->mtime };
    if (!r)
        r = (int)rr_fs_utimensat(RR_AT_FDCWD, e->path, times, nofollow);
    return r;
}

static int fs_failure(struct reader *r, int code, const char *doing)
{
    if (code == -ENOMEM || code == -ENOSPC || code == -EFBIG)
        return report(r->err, r->errlen, code, "%s %s: out of memory (give the guest more with -M)", doing, r->name);
    return report(r->err, r->errlen, code, "%s %s: error %d", doing, r->name, -code);
}

static void reader_start(struct reader *r, const char *archive, size_t len, char *err, size_t errlen)
{
    *r = (struct reader){ .base = (const unsigned char *)archive, .len = len, .err = err, .errlen = errlen };
}

int rr_rootfs_unpack_archive(const char *archive, size_t len, char *err, size_t errlen)
{
    if (len % BLOCK)
        return report(err, errlen, -EINVAL, "the archive's length (%zu bytes) is not a multiple of %d", len, BLOCK);
    struct entry *e = rr_malloc(sizeof(*e));
    if (!e)
        return report(err, errlen, -ENOMEM, "out of memory before the first entry");
    struct reader r;
    int got;
    reader_start(&r, archive, len, err, errlen);
    while ((got = next_entry(&r, e)) > 0) {
        int code = create(e);
        if (code) {
            got = fs_failure(&r, code, "cannot create");
            break;
        }
        if (e->kind != DIRECTORY && e->kind != HARD_LINK && (code = set_attributes(e)) != 0) {
            got = fs_failure(&r, code, "cannot set the attributes of");
            break;
        }
    }
    /* directories last: their children are all in place */
    reader_start(&r, archive, len, err, errlen);
    while (got == 0 && (got = next_entry(&r, e)) > 0) {
        int code = e->kind == DIRECTORY ? set_attributes(e) : 0;
        got = code ? fs_failure(&r, code, "cannot set the attributes of") : 0;
    }
    rr_free(e);
    return got;
}

void rr_rootfs_unpack(void)
{
    size_t len = (size_t)(__rr_rootfs_end - __rr_rootfs_start);
    if (len == 0)
        return;
    char err[160], message[200];
    if (rr_rootfs_unpack_archive(__rr_rootfs_start, len, err, sizeof(err)) == 0)
        return;
    rr_snprintf(message, sizeof(message), "root file system archive: %s", err);
    rr_exit_config(message);
}
