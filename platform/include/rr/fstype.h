/*
 * rr/fstype.h — file systems that live on block devices (platform/block/fstype.c).
 *
 * Each type (ext2, iso9660, ...) registers itself at RR_INIT(RR_FSTYPE_ORDER).
 * The mount code asks each type's probe in turn which one a device holds,
 * then mounts it and grafts the result into the tree with rr_vfs_mount().
 * At a clean end of the guest every mounted block file system is unmounted
 * (written back and marked clean) before the exit is reported.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define RR_FSTYPE_ORDER 3

struct rr_blkdev;
struct rr_mount;

struct rr_fstype {
    const char *name;               /* "ext2", "iso9660" */
    /* Whether dev holds this file system (a look at the superblock/descriptors only). */
    bool (*probe)(struct rr_blkdev *dev);
    /* Mounts dev (read-only when ro). On failure: negative errno and a one-line
     * reason in err ("bad superblock: block size 3000"), nothing left allocated. */
    int (*mount)(struct rr_blkdev *dev, bool ro, struct rr_mount **out, char *err, size_t errlen);
    /* Writes every change back to the device and flushes it (sync(2), syncfs). */
    int (*sync)(struct rr_mount *m);
    /* Final write-back, marks the file system clean; the mount is not used again. */
    int (*unmount)(struct rr_mount *m);
};

int rr_fstype_register(const struct rr_fstype *type);
/* The first registered type whose probe accepts dev; NULL when none does. */
const struct rr_fstype *rr_fstype_detect(struct rr_blkdev *dev);
/* The type called name; NULL when none is registered. */
const struct rr_fstype *rr_fstype_find(const char *name);
