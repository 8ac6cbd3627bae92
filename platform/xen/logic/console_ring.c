/*
 * Copying into and out of the PV console's rings. Indices run freely and wrap
 * at 2^32; only their difference and their value masked by the ring size
 * matter, so a copy may straddle the ring's end and the index's wrap at once.
 * Kept free of kernel headers so the host tests compile it as it is.
 */
#include <rr/xen/console_ring.h>

size_t rr_ring_put(char *ring, uint32_t size, uint32_t cons, uint32_t *prod, const char *src, size_t n)
{
    uint32_t p = *prod;
    size_t done = 0;
    while (done < n && rr_ring_space(cons, p, size) > 0) {
        ring[p & (size - 1)] = src[done++];
        p++;
    }
    *prod = p;
    return done;
}

size_t rr_ring_get(const char *ring, uint32_t size, uint32_t *cons, uint32_t prod, char *dst, size_t n)
{
    uint32_t c = *cons;
    size_t done = 0;
    /* A producer claiming more than the ring holds is broken: take nothing rather than stale bytes. */
    if (prod - c > size)
        return 0;
    while (done < n && c != prod) {
        dst[done++] = ring[c & (size - 1)];
        c++;
    }
    *cons = c;
    return done;
}
