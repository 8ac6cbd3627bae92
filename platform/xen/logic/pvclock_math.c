/*
 * The PV clock's arithmetic: Xen publishes a TSC reading, the system time at
 * that reading and a scale (a shift, then a 32.32 multiplier), refreshed from
 * time to time. Kept free of kernel headers so the host tests compile it.
 */
#include <rr/xen/pvclock.h>

uint64_t rr_pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t rr_pvclock_ns_at(const struct rr_xen_vcpu_time *t, uint64_t tsc)
{
    /* A TSC read before Xen's own stamp (another CPU's skew) counts as no time passed. */
    uint64_t delta = tsc > t->tsc_timestamp ? tsc - t->tsc_timestamp : 0;
    return t->system_time + rr_pvclock_scale(delta, t->tsc_to_system_mul, t->tsc_shift);
}

uint64_t rr_pvclock_tsc_hz(uint32_t mul, int8_t shift)
{
    if (!mul)
        return 0;
    /* 10^9 << 32 still fits in 64 bits: no 128-bit division (that would need libgcc) */
    uint64_t hz = (1000000000ULL << 32) / mul;
    return shift < 0 ? hz << -shift : hz >> shift;
}

void rr_pvclock_snapshot(const volatile struct rr_xen_vcpu_time *live, struct rr_xen_vcpu_time *out)
{
    uint32_t v;
    do {
        v = live->version;
        __asm__ volatile("" : : : "memory");
        out->version = v;
        out->tsc_timestamp = live->tsc_timestamp;
        out->system_time = live->system_time;
        out->tsc_to_system_mul = live->tsc_to_system_mul;
        out->tsc_shift = live->tsc_shift;
        out->flags = live->flags;
        __asm__ volatile("" : : : "memory");
    } while ((v & 1) || v != live->version);
}
