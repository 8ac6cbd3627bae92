/*
 * Time on Xen: Xen system time from the PV clock in the shared info page,
 * and the wall clock Xen keeps there too. There is no PIT or RTC to measure
 * against in a PVH domain, and none is needed: the record states the TSC's
 * scale, and the wall clock is the epoch time of system time zero.
 */
#include <rr/kern.h>
#include <rr/xen/xen.h>
#include <rr/xen/shared_info.h>
#include <rr/xen/pvclock.h>
#include <rr/x86.h>

static uint64_t boot_ns;

static uint64_t system_ns(void)
{
    struct rr_xen_vcpu_time t;
    rr_pvclock_snapshot(&rr_xen_shared->vcpu[0].time, &t);
    return rr_pvclock_ns_at(&t, rr_rdtsc());
}

void rr_xen_clock_setup(void)
{
    boot_ns = system_ns();
}

uint64_t rr_xen_monotonic_ns(void)
{
    return system_ns() - boot_ns;
}

uint64_t rr_xen_tsc_hz(void)
{
    struct rr_xen_vcpu_time t;
    rr_pvclock_snapshot(&rr_xen_shared->vcpu[0].time, &t);
    return rr_pvclock_tsc_hz(t.tsc_to_system_mul, t.tsc_shift);
}

uint64_t rr_xen_realtime_at_boot_ns(void)
{
    volatile struct rr_xen_shared_info *s = rr_xen_shared;
    uint32_t v, sec, sec_hi, nsec;
    do {
        v = s->wc_version;
        __asm__ volatile("" : : : "memory");
        sec = s->wc_sec;
        sec_hi = s->wc_sec_hi;
        nsec = s->wc_nsec;
        __asm__ volatile("" : : : "memory");
    } while ((v & 1) || v != s->wc_version);
    uint64_t wall_at_zero = (((uint64_t)sec_hi << 32) | sec) * 1000000000ULL + nsec;
    return wall_at_zero + boot_ns;
}

uint64_t rr_xen_system_ns_of(uint64_t monotonic_ns)
{
    return monotonic_ns + boot_ns;
}
