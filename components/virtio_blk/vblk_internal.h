/*
 * One virtio block device as the driver's files share it.
 */
#pragma once

#include <rr/blkdev.h>
#include <rr/virtio.h>
#include <rr/virtio_blk.h>

/* Header and status of one request, in device-visible memory; the driver's
 * completion flag sits beside them, so a request the device finishes after
 * its waiter gave up writes nowhere else. */
struct vblk_slot {
    struct rr_vblk_header hdr;
    volatile uint8_t status;
    volatile bool done;
    bool busy;
    uint8_t pad[13];
};

#define VBLK_SLOTS (4096 / sizeof(struct vblk_slot))

struct vblk {
    struct rr_virtio_device *vdev;
    struct rr_virtq *vq;
    struct rr_blkdev blk;
    struct rr_vblk_limits lim;
    bool can_flush, said_no_flush;
    bool broken;                    /* stopped answering: every request fails at once */
    struct vblk_slot *slots;        /* one page */
    uint8_t *bounce;                /* one page, for buffers no request can describe */
    bool bounce_busy;
};

/* Data buffers per request at most (descriptors on the caller's stack). */
#define VBLK_MAX_SEGS 64

/* vblk_io.c */
void rr_vblk_complete(struct rr_virtq *vq);
/* One request of nsegs data buffers (device-writable when in); the device's status mapped to 0/-EIO. */
int rr_vblk_request(struct vblk *vb, uint32_t type, uint64_t sector, const struct rr_vblk_seg *segs,
                    unsigned nsegs, bool in);
int rr_vblk_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write);
int rr_vblk_flush(struct rr_blkdev *dev);
