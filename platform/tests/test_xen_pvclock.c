/* The PV clock's arithmetic (platform/xen/logic/pvclock_math.c). */
#include "../xen/logic/pvclock_math.c"
#include "test.h"

TEST(xen_pvclock_scale_with_positive_negative_and_zero_shift)
{
    /* mul = 2^31 is half a ns per tick */
    CHECK_EQ(rr_pvclock_scale(1000, 0x80000000u, 0), 500);
    CHECK_EQ(rr_pvclock_scale(1000, 0x80000000u, 1), 1000);
    CHECK_EQ(rr_pvclock_scale(1000, 0x80000000u, -1), 250);
    /* a 3 GHz TSC as Xen describes it: shift -1, mul = 2^32 * 2 / 3 */
    CHECK_EQ(rr_pvclock_scale(3000000000ULL, 0xAAAAAAABu, -1), 1000000000);
}

TEST(xen_pvclock_scale_keeps_128_bits_for_long_deltas)
{
    /* ten days of a 4 GHz TSC: delta * mul overflows 64 bits */
    uint64_t delta = 4000000000ULL * 864000ULL;
    uint64_t ns = rr_pvclock_scale(delta, 0x40000000u, 0);    /* 0.25 ns per tick */
    CHECK_EQ(ns, 864000ULL * 1000000000ULL);
}

TEST(xen_pvclock_time_at_a_tsc_reading)
{
    struct rr_xen_vcpu_time t = { .version = 2, .tsc_timestamp = 1000000, .system_time = 5000000000ULL,
                                  .tsc_to_system_mul = 0x80000000u, .tsc_shift = 0 };
    CHECK_EQ(rr_pvclock_ns_at(&t, 1000000), 5000000000ULL);
    CHECK_EQ(rr_pvclock_ns_at(&t, 3000000), 5001000000ULL);
    /* a reading before Xen's stamp does not run time backwards */
    CHECK_EQ(rr_pvclock_ns_at(&t, 999), 5000000000ULL);
}

TEST(xen_pvclock_tsc_frequency_from_the_scale)
{
    CHECK_EQ(rr_pvclock_tsc_hz(0x80000000u, 0), 2000000000ULL);
    CHECK_EQ(rr_pvclock_tsc_hz(0x80000000u, 1), 1000000000ULL);
    /* 3 GHz: within a few hertz (a part in 10^9) after the fixed-point round trip */
    uint64_t hz = rr_pvclock_tsc_hz(0xAAAAAAABu, -1);
    CHECK(hz >= 2999999996ULL && hz <= 3000000004ULL);
    CHECK_EQ(rr_pvclock_tsc_hz(0, 0), 0);
}

TEST(xen_pvclock_snapshot_copies_a_settled_record)
{
    struct rr_xen_vcpu_time live = { .version = 8, .tsc_timestamp = 7, .system_time = 9,
                                     .tsc_to_system_mul = 11, .tsc_shift = -2, .flags = 1 };
    struct rr_xen_vcpu_time copy;
    memset(&copy, 0, sizeof(copy));
    rr_pvclock_snapshot(&live, &copy);
    CHECK_EQ(copy.version, 8);
    CHECK_EQ(copy.tsc_timestamp, 7);
    CHECK_EQ(copy.system_time, 9);
    CHECK_EQ(copy.tsc_to_system_mul, 11);
    CHECK_EQ(copy.tsc_shift, -2);
    CHECK_EQ(copy.flags, 1);
}
