/*
 * Requests on the shared ring. Each request owns one of a few slots whose
 * pages were granted to the back end at setup, so data moves through those
 * pages (any caller buffer works, nothing is granted per request). Callers
 * block in rr_wait_until until their own slot is answered; responses are
 * taken both by the event handler and by every waiter's condition, so a lost
 * event costs time, not a hang. A back end that does not answer within
 * BLKFRONT_TIMEOUT_NS takes the device out of service.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/xen/event.h>
#include "blkfront.h"

#define BLKFRONT_TIMEOUT_NS (30ULL * 1000000000ULL)
#define POLL_STEP_NS        (1000ULL * 1000000ULL)
#define CHUNK_SECTORS       (RR_BLKIF_MAX_SEGS * RR_BLKIF_PAGE_SECTORS)

static void on_response(const struct rr_blkif_response *rsp, void *arg)
{
    struct blkfront *bf = arg;
    if (rsp->id >= BLKFRONT_SLOTS)
        return;
    struct blkfront_slot *slot = &bf->slots[rsp->id];
    slot->status = rsp->status;
    slot->done = true;
}

void rr_blkfront_event(struct blkfront *bf)
{
    /* The handler and a waiter's condition both consume: one at a time. */
    uint64_t flags = rr_irq_save();
    rr_blkif_take_responses(&bf->ring, on_response, bf);
    rr_irq_restore(flags);
}

static int wait_for(bool (*cond)(void *), void *arg)
{
    uint64_t deadline = rr_monotonic_ns() + BLKFRONT_TIMEOUT_NS;
    if (rr_blk_final()) {
        /* The guest is ending: no scheduling and no events, just the ring. */
        while (!cond(arg)) {
            if (rr_monotonic_ns() >= deadline)
                return -ETIMEDOUT;
            rr_pause();
        }
        return 0;
    }
    for (;;) {
        uint64_t now = rr_monotonic_ns();
        if (now >= deadline)
            return cond(arg) ? 0 : -ETIMEDOUT;
        uint64_t until = now + POLL_STEP_NS < deadline ? now + POLL_STEP_NS : deadline;
        if (rr_wait_until(cond, arg, until) == 0)
            return 0;
    }
}

static int out_of_service(struct blkfront *bf)
{
    if (!bf->broken)
        rr_printk("%s: the back end did not answer within %lu s; the disk is out of service", bf->blk.serial,
                  (unsigned long)(BLKFRONT_TIMEOUT_NS / 1000000000ULL));
    bf->broken = true;
    return -EIO;
}

static int free_slot(struct blkfront *bf)
{
    for (int i = 0; i < BLKFRONT_SLOTS; i++)
        if (!bf->slots[i].busy)
            return i;
    return -1;
}

static bool has_room(void *arg)
{
    struct blkfront *bf = arg;
    rr_blkfront_event(bf);
    return bf->broken || (free_slot(bf) >= 0 && rr_blkif_free_slots(&bf->ring) > 0);
}

struct done_wait {
    struct blkfront *bf;
    struct blkfront_slot *slot;
};

static bool slot_answered(void *arg)
{
    struct done_wait *w = arg;
    rr_blkfront_event(w->bf);
    return w->slot->done;
}

/* Takes a slot, lets fill write the request into the ring, waits for the answer.
 * Returns the slot (still busy: the caller copies out and frees it) or NULL with *err. */
static struct blkfront_slot *submit(struct blkfront *bf, int *err,
                                    void (*fill)(struct rr_blkif_request *req, struct blkfront_slot *slot,
                                                 uint64_t id, void *arg),
                                    void (*before)(struct blkfront_slot *slot, void *arg), void *arg)
{
    if (bf->broken) {
        *err = -EIO;
        return NULL;
    }
    if (wait_for(has_room, bf) < 0 || bf->broken) {
        *err = out_of_service(bf);
        return NULL;
    }
    int id = free_slot(bf);
    struct blkfront_slot *slot = &bf->slots[id];
    slot->busy = true;
    slot->done = false;
    slot->status = RR_BLKIF_RSP_ERROR;
    if (before)
        before(slot, arg);

    uint64_t flags = rr_irq_save();
    struct rr_blkif_request *req = rr_blkif_next_request(&bf->ring);
    fill(req, slot, (uint64_t)id, arg);
    bool notify = rr_blkif_push(&bf->ring);
    rr_irq_restore(flags);
    if (notify)
        rr_xen_notify(bf->port);

    struct done_wait w = { bf, slot };
    if (wait_for(slot_answered, &w) < 0) {
        *err = out_of_service(bf);      /* the slot stays taken: the back end may still write its pages */
        return NULL;
    }
    return slot;
}

struct rw_args {
    struct blkfront *bf;
    bool write;
    uint64_t sector;
    uint32_t count;
    uint8_t *buf;
};

static void copy_in(struct blkfront_slot *slot, void *arg)
{
    struct rw_args *a = arg;
    if (!a->write)
        return;
    size_t left = (size_t)a->count * RR_BLK_SECTOR;
    for (unsigned i = 0; left; i++) {
        size_t n = left < RR_BLKIF_PAGE ? left : RR_BLKIF_PAGE;
        rr_memcpy(slot->pages[i], a->buf + (size_t)i * RR_BLKIF_PAGE, n);
        left -= n;
    }
}

static void fill_rw(struct rr_blkif_request *req, struct blkfront_slot *slot, uint64_t id, void *arg)
{
    struct rw_args *a = arg;
    rr_blkif_fill_rw(req, a->write, a->bf->handle, id, a->sector, a->count, slot->grefs);
}

static int chunk(struct blkfront *bf, uint64_t sector, uint32_t count, uint8_t *buf, bool write)
{
    struct rw_args a = { bf, write, sector, count, buf };
    int err = 0;
    struct blkfront_slot *slot = submit(bf, &err, fill_rw, copy_in, &a);
    if (!slot)
        return err;
    int r = slot->status == RR_BLKIF_RSP_OKAY ? 0 : -EIO;
    if (r == 0 && !write) {
        size_t left = (size_t)count * RR_BLK_SECTOR;
        for (unsigned i = 0; left; i++) {
            size_t n = left < RR_BLKIF_PAGE ? left : RR_BLKIF_PAGE;
            rr_memcpy(buf + (size_t)i * RR_BLKIF_PAGE, slot->pages[i], n);
            left -= n;
        }
    }
    if (r < 0)
        rr_printk("%s: %s of %u sectors at %lu failed (back end status %d)", bf->blk.serial,
                  write ? "write" : "read", (unsigned)count, (unsigned long)sector, (int)slot->status);
    slot->busy = false;
    return r;
}

int rr_blkfront_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write)
{
    struct blkfront *bf = dev->driver_data;
    uint8_t *p = buf;
    while (count) {
        uint32_t n = count < CHUNK_SECTORS ? count : CHUNK_SECTORS;
        int r = chunk(bf, sector, n, p, write);
        if (r < 0)
            return r;
        p += (size_t)n * RR_BLK_SECTOR;
        sector += n;
        count -= n;
    }
    return 0;
}

static void fill_flush(struct rr_blkif_request *req, struct blkfront_slot *slot, uint64_t id, void *arg)
{
    struct blkfront *bf = arg;
    (void)slot;
    rr_blkif_fill_flush(req, bf->handle, id);
}

int rr_blkfront_flush(struct rr_blkdev *dev)
{
    struct blkfront *bf = dev->driver_data;
    if (!bf->can_flush) {
        if (!bf->said_no_flush)
            rr_printk("%s: the back end cannot flush; its writes are taken as written through", bf->blk.serial);
        bf->said_no_flush = true;
        return 0;
    }
    int err = 0;
    struct blkfront_slot *slot = submit(bf, &err, fill_flush, NULL, bf);
    if (!slot)
        return err;
    int16_t status = slot->status;
    slot->busy = false;
    if (status == RR_BLKIF_RSP_EOPNOTSUPP) {
        /* The back end withdrew the feature: as if it never had it. */
        bf->can_flush = false;
        return 0;
    }
    return status == RR_BLKIF_RSP_OKAY ? 0 : -EIO;
}
