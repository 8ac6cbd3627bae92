/*
 * rr/xen/shared_info.h — the page Xen and the guest share (public xen.h): per
 * vCPU event flags and PV clock, the event-channel pending and mask bitmaps,
 * and the wall clock. Only vCPU 0 is used: the platform runs on one CPU.
 */
#pragma once

#include <stdint.h>
#include <rr/xen/pvclock.h>

struct rr_xen_vcpu_info {
    uint8_t upcall_pending;
    uint8_t upcall_mask;
    uint8_t pad[6];
    uint64_t pending_sel;          /* one bit per word of evtchn_pending */
    uint64_t arch_cr2, arch_pad;
    struct rr_xen_vcpu_time time;
};

struct rr_xen_shared_info {
    struct rr_xen_vcpu_info vcpu[32];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
};

_Static_assert(sizeof(struct rr_xen_vcpu_info) == 64, "vcpu_info is 64 bytes");
_Static_assert(__builtin_offsetof(struct rr_xen_shared_info, evtchn_pending) == 2048, "shared_info layout");
_Static_assert(__builtin_offsetof(struct rr_xen_shared_info, wc_version) == 3072, "shared_info layout");

#define RR_XEN_MEM_ADD_TO_PHYSMAP   7
#define RR_XEN_MAPSPACE_SHARED_INFO 0

struct rr_xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

/* NULL until xen/shared_info.c has mapped it. */
extern volatile struct rr_xen_shared_info *rr_xen_shared;
void rr_xen_shared_info_map(void);
