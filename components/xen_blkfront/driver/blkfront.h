/*
 * One Xen virtual block device as the driver's files share it.
 */
#pragma once

#include <rr/blkdev.h>
#include "../blkif_ring.h"

#ifndef RR_PLATFORM_XEN
#error "xen_blkfront is built for the xen platform only (its manifest lists xen)"
#endif

/* Requests in flight at once; each owns its data pages, granted once at setup. */
#define BLKFRONT_SLOTS 8

struct blkfront_slot {
    uint8_t *pages[RR_BLKIF_MAX_SEGS];
    uint32_t grefs[RR_BLKIF_MAX_SEGS];
    volatile bool done;
    volatile int16_t status;
    bool busy;
};

struct blkfront {
    struct rr_blkdev blk;
    char front[40];                 /* device/vbd/N, under the domain's home */
    char back[96];                  /* the back end's absolute path */
    uint16_t backend_id;
    uint16_t handle;                /* N: the device's number in requests */
    uint32_t port;
    uint32_t ring_gref;
    struct rr_blkif_front ring;
    struct blkfront_slot slots[BLKFRONT_SLOTS];
    bool can_flush, said_no_flush;
    bool broken;                    /* stopped answering: every request fails at once */
};

/* blkfront_io.c */
void rr_blkfront_event(struct blkfront *bf);
int rr_blkfront_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write);
int rr_blkfront_flush(struct rr_blkdev *dev);
