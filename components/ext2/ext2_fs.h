/*
 * The ext2 component's in-memory state and the calls its files share.
 *
 * Locking: one mount is one lock (ext2_lock). Every vnode operation takes it
 * for its whole run, so an operation that blocks on the device keeps the
 * file system consistent for other threads. Internal functions assume it is held.
 *
 * Every block number and inode number read from the disk is checked before
 * use; a bad one is reported once on the console, marks the superblock with
 * EXT2_ERROR_FS and fails the operation with -EIO (ext2_corrupt).
 */
#pragma once

#include <rr/vfs.h>
#include <rr/blkdev.h>
#include "ext2_disk.h"

struct ext2_fs;

/* --- cache.c: block buffers with write-back --- */
struct ext2_buf {
    uint32_t blk;
    uint32_t refs;               /* pinned while > 0: never evicted */
    bool dirty;
    struct ext2_buf *hnext;      /* hash chain */
    struct ext2_buf *older, *newer; /* LRU list, most recent at the head */
    uint8_t *data;
};

#define EXT2_CACHE_HASH 256
struct ext2_cache {
    struct ext2_buf *hash[EXT2_CACHE_HASH];
    struct ext2_buf *newest, *oldest;
    size_t count, limit, dirty;
};

int ext2_cache_init(struct ext2_fs *fs);
void ext2_cache_destroy(struct ext2_fs *fs);
/* A pinned buffer holding block blk, read from the device if needed. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out);
/* A pinned buffer for a block just allocated: zeros, never read. */
int ext2_bnew(struct ext2_fs *fs, uint32_t blk, struct ext2_buf **out);
void ext2_brelse(struct ext2_fs *fs, struct ext2_buf *b);
void ext2_bdirty(struct ext2_fs *fs, struct ext2_buf *b);
/* The block was freed: whatever the cache holds for it must never reach the disk. */
void ext2_bforget(struct ext2_fs *fs, uint32_t blk);
/* Writes every dirty buffer (in block order, contiguous runs in one transfer). */
int ext2_cache_writeback(struct ext2_fs *fs);

/* --- inode.c: inodes in memory, one vnode per inode in use --- */
struct ext2_node {
    struct rr_vnode vn;
    struct ext2_node *hnext;
    uint32_t ino;
    struct ext2_inode di;        /* the on-disk fields, kept current; written by ext2_node_write */
    uint64_t size;
    uint16_t extra;              /* trusted bytes past the first 128 (a valid i_extra_isize, else 0) */
    uint32_t goal;               /* where the next block of the file should go */
};

#define EXT2_NODE_HASH 128

/* --- the mount --- */
struct ext2_fs {
    struct rr_mount mnt;
    struct rr_blkdev *dev;
    const char *devname;         /* the device's serial, else its name: for messages */
    struct ext2_super sb;
    uint32_t bs;                 /* block size in bytes */
    uint32_t sectors_per_block;
    uint32_t groups;
    uint32_t gdt_blocks;
    uint32_t ptrs;               /* block numbers per indirect block */
    uint32_t inode_size;
    uint32_t inodes_per_block;
    uint32_t itable_blocks;      /* inode table blocks per group */
    uint32_t first_ino;
    uint16_t new_extra_isize;    /* i_extra_isize of inodes made here */
    bool ro;
    bool filetype;               /* directory entries carry the file type */
    uint16_t state_at_mount;     /* s_state as found, restored at unmount */
    bool error_reported;
    bool busy;
    struct ext2_group_desc *gd;
    struct ext2_cache cache;
    struct ext2_node *nodes[EXT2_NODE_HASH];
    uint64_t nnodes;
};

static inline struct ext2_fs *ext2_fs_of(struct rr_vnode *vn)
{
    return (struct ext2_fs *)vn->mount;
}

static inline struct ext2_node *ext2_node_of(struct rr_vnode *vn)
{
    return (struct ext2_node *)vn;
}

/* --- super.c --- */
void ext2_lock(struct ext2_fs *fs);
void ext2_unlock(struct ext2_fs *fs);
/* Reports corruption (once per mount on the console), marks the file system
 * as having errors, returns -EIO. */
int ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...) RR_PRINTF(2, 3);
/* Writes the group descriptors and the superblock (free counts summed from the groups). */
int ext2_write_super(struct ext2_fs *fs);
/* Every change to the device, then a device flush. */
int ext2_sync_all(struct ext2_fs *fs);
bool ext2_group_has_super(struct ext2_fs *fs, uint32_t group);
struct rr_timespec ext2_now(void);

/* --- alloc.c: the block and inode bitmaps --- */
/* A free block, near goal when possible (0: no preference). */
int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
int ext2_free_block(struct ext2_fs *fs, uint32_t blk);
/* A free inode: directories go to the group with the most free inodes
 * (spreading the tree), other files to their directory's group (packing). */
int ext2_alloc_inode(struct ext2_fs *fs, uint32_t dir_ino, bool is_dir, uint32_t *out);
int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir);
/* blk may hold file data (inside the file system, past the boot block). */
static inline bool ext2_block_ok(struct ext2_fs *fs, uint32_t blk)
{
    return blk > fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count;
}

/* --- inode.c --- */
int ext2_node_get(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out);
/* Drops a reference taken inside an operation (the lock is held). */
void ext2_node_put(struct ext2_fs *fs, struct ext2_node *n);
/* Copies the node's fields into its inode table block. */
int ext2_node_write(struct ext2_fs *fs, struct ext2_node *n);
/* A new inode of type and mode in the group chosen for dir's child, referenced. */
int ext2_node_new(struct ext2_fs *fs, struct ext2_node *dir, uint32_t mode, struct ext2_node **out);
/* Releases the inode's blocks and the inode itself (its last name and reference are gone). */
int ext2_node_delete(struct ext2_fs *fs, struct ext2_node *n);
void ext2_node_set_size(struct ext2_node *n, uint64_t size);
struct rr_timespec ext2_node_time(const struct ext2_node *n, int which);
void ext2_node_set_time(struct ext2_fs *fs, struct ext2_node *n, int which, struct rr_timespec t);
#define EXT2_ATIME 0
#define EXT2_MTIME 1
#define EXT2_CTIME 2
#define EXT2_CRTIME 3
/* mtime and ctime to now, then written back */
int ext2_node_touch(struct ext2_fs *fs, struct ext2_node *n);
void ext2_inactive(struct rr_vnode *vn);
uint8_t ext2_ftype_of_mode(uint32_t mode);

/* --- bmap.c: logical blocks of a file to device blocks --- */
/* The device block behind logical block lblk: 0 for a hole when !alloc; with
 * alloc, a hole is filled (*fresh says so: the buffer must start from zeros). */
int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lblk, bool alloc, uint32_t *out, bool *fresh);
/* Frees every block at logical index >= first, and the indirect blocks left empty. */
int ext2_free_blocks_from(struct ext2_fs *fs, struct ext2_node *n, uint64_t first);
/* The number of logical blocks a file can have. */
uint64_t ext2_max_lblocks(struct ext2_fs *fs);

/* --- dir.c: directory entries --- */
struct ext2_dirloc {
    uint64_t lblk;               /* logical block of the directory */
    uint32_t off;                /* the entry's offset in it */
    uint32_t prev;               /* the previous entry's offset, or UINT32_MAX when first */
};
/* Walks the entries from byte position *pos; fn returns non-zero to stop (the
 * entry is then not passed: *pos stays on it). Unused entries are skipped. */
typedef int (*ext2_dir_fn)(void *ctx, const struct ext2_dirent *d, uint64_t pos);
int ext2_dir_walk(struct ext2_fs *fs, struct ext2_node *dir, uint64_t *pos, ext2_dir_fn fn, void *ctx);
/* -ENOENT when absent. */
int ext2_dir_find(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len,
                  uint32_t *ino, struct ext2_dirloc *loc);
int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len,
                 uint32_t ino, uint8_t ftype);
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *dir, const struct ext2_dirloc *loc);
/* Points the entry at loc to another inode. */
int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_node *dir, const struct ext2_dirloc *loc,
                      uint32_t ino, uint8_t ftype);
/* The first block of a new directory: "." and "..". */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *dir, uint32_t parent);
int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_node *dir, uint32_t parent);
/* Only "." and ".." are left. */
int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_node *dir, bool *empty);

/* --- file.c --- */
long ext2_read(struct rr_file *f, void *buf, size_t n, uint64_t off);
long ext2_write(struct rr_file *f, const void *buf, size_t n, uint64_t off);
int ext2_truncate_locked(struct ext2_fs *fs, struct ext2_node *n, uint64_t size);
/* Copies from/to a file's bytes at off, without size checks (directories and symbolic links too). */
long ext2_read_locked(struct ext2_fs *fs, struct ext2_node *n, void *buf, size_t count, uint64_t off);
long ext2_write_locked(struct ext2_fs *fs, struct ext2_node *n, const void *buf, size_t count, uint64_t off);

/* --- namei.c: the namespace operations, called with the lock held --- */
int ext2_lookup_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, struct rr_vnode **out);
int ext2_create_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, uint32_t mode,
                       uint64_t rdev, const char *target, struct rr_vnode **out);
int ext2_link_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, struct ext2_node *n);
int ext2_unlink_locked(struct ext2_fs *fs, struct ext2_node *dir, const char *name, size_t len, bool want_dir);
int ext2_rename_locked(struct ext2_fs *fs, struct ext2_node *olddir, const char *oldname, size_t oldlen,
                       struct ext2_node *newdir, const char *newname, size_t newlen, unsigned flags);
long ext2_readlink_locked(struct ext2_fs *fs, struct ext2_node *n, char *buf, size_t size);

/* --- vnops.c --- */
extern const struct rr_vnode_ops ext2_vnode_ops;
int ext2_statfs(struct rr_mount *m, struct rr_statfs *st);
