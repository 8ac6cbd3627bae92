/*
 * The shared info page. A PVH guest has none until it asks: XENMEM_add_to_physmap
 * puts Xen's page at a guest frame of its choosing. A page of the image's .bss
 * is used, so the frame is already mapped (RW, NX) and never handed out by the
 * page allocator; the RAM that was there is given back to Xen by the remap.
 */
#include <rr/kern.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/shared_info.h>

static uint8_t shared_page[4096] __attribute__((aligned(4096)));

volatile struct rr_xen_shared_info *rr_xen_shared;

void rr_xen_shared_info_map(void)
{
    struct rr_xen_add_to_physmap map = {
        .domid = RR_XEN_DOMID_SELF,
        .space = RR_XEN_MAPSPACE_SHARED_INFO,
        .idx = 0,
        .gpfn = (uintptr_t)shared_page >> 12,
    };
    long r = rr_xen_hypercall2(RR_XEN_HC_MEMORY_OP, RR_XEN_MEM_ADD_TO_PHYSMAP, (uintptr_t)&map);
    if (r < 0)
        rr_panic("Xen refused to map the shared info page (error %ld)", -r);
    rr_xen_shared = (volatile struct rr_xen_shared_info *)shared_page;
}
