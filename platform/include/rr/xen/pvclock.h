/*
 * rr/xen/pvclock.h — Xen's per-vCPU time record (public xen.h vcpu_time_info)
 * and the arithmetic that turns a TSC reading into Xen system time
 * (xen/logic/pvclock_math.c, pure so the host tests can check it).
 */
#pragma once

#include <stdint.h>

struct rr_xen_vcpu_time {
    uint32_t version;              /* odd while Xen updates the record */
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;          /* ns since the domain started, at tsc_timestamp */
    uint32_t tsc_to_system_mul;    /* 32.32 fixed point ns per (shifted) tick */
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};

_Static_assert(sizeof(struct rr_xen_vcpu_time) == 32, "vcpu_time_info is 32 bytes");

/* ns = ((delta << shift or >> -shift) * mul) >> 32, exact in 128 bits. */
uint64_t rr_pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift);
/* Xen system time at TSC value tsc, from one consistent copy of the record. */
uint64_t rr_pvclock_ns_at(const struct rr_xen_vcpu_time *t, uint64_t tsc);
/* TSC ticks per second the record describes: (10^9 << 32) / mul, then the shift undone. */
uint64_t rr_pvclock_tsc_hz(uint32_t mul, int8_t shift);
/* A consistent copy of *live: retried while Xen is updating it (odd or changed version). */
void rr_pvclock_snapshot(const volatile struct rr_xen_vcpu_time *live, struct rr_xen_vcpu_time *out);
