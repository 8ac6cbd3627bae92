/*
 * The component's internal interfaces: a mounted volume, its block cache, the
 * entries a directory walk yields, and the vnodes made from them.
 *
 * Nothing read from the medium is trusted: every block number goes through
 * iso_block(), which refuses blocks outside the volume, and every length is
 * checked against the buffer it indexes before use. A corrupt structure
 * becomes -EIO and one console line naming it (iso_corrupt), never a crash.
 */
#pragma once

#include <rr/vfs.h>
#include <rr/blkdev.h>
#include "iso9660_ondisk.h"

#define ISO_CACHE_SLOTS 32          /* pages of two blocks each: 128 KiB */

struct iso_cache_slot {
    uint8_t *page;                  /* NULL when empty */
    uint32_t pair;                  /* blocks 2*pair and 2*pair+1 */
    uint32_t used;                  /* the cache clock at the last hit */
};

/* A contiguous run of a file's data. Files of 4 GiB and more span several. */
struct iso_section {
    uint32_t extent;
    uint32_t size;
};

struct iso_fs {
    struct rr_mount mnt;
    struct rr_blkdev *dev;
    const char *devname;            /* the device's serial, or its name */
    uint32_t blocks;                /* readable blocks: the volume, within the device */
    uint32_t root_extent;
    uint32_t root_size;
    bool rock;                      /* SUSP announced in the root (SP), so Rock Ridge is read */
    uint8_t susp_skip;              /* SP's LEN_SKP: bytes before SUSP entries in every record */
    struct iso_cache_slot cache[ISO_CACHE_SLOTS];
    uint32_t cache_clock;
    struct iso_node *nodes;         /* every live vnode, so one object has one vnode */
    uint64_t nnodes;
    unsigned complaints;            /* corruption messages printed, capped */
    char last_error[160];           /* the latest one, printed or not */
    bool quiet;                     /* mounting: the mount error carries the message instead */
};

/* What a directory walk yields for one name (or for "." when reading a directory's own record). */
struct iso_entry {
    uint64_t pos;                   /* volume byte position of its (first) record */
    uint64_t next;                  /* directory offset just after its records */
    uint8_t flags;                  /* ISO file flags of the first record */
    bool relocated;                 /* RE: a moved directory shown at its CL placeholder instead */
    bool has_child_link;            /* CL: a placeholder for a relocated directory */
    uint32_t child_link;
    uint32_t mode, nlink, uid, gid;
    struct rr_timespec atime, mtime, ctime, btime;
    uint64_t size;
    uint32_t nsections;
    struct iso_section one;         /* the data when it is one extent */
    struct iso_section *sections;   /* heap: the extents of a multi-extent file, else NULL */
    size_t name_len;
    char name[RR_NAME_MAX + 1];
    char *target;                   /* symbolic link text (heap), NULL for other kinds */
};

struct iso_node {
    struct rr_vnode vn;
    struct iso_node *next;
    struct iso_node *parent;        /* directories: referenced; NULL for the root */
    uint32_t nlink, uid, gid;
    struct rr_timespec atime, mtime, ctime, btime;
    uint64_t size;
    uint32_t nsections;
    struct iso_section one;
    struct iso_section *sections;   /* as in struct iso_entry */
    char *target;
};

#define ISO_SECTIONS(x) ((x)->sections ? (x)->sections : &(x)->one)

static inline struct iso_fs *iso_fs_of(struct rr_vnode *vn)
{
    return (struct iso_fs *)vn->mount;
}

/* iso9660_report.c: one console line about a corrupt structure (the first few per volume); returns -EIO. */
int iso_corrupt(struct iso_fs *fs, const char *fmt, ...) RR_PRINTF(2, 3);

/* iso9660_cache.c */
/* The block's 2048 bytes, valid until the next call that may block. 0 or -EIO. */
int iso_block(struct iso_fs *fs, uint32_t lba, const uint8_t **out);
/* Copies len bytes from volume byte position pos, across blocks. 0 or -EIO. */
int iso_read_bytes(struct iso_fs *fs, uint64_t pos, void *buf, size_t len);
void iso_cache_drop(struct iso_fs *fs);

/* iso9660_time.c: ECMA-119 9.1.5 (7 bytes) and 8.4.26.1 (17 digits) date formats */
struct rr_timespec iso_time_short(const uint8_t *p);
struct rr_timespec iso_time_long(const uint8_t *p);

/* iso9660_susp.c: walks a System Use area, following CE continuation areas.
 * fn sees each entry whole (header included, len >= 4); a non-zero return stops the walk with it. */
typedef int (*iso_susp_fn)(void *ctx, const uint8_t *entry, size_t len);
int iso_susp_walk(struct iso_fs *fs, const uint8_t *area, size_t len, iso_susp_fn fn, void *ctx);

/* iso9660_rock.c: applies the Rock Ridge entries of a record's System Use area to e. */
int iso_rock_apply(struct iso_fs *fs, const uint8_t *area, size_t len, struct iso_entry *e);

/* iso9660_record.c: one directory record (len bytes at volume position pos) to an entry. */
int iso_record_parse(struct iso_fs *fs, const uint8_t *rec, size_t len, uint64_t pos, struct iso_entry *e);
void iso_entry_release(struct iso_entry *e);
/* The System Use area of a record, after the SP skip; its length in *len. */
const uint8_t *iso_record_system_use(struct iso_fs *fs, const uint8_t *rec, size_t *len);

/* iso9660_dir.c: directory walks. A walk starts at a byte offset inside the directory. */
struct iso_dir_walk {
    uint32_t extent;
    uint64_t size;
    uint64_t off;
};
/* The next entry other than "." and "..": 1 with e filled, 0 at the end, -EIO. */
int iso_dir_next(struct iso_fs *fs, struct iso_dir_walk *w, struct iso_entry *e);
/* The "." record of the directory at extent (its own attributes). */
int iso_dir_self(struct iso_fs *fs, uint32_t extent, struct iso_entry *e);

/* iso9660_lookup.c: the directory operations */
int iso_lookup(struct rr_vnode *dir, const char *name, size_t len, struct rr_vnode **out);
int iso_readdir(struct rr_vnode *dir, uint64_t *cookie, rr_filldir_fn fill, void *ctx);

/* iso9660_node.c */
extern const struct rr_vnode_ops iso_vnode_ops;
uint64_t iso_entry_ino(const struct iso_entry *e);
/* The vnode for e (referenced), made once per object. parent: the directory it was found in. */
int iso_node_get(struct iso_fs *fs, struct iso_entry *e, struct iso_node *parent, struct iso_node **out);

/* iso9660_volume.c: reads and checks the descriptor set and the root; fills fs. */
int iso_volume_open(struct iso_fs *fs, char *err, size_t errlen);
