/*
 * Grant references are handed out in order and never returned (grants last as
 * long as the domain), so the table needs only a cursor. Xen grows a domain's
 * table when the guest maps a frame past its current end, so a frame is mapped
 * only once a reference in it is wanted: a guest with one disk never asks Xen
 * for more than the first frame.
 */
#include <rr/errno.h>
#include <rr/xen/grant_refs.h>

long rr_grant_refs_take(struct rr_grant_refs *refs)
{
    if (refs->next >= refs->frames * RR_GNTTAB_ENTRIES_PER_FRAME) {
        if (refs->frames >= refs->max_frames)
            return -ENOSPC;
        int r = refs->map_frame(refs->frames, refs->ctx);
        if (r < 0)
            return r;
        refs->frames++;
    }
    return refs->next++;
}
