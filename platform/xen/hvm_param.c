/*
 * HVM parameters: the toolstack tells a PVH guest where its console and
 * xenstore rings are through these, and the guest tells Xen how it wants
 * event notifications delivered.
 */
#include <rr/kern.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/hvm.h>

long rr_xen_hvm_get(uint32_t index, uint64_t *value)
{
    struct rr_xen_hvm_param p = { .domid = RR_XEN_DOMID_SELF, .index = index };
    long r = rr_xen_hypercall2(RR_XEN_HC_HVM_OP, RR_XEN_HVMOP_GET_PARAM, (uintptr_t)&p);
    if (r == 0)
        *value = p.value;
    return r;
}

long rr_xen_hvm_set(uint32_t index, uint64_t value)
{
    struct rr_xen_hvm_param p = { .domid = RR_XEN_DOMID_SELF, .index = index, .value = value };
    return rr_xen_hypercall2(RR_XEN_HC_HVM_OP, RR_XEN_HVMOP_SET_PARAM, (uintptr_t)&p);
}
