/*
 * The front end's half of the shared ring. Indices run freely and wrap at
 * 2^32; an entry's place is the index modulo the (power of two) ring size.
 * The back end reads requests up to req_prod and writes responses up to
 * rsp_prod; each side says through the other's *_event index when it next
 * wants an event, so neither signals for every entry.
 */
#include "blkif_ring.h"

/* x86 keeps stores in order and loads in order; only a store followed by a
 * load of another location needs a real fence. */
#define compiler_barrier() __asm__ volatile("" : : : "memory")
#define full_barrier() __asm__ volatile("mfence" : : : "memory")

uint32_t rr_blkif_ring_entries(size_t bytes)
{
    if (bytes <= offsetof(struct rr_blkif_sring, ring))
        return 0;
    size_t fit = (bytes - offsetof(struct rr_blkif_sring, ring)) / sizeof(union rr_blkif_entry);
    uint32_t n = 1;
    if (!fit)
        return 0;
    while ((size_t)n * 2 <= fit)
        n *= 2;
    return n;
}

void rr_blkif_front_init(struct rr_blkif_front *f, struct rr_blkif_sring *sring, size_t bytes)
{
    sring->req_prod = 0;
    sring->rsp_prod = 0;
    /* The first request and the first response each raise an event. */
    sring->req_event = 1;
    sring->rsp_event = 1;
    for (size_t i = 0; i < sizeof(sring->pvt); i++)
        sring->pvt[i] = 0;
    for (size_t i = 0; i < sizeof(sring->pad); i++)
        sring->pad[i] = 0;
    f->sring = sring;
    f->req_prod_pvt = 0;
    f->rsp_cons = 0;
    f->nr_ents = rr_blkif_ring_entries(bytes);
}

uint32_t rr_blkif_free_slots(const struct rr_blkif_front *f)
{
    return f->nr_ents - (f->req_prod_pvt - f->rsp_cons);
}

struct rr_blkif_request *rr_blkif_next_request(struct rr_blkif_front *f)
{
    struct rr_blkif_request *req = &f->sring->ring[f->req_prod_pvt & (f->nr_ents - 1)].req;
    f->req_prod_pvt++;
    return req;
}

bool rr_blkif_push(struct rr_blkif_front *f)
{
    uint32_t old = f->sring->req_prod;
    uint32_t now = f->req_prod_pvt;
    compiler_barrier();                 /* the entries before the index that shows them */
    f->sring->req_prod = now;
    full_barrier();                     /* the index out before req_event is read */
    /* Notify when req_event lies in (old, now]: the back end asked for an event there. */
    return (uint32_t)(now - f->sring->req_event) < (uint32_t)(now - old);
}

unsigned rr_blkif_take_responses(struct rr_blkif_front *f,
                                 void (*fn)(const struct rr_blkif_response *rsp, void *arg), void *arg)
{
    unsigned taken = 0;
    for (;;) {
        uint32_t prod = f->sring->rsp_prod;
        compiler_barrier();             /* the entries after the index that announced them */
        while (f->rsp_cons != prod) {
            struct rr_blkif_response rsp = f->sring->ring[f->rsp_cons & (f->nr_ents - 1)].rsp;
            f->rsp_cons++;
            taken++;
            fn(&rsp, arg);
        }
        f->sring->rsp_event = f->rsp_cons + 1;
        full_barrier();                 /* rsp_event out before rsp_prod is read again */
        if (f->sring->rsp_prod == prod)
            return taken;
    }
}

unsigned rr_blkif_fill_rw(struct rr_blkif_request *req, bool write, uint16_t handle, uint64_t id,
                          uint64_t sector, uint32_t count, const uint32_t *grefs)
{
    if (count == 0 || count > RR_BLKIF_MAX_SEGS * RR_BLKIF_PAGE_SECTORS)
        return 0;
    unsigned segs = (count + RR_BLKIF_PAGE_SECTORS - 1) / RR_BLKIF_PAGE_SECTORS;
    req->operation = write ? RR_BLKIF_OP_WRITE : RR_BLKIF_OP_READ;
    req->nr_segments = (uint8_t)segs;
    req->handle = handle;
    req->pad = 0;
    req->id = id;
    req->sector_number = sector;
    for (unsigned i = 0; i < segs; i++) {
        uint32_t left = count - i * RR_BLKIF_PAGE_SECTORS;
        uint32_t here = left < RR_BLKIF_PAGE_SECTORS ? left : RR_BLKIF_PAGE_SECTORS;
        req->seg[i] = (struct rr_blkif_segment){ grefs[i], 0, (uint8_t)(here - 1), 0 };
    }
    return segs;
}

void rr_blkif_fill_flush(struct rr_blkif_request *req, uint16_t handle, uint64_t id)
{
    req->operation = RR_BLKIF_OP_FLUSH_DISKCACHE;
    req->nr_segments = 0;
    req->handle = handle;
    req->pad = 0;
    req->id = id;
    req->sector_number = 0;
}

static bool put_letters(unsigned disk, char *out, size_t outsize)
{
    char letters[4];
    size_t n = 0;
    /* a..z, then aa..zz, as the toolstack names disks past the 26th. */
    if (disk < 26) {
        letters[n++] = (char)('a' + disk);
    } else if (disk < 26 + 26 * 26) {
        disk -= 26;
        letters[n++] = (char)('a' + disk / 26);
        letters[n++] = (char)('a' + disk % 26);
    } else {
        return false;
    }
    if (outsize < 3 + n + 1)
        return false;
    out[0] = 'x';
    out[1] = 'v';
    out[2] = 'd';
    for (size_t i = 0; i < n; i++)
        out[3 + i] = letters[i];
    out[3 + n] = '\0';
    return true;
}

bool rr_blkif_vdev_name(uint32_t vdev, char *out, size_t outsize)
{
    /* Extended form: bit 28, disk in bits 8..27, partition in 0..7. */
    if (vdev & (1u << 28)) {
        if (vdev & 0xFFu)
            return false;
        return put_letters((vdev >> 8) & 0xFFFFFu, out, outsize);
    }
    /* Xen's own major 202: 16 minors per disk. Partitions are not disks. */
    if ((vdev >> 8) != 202 || (vdev & 0xFu))
        return false;
    return put_letters((vdev & 0xFFu) >> 4, out, outsize);
}
