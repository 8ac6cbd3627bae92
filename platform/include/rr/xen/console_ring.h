/*
 * rr/xen/console_ring.h — the PV console page (public io/console.h): one ring
 * in each direction, free-running 32-bit indices that wrap, sizes powers of
 * two. The copying in and out is pure (xen/logic/console_ring.c) so the host
 * tests can check it at every wrap position.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>

#define RR_XENCONS_IN_SIZE  1024u
#define RR_XENCONS_OUT_SIZE 2048u

struct rr_xencons_interface {
    char in[RR_XENCONS_IN_SIZE];
    char out[RR_XENCONS_OUT_SIZE];
    uint32_t in_cons, in_prod;
    uint32_t out_cons, out_prod;
};

_Static_assert(__builtin_offsetof(struct rr_xencons_interface, in_cons) == 3072, "xencons layout");

/* Bytes the producer may still add: size - (prod - cons), correct across the 2^32 wrap. */
static inline uint32_t rr_ring_space(uint32_t cons, uint32_t prod, uint32_t size)
{
    return size - (prod - cons);
}

/* Copies up to n bytes of src into ring (size a power of two) at prod; returns the count. */
size_t rr_ring_put(char *ring, uint32_t size, uint32_t cons, uint32_t *prod, const char *src, size_t n);
/* Copies up to n bytes out of ring from *cons up to prod; returns the count. */
size_t rr_ring_get(const char *ring, uint32_t size, uint32_t *cons, uint32_t prod, char *dst, size_t n);
