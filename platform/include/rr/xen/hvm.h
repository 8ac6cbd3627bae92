/*
 * rr/xen/hvm.h — HVM parameters (public hvm/params.h, hvm/hvm_op.h): where
 * Xen put the console and xenstore rings, and how events reach the guest.
 */
#pragma once

#include <stdint.h>

#define RR_XEN_HVMOP_SET_PARAM 0
#define RR_XEN_HVMOP_GET_PARAM 1

#define RR_XEN_HVM_PARAM_CALLBACK_IRQ    0
#define RR_XEN_HVM_PARAM_STORE_PFN       1
#define RR_XEN_HVM_PARAM_STORE_EVTCHN    2
#define RR_XEN_HVM_PARAM_CONSOLE_PFN     17
#define RR_XEN_HVM_PARAM_CONSOLE_EVTCHN  18

/* HVM_PARAM_CALLBACK_IRQ value: delivery type in bits 63:56, vector in 7:0. */
#define RR_XEN_CALLBACK_VECTOR(v) ((2ULL << 56) | (uint8_t)(v))

struct rr_xen_hvm_param {
    uint16_t domid;
    uint32_t index;
    uint64_t value;
};

/* 0 and *value, or Xen's negative error. */
long rr_xen_hvm_get(uint32_t index, uint64_t *value);
long rr_xen_hvm_set(uint32_t index, uint64_t value);
