/*
 * System Use Sharing Protocol (IEEE P1281) areas: a list of entries, each
 * with a 2-byte signature, a length and a version. A record's area may go on
 * in a Continuation Area (CE: block, offset, length), which lies within one
 * block; the chain is bounded so a CE pointing back at itself cannot loop.
 */
#include "iso9660_fs.h"

#define MAX_CONTINUATIONS 32
#define CE_LENGTH 28

struct continuation {
    bool present;
    uint32_t block, offset, length;
};

/* Walks one area. 1 when fn stopped the walk, 0 at its end, -EIO. */
static int walk_area(struct iso_fs *fs, const uint8_t *area, size_t len, iso_susp_fn fn, void *ctx,
                     struct continuation *ce)
{
    size_t pos = 0;
    while (len - pos >= SUSP_HEADER) {
        const uint8_t *p = area + pos;
        if (p[0] == 0)
            break;   /* zero padding after the last entry */
        size_t elen = p[2];
        if (elen < SUSP_HEADER || elen > len - pos)
            return iso_corrupt(fs, "System Use entry %c%c has length %zu with %zu bytes left",
                               p[0], p[1], elen, len - pos);
        uint16_t sig = SUSP_SIG(p[0], p[1]);
        if (sig == SUSP_SIG('S', 'T'))
            break;
        if (sig == SUSP_SIG('C', 'E')) {
            if (elen < CE_LENGTH)
                return iso_corrupt(fs, "CE entry of %zu bytes (expected %d)", elen, CE_LENGTH);
            ce->present = true;
            ce->block = iso_le32(p + 4);
            ce->offset = iso_le32(p + 12);
            ce->length = iso_le32(p + 20);
        } else if (sig != SUSP_SIG('P', 'D')) {
            int r = fn(ctx, p, elen);
            if (r)
                return r < 0 ? r : 1;
        }
        pos += elen;
    }
    return 0;
}

int iso_susp_walk(struct iso_fs *fs, const uint8_t *area, size_t len, iso_susp_fn fn, void *ctx)
{
    struct continuation ce = { 0 };
    int r = walk_area(fs, area, len, fn, ctx, &ce);
    uint8_t *buf = NULL;
    for (unsigned hops = 0; r == 0 && ce.present; hops++) {
        if (hops == MAX_CONTINUATIONS) {
            r = iso_corrupt(fs, "more than %d chained CE continuation areas", MAX_CONTINUATIONS);
            break;
        }
        if (ce.offset >= ISO_BLOCK || ce.length > ISO_BLOCK - ce.offset) {
            r = iso_corrupt(fs, "CE continuation area (offset %u, length %u) crosses its block %u",
                            ce.offset, ce.length, ce.block);
            break;
        }
        if (!buf && !(buf = rr_malloc(ISO_BLOCK))) {
            r = -ENOMEM;
            break;
        }
        uint32_t block = ce.block, offset = ce.offset, length = ce.length;
        r = iso_read_bytes(fs, (uint64_t)block * ISO_BLOCK + offset, buf, length);
        if (r)
            break;
        ce.present = false;
        r = walk_area(fs, buf, length, fn, ctx, &ce);
    }
    rr_free(buf);
    return r < 0 ? r : 0;
}
