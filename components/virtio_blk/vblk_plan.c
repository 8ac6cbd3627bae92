/*
 * Turning a buffer into the data descriptors of requests. Kernel buffers
 * may be virtually contiguous only (large heap blocks, stacks), so every
 * page is translated and neighbours are merged only when physically
 * adjacent; the device's SIZE_MAX and SEG_MAX bound each piece and the
 * count, and a request ends on a sector boundary.
 */
#include "include/rr/virtio_blk.h"   /* by path: host tests compile this file alone */

#define PAGE 4096u
#define SECTOR 512u

size_t rr_vblk_plan(uintptr_t va, size_t len, const struct rr_vblk_limits *lim, rr_vblk_xlate_fn xlate,
                    struct rr_vblk_seg *segs, unsigned *nsegs)
{
    unsigned n = 0;
    size_t covered = 0;
    bool full = false;
    while (covered < len && !full) {
        uintptr_t at = va + covered;
        size_t chunk = PAGE - (at & (PAGE - 1));
        if (chunk > len - covered)
            chunk = len - covered;
        uint64_t pa = xlate(at);
        if (pa == UINT64_MAX)
            break;
        while (chunk) {
            size_t take;
            struct rr_vblk_seg *last = n ? &segs[n - 1] : NULL;
            if (last && last->pa + last->len == pa && last->len < lim->size_max) {
                take = lim->size_max - last->len;
                if (take > chunk)
                    take = chunk;
                last->len += (uint32_t)take;
            } else {
                if (n == lim->max_segs) {
                    full = true;
                    break;
                }
                take = chunk < lim->size_max ? chunk : lim->size_max;
                segs[n++] = (struct rr_vblk_seg){ pa, (uint32_t)take };
            }
            pa += take;
            covered += take;
            chunk -= take;
        }
    }
    size_t total = covered - covered % SECTOR;
    /* Give back the tail that does not complete a sector. */
    size_t excess = covered - total;
    while (excess && n) {
        struct rr_vblk_seg *last = &segs[n - 1];
        if (last->len > excess) {
            last->len -= (uint32_t)excess;
            excess = 0;
        } else {
            excess -= last->len;
            n--;
        }
    }
    *nsegs = n;
    return total;
}

void rr_vblk_serial(const uint8_t id[RR_VBLK_ID_BYTES], char *out, size_t outlen)
{
    size_t n = 0;
    for (size_t i = 0; i < RR_VBLK_ID_BYTES && id[i] && n + 1 < outlen; i++)
        out[n++] = id[i] >= 0x20 && id[i] < 0x7f ? (char)id[i] : '?';
    if (outlen)
        out[n] = 0;
}
