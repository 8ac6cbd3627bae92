/*
 * rr/xen/grant_refs.h — handing out grant references across a table that grows
 * a frame at a time (xen/logic/grant_refs.c). Free of kernel headers so the
 * host tests run it with a fake mapper.
 */
#pragma once

#include <stdint.h>

#define RR_GNTTAB_ENTRIES_PER_FRAME 512u   /* 4096-byte frame, 8-byte v1 entries */

struct rr_grant_refs {
    uint32_t next;           /* the next reference to hand out */
    uint32_t frames;         /* frames mapped so far */
    uint32_t max_frames;     /* frames the guest set aside */
    /* Maps frame idx of the table; 0 or a negative errno. */
    int (*map_frame)(uint32_t idx, void *ctx);
    void *ctx;
};

/* The next free reference, mapping one more frame first when the mapped ones
 * are used up; -ENOSPC when max_frames are, or the mapper's error. */
long rr_grant_refs_take(struct rr_grant_refs *refs);
