/*
 * Requests (virtio 1.2 §5.2.6): a device-readable header, the data, and a
 * one-byte status the device writes. Callers block in rr_wait_until until
 * their own request completes, so several threads may wait at once; a
 * request that finds the ring full waits for room. Completions are taken
 * from the used ring both by the interrupt and by every waiter's condition,
 * so a lost or unrouted interrupt costs time, not a hang. A device that does
 * not answer within VBLK_TIMEOUT_NS is taken out of service: its requests
 * fail with EIO from then on.
 */
#include <rr/kern.h>
#include <rr/layout.h>
#include <rr/paging.h>
#include <rr/x86.h>
#include "vblk_internal.h"

#define VBLK_TIMEOUT_NS   (30ULL * 1000000000ULL)
#define POLL_WITH_IRQ_NS  (1000ULL * 1000000ULL)
#define POLL_NO_IRQ_NS    (1ULL * 1000000ULL)
#define IDENTITY_END      (512ULL << 30)

void rr_vblk_complete(struct rr_virtq *vq)
{
    struct vblk_slot *slot;
    while ((slot = rr_virtq_get(vq, NULL)) != NULL)
        slot->done = true;
}

/* The identity map covers slot 0; anything else (heap blocks and stacks in
 * slot 2) is looked up in the page tables. Unbacked program pages have no
 * address yet: the caller bounces through a page of its own instead. */
static uint64_t xlate(uintptr_t va)
{
    if (va >= RR_PAGE_SIZE && va < IDENTITY_END)
        return va;
    uint64_t *pte = rr_pte_find(va & ~(RR_PAGE_SIZE - 1));
    if (!pte || !(*pte & RR_PTE_P))
        return UINT64_MAX;
    return (*pte & RR_PTE_ADDR) | (va & (RR_PAGE_SIZE - 1));
}

static uint64_t identity(uintptr_t va)
{
    return va;
}

/* Waits for cond, polling the used ring through it; -ETIMEDOUT after VBLK_TIMEOUT_NS. */
static int vblk_wait(struct vblk *vb, bool (*cond)(void *), void *arg)
{
    uint64_t deadline = rr_monotonic_ns() + VBLK_TIMEOUT_NS;
    if (rr_blk_final()) {
        /* The guest is ending: no scheduling and no interrupts, just the ring. */
        while (!cond(arg)) {
            if (rr_monotonic_ns() >= deadline)
                return -ETIMEDOUT;
            rr_pause();
        }
        return 0;
    }
    uint64_t step = vb->vdev->no_interrupt ? POLL_NO_IRQ_NS : POLL_WITH_IRQ_NS;
    for (;;) {
        uint64_t now = rr_monotonic_ns();
        if (now >= deadline)
            return cond(arg) ? 0 : -ETIMEDOUT;
        uint64_t until = now + step < deadline ? now + step : deadline;
        if (rr_wait_until(cond, arg, until) == 0)
            return 0;
    }
}

struct room_wait {
    struct vblk *vb;
    unsigned descs;
};

static int free_slot(struct vblk *vb)
{
    for (size_t i = 0; i < VBLK_SLOTS; i++)
        if (!vb->slots[i].busy)
            return (int)i;
    return -1;
}

static bool has_room(void *arg)
{
    struct room_wait *w = arg;
    rr_vblk_complete(w->vb->vq);
    return w->vb->broken || (w->vb->vq->num_free >= w->descs && free_slot(w->vb) >= 0);
}

static bool slot_done(const struct vblk_slot *slot)
{
    return slot->done;
}

struct done_wait {
    struct vblk *vb;
    struct vblk_slot *slot;
};

static bool request_done(void *arg)
{
    struct done_wait *w = arg;
    rr_vblk_complete(w->vb->vq);
    return slot_done(w->slot);
}

static int out_of_service(struct vblk *vb)
{
    if (!vb->broken)
        rr_printk("%s: the disk did not answer within %lu s; it is out of service", vb->blk.name,
                  (unsigned long)(VBLK_TIMEOUT_NS / 1000000000ULL));
    vb->broken = true;
    return -EIO;
}

int rr_vblk_request(struct vblk *vb, uint32_t type, uint64_t sector, const struct rr_vblk_seg *segs,
                    unsigned nsegs, bool in)
{
    if (vb->broken)
        return -EIO;
    struct room_wait room = { vb, nsegs + 2 };
    if (room.descs > vb->vq->size)
        return -EINVAL;
    if (vblk_wait(vb, has_room, &room) < 0 || vb->broken)
        return out_of_service(vb);

    struct vblk_slot *slot = &vb->slots[free_slot(vb)];
    slot->busy = true;
    slot->done = false;
    slot->status = 0xff;
    slot->hdr = (struct rr_vblk_header){ .type = type, .sector = sector };

    struct rr_virtq_buf bufs[VBLK_MAX_SEGS + 2];
    bufs[0] = (struct rr_virtq_buf){ &slot->hdr, sizeof(slot->hdr) };
    for (unsigned i = 0; i < nsegs; i++)
        bufs[1 + i] = (struct rr_virtq_buf){ (const void *)(uintptr_t)segs[i].pa, segs[i].len };
    bufs[1 + nsegs] = (struct rr_virtq_buf){ (const void *)&slot->status, 1 };
    unsigned nout = 1 + (in ? 0 : nsegs), nin = (in ? nsegs : 0) + 1;
    if (rr_virtq_add(vb->vq, bufs, nout, nin, slot) < 0) {
        slot->busy = false;
        return -EIO;
    }
    rr_virtq_kick(vb->vq);

    struct done_wait done = { vb, slot };
    if (vblk_wait(vb, request_done, &done) < 0)
        return out_of_service(vb);      /* the slot stays taken: the device may still write it */
    uint8_t status = slot->status;
    slot->busy = false;
    return status == RR_VBLK_S_OK ? 0 : -EIO;
}

static bool bounce_free(void *arg)
{
    struct vblk *vb = arg;
    return !vb->bounce_busy;
}

/* Moves up to one page through the bounce page; returns the bytes done or -errno. */
static long bounced(struct vblk *vb, uint64_t sector, uint8_t *p, size_t left, bool write)
{
    if (vblk_wait(vb, bounce_free, vb) < 0)
        return out_of_service(vb);
    vb->bounce_busy = true;
    size_t n = left < RR_PAGE_SIZE ? left : RR_PAGE_SIZE;
    struct rr_vblk_seg segs[VBLK_MAX_SEGS];
    unsigned nsegs;
    size_t got = rr_vblk_plan((uintptr_t)vb->bounce, n, &vb->lim, identity, segs, &nsegs);
    long r = -EIO;
    if (got) {
        if (write)
            rr_memcpy(vb->bounce, p, got);
        r = rr_vblk_request(vb, write ? RR_VBLK_T_OUT : RR_VBLK_T_IN, sector, segs, nsegs, !write);
        if (r == 0 && !write)
            rr_memcpy(p, vb->bounce, got);
        if (r == 0)
            r = (long)got;
    }
    vb->bounce_busy = false;
    return r;
}

int rr_vblk_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write)
{
    struct vblk *vb = dev->driver_data;
    uint8_t *p = buf;
    size_t left = (size_t)count * RR_BLK_SECTOR;
    while (left) {
        struct rr_vblk_seg segs[VBLK_MAX_SEGS];
        unsigned nsegs;
        size_t got = rr_vblk_plan((uintptr_t)p, left, &vb->lim, xlate, segs, &nsegs);
        long r;
        if (got) {
            r = rr_vblk_request(vb, write ? RR_VBLK_T_OUT : RR_VBLK_T_IN, sector, segs, nsegs, !write);
            if (r == 0)
                r = (long)got;
        } else {
            r = bounced(vb, sector, p, left, write);
        }
        if (r < 0)
            return (int)r;
        p += r;
        left -= (size_t)r;
        sector += (uint64_t)r / RR_BLK_SECTOR;
    }
    return 0;
}

int rr_vblk_flush(struct rr_blkdev *dev)
{
    struct vblk *vb = dev->driver_data;
    if (!vb->can_flush) {
        if (!vb->said_no_flush)
            rr_printk("%s: the disk cannot flush; its writes are taken as written through", dev->name);
        vb->said_no_flush = true;
        return 0;
    }
    return rr_vblk_request(vb, RR_VBLK_T_FLUSH, 0, NULL, 0, false);
}
