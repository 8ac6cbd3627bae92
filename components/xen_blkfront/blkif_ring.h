/*
 * The blkif shared ring (public io/ring.h and io/blkif.h, x86_64 ABI) and the
 * front end's side of its index protocol. Free of kernel headers, so the host
 * tests run it as the driver does.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RR_BLKIF_OP_READ            0
#define RR_BLKIF_OP_WRITE           1
#define RR_BLKIF_OP_FLUSH_DISKCACHE 3

#define RR_BLKIF_RSP_EOPNOTSUPP (-2)
#define RR_BLKIF_RSP_ERROR      (-1)
#define RR_BLKIF_RSP_OKAY       0

#define RR_BLKIF_MAX_SEGS     11
#define RR_BLKIF_PAGE         4096u
#define RR_BLKIF_SECTOR       512u
#define RR_BLKIF_PAGE_SECTORS (RR_BLKIF_PAGE / RR_BLKIF_SECTOR)

/* The "info" key's bits. */
#define RR_VDISK_READONLY 0x4

struct rr_blkif_segment {
    uint32_t gref;
    uint8_t first_sect, last_sect;      /* inclusive, 512-byte sectors within the page */
    uint16_t pad;
};

struct rr_blkif_request {
    uint8_t operation;
    uint8_t nr_segments;
    uint16_t handle;
    uint32_t pad;
    uint64_t id;
    uint64_t sector_number;             /* always 512-byte units */
    struct rr_blkif_segment seg[RR_BLKIF_MAX_SEGS];
};

struct rr_blkif_response {
    uint64_t id;
    uint8_t operation;
    uint8_t pad;
    int16_t status;
};

union rr_blkif_entry {
    struct rr_blkif_request req;
    struct rr_blkif_response rsp;
};

struct rr_blkif_sring {
    volatile uint32_t req_prod, req_event;
    volatile uint32_t rsp_prod, rsp_event;
    uint8_t pvt[4];
    uint8_t pad[44];
    union rr_blkif_entry ring[];
};

_Static_assert(sizeof(struct rr_blkif_segment) == 8, "blkif segment layout");
_Static_assert(sizeof(struct rr_blkif_request) == 112, "blkif request layout");
_Static_assert(sizeof(struct rr_blkif_response) == 16, "blkif response layout");
_Static_assert(offsetof(struct rr_blkif_sring, ring) == 64, "shared ring header layout");

/* The front end's private view: what it produced and what it consumed. */
struct rr_blkif_front {
    struct rr_blkif_sring *sring;
    uint32_t req_prod_pvt;
    uint32_t rsp_cons;
    uint32_t nr_ents;
};

/* Entries in a shared ring of bytes bytes: the largest power of two that fits. */
uint32_t rr_blkif_ring_entries(size_t bytes);
/* Clears the page's header and sets up the private view. */
void rr_blkif_front_init(struct rr_blkif_front *f, struct rr_blkif_sring *sring, size_t bytes);
/* Requests that may still be produced before the oldest unanswered one is answered. */
uint32_t rr_blkif_free_slots(const struct rr_blkif_front *f);
/* The next request entry (the caller checked rr_blkif_free_slots); becomes visible at push. */
struct rr_blkif_request *rr_blkif_next_request(struct rr_blkif_front *f);
/* Publishes the produced requests; true when the back end asked to be notified of them. */
bool rr_blkif_push(struct rr_blkif_front *f);
/* Hands each new response to fn, then re-arms rsp_event and looks once more, so a
 * response the back end adds meanwhile is taken now or raises an event. Returns how many. */
unsigned rr_blkif_take_responses(struct rr_blkif_front *f,
                                 void (*fn)(const struct rr_blkif_response *rsp, void *arg), void *arg);
/* Fills req for sectors count (1 .. RR_BLKIF_MAX_SEGS pages' worth) held from the start
 * of the pages granted as grefs[0..]; returns the segments used, 0 when count is out of range. */
unsigned rr_blkif_fill_rw(struct rr_blkif_request *req, bool write, uint16_t handle, uint64_t id,
                          uint64_t sector, uint32_t count, const uint32_t *grefs);
/* A flush carries no segments. */
void rr_blkif_fill_flush(struct rr_blkif_request *req, uint16_t handle, uint64_t id);
/* The xvd name of a virtual-device number (xvda = 202:0, xvdq.. through the extended form); false when none. */
bool rr_blkif_vdev_name(uint32_t vdev, char *out, size_t outsize);
