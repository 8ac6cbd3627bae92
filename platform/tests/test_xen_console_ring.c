/* The PV console's ring copies (platform/xen/logic/console_ring.c), at every wrap. */
#include "../xen/logic/console_ring.c"
#include "test.h"

TEST(xen_ring_space_counts_across_the_index_wrap)
{
    CHECK_EQ(rr_ring_space(0, 0, 2048), 2048);
    CHECK_EQ(rr_ring_space(10, 2058, 2048), 0);
    CHECK_EQ(rr_ring_space(0xFFFFFFF0u, 0x00000010u, 2048), 2048 - 0x20);
}

TEST(xen_ring_put_then_get_round_trips_at_every_start_position)
{
    char ring[16], out[16];
    static const char text[] = "abcdefghijk";
    for (uint32_t start = 0; start < 40; start++) {
        /* start near the 2^32 wrap as well as near 0 */
        uint32_t base = start < 20 ? start : 0xFFFFFFFFu - (start - 20);
        uint32_t prod = base, cons = base;
        memset(ring, '.', sizeof(ring));
        CHECK_EQ(rr_ring_put(ring, 16, cons, &prod, text, 11), 11);
        CHECK_EQ(prod - base, 11);
        CHECK_EQ(rr_ring_get(ring, 16, &cons, prod, out, sizeof(out)), 11);
        CHECK_EQ(cons, prod);
        CHECK_MEM(out, text, 11);
    }
}

TEST(xen_ring_put_stops_when_full_and_resumes_after_a_get)
{
    char ring[8], out[8];
    uint32_t prod = 0xFFFFFFFCu, cons = 0xFFFFFFFCu;
    CHECK_EQ(rr_ring_put(ring, 8, cons, &prod, "0123456789", 10), 8);
    CHECK_EQ(rr_ring_space(cons, prod, 8), 0);
    CHECK_EQ(rr_ring_put(ring, 8, cons, &prod, "x", 1), 0);
    CHECK_EQ(rr_ring_get(ring, 8, &cons, prod, out, 3), 3);
    CHECK_MEM(out, "012", 3);
    CHECK_EQ(rr_ring_put(ring, 8, cons, &prod, "89", 2), 2);
    CHECK_EQ(rr_ring_get(ring, 8, &cons, prod, out, 8), 7);
    CHECK_MEM(out, "3456789", 7);
    CHECK_EQ(prod, 6u);
}

TEST(xen_ring_get_refuses_a_producer_beyond_the_ring)
{
    char ring[8] = "abcdefgh", out[8];
    uint32_t cons = 5;
    CHECK_EQ(rr_ring_get(ring, 8, &cons, 5 + 9, out, 8), 0);
    CHECK_EQ(cons, 5);
    CHECK_EQ(rr_ring_get(ring, 8, &cons, 5, out, 8), 0);
}
