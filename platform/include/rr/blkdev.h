/*
 * rr/blkdev.h — block devices as file systems see them (platform/block/).
 *
 * A driver (components/virtio_blk, ...) fills a struct rr_blkdev and
 * registers it. File systems move whole 512-byte sectors synchronously: the
 * calling thread blocks inside the driver (rr_wait_until) while other threads
 * run; the driver queues requests when its ring is full. Buffers are kernel
 * memory (identity mapped, any alignment the driver copes with: virtio takes
 * any address).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RR_BLK_SECTOR 512u

struct rr_blkdev;

struct rr_blkdev_ops {
    /* count sectors from sector into buf (write = false) or from buf to the
     * device (write = true). 0, or a negative errno (-EIO). Called only
     * through rr_blk_read and rr_blk_write, which refuse ranges past the end
     * (-EINVAL) and writes to a read-only device (-EROFS) first. */
    int (*transfer)(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write);
    /* Every write completed before this call is durable when it returns (virtio FLUSH). */
    int (*flush)(struct rr_blkdev *dev);
};

struct rr_blkdev {
    char name[16];                  /* "vblk0", "vblk1", ... in discovery order */
    char serial[24];                /* the host's name for it (virtio-blk serial), "" when none */
    uint64_t sectors;               /* capacity in 512-byte sectors */
    bool read_only;                 /* the device refuses writes */
    const struct rr_blkdev_ops *ops;
    void *driver_data;
};

/* Adds a device; its name is set here when empty. 0 or -ENOSPC. */
int rr_blkdev_register(struct rr_blkdev *dev);
/* The device whose serial (or, failing that, name) is key; NULL if none. */
struct rr_blkdev *rr_blkdev_find(const char *key);
/* The i-th registered device, NULL past the end. */
struct rr_blkdev *rr_blkdev_nth(size_t i);

/* Bounds-checked transfers for file systems: -EINVAL past the end,
 * -EROFS when writing a read-only device. */
int rr_blk_read(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf);
int rr_blk_write(struct rr_blkdev *dev, uint64_t sector, uint32_t count, const void *buf);
int rr_blk_flush(struct rr_blkdev *dev);

/* The guest is ending (platform/block/mount.c sets it before the final
 * unmount): drivers then complete requests by polling with interrupts off,
 * without handing the CPU to other threads, whatever context the end came from. */
void rr_blk_set_final(void);
bool rr_blk_final(void);

/* /dev/vblkN for every registered device and /dev/disk/by-id/virtio-SERIAL
 * links to them (platform/block/blkdev_node.c); after the root file system exists. */
void rr_blkdev_nodes_create(void);
