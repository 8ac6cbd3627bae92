/*
 * The grant table (public grant_table.h, version 1 entries). A PVH guest sees
 * its table only after XENMEM_add_to_physmap puts the table's frame at a guest
 * frame it chooses: a page of the platform's .bss, so the frame is mapped
 * already and never handed out by the page allocator. Grants here are made
 * once, at setup, and never revoked: the pages belong to their driver for good.
 */
#include <rr/kern.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/shared_info.h>
#include <rr/xen/grant_table.h>

#define MAPSPACE_GRANT_TABLE 1
#define GTF_PERMIT_ACCESS (1u << 0)
#define GTF_READONLY      (1u << 2)
/* The toolstack keeps the first references for the console and xenstore rings. */
#define FIRST_FREE_REF    8

struct grant_entry_v1 {
    volatile uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1 layout");

#define ENTRIES (4096 / sizeof(struct grant_entry_v1))

static struct grant_entry_v1 table[ENTRIES] __attribute__((aligned(4096)));
static uint32_t next_ref = FIRST_FREE_REF;
static bool mapped;

int rr_gnttab_init(void)
{
    if (mapped)
        return 0;
    struct rr_xen_add_to_physmap map = {
        .domid = RR_XEN_DOMID_SELF,
        .space = MAPSPACE_GRANT_TABLE,
        .idx = 0,
        .gpfn = (uintptr_t)table >> 12,
    };
    long r = rr_xen_hypercall2(RR_XEN_HC_MEMORY_OP, RR_XEN_MEM_ADD_TO_PHYSMAP, (uintptr_t)&map);
    if (r < 0) {
        rr_printk("xen: the grant table could not be mapped (error %ld)", -r);
        return -EIO;
    }
    mapped = true;
    return 0;
}

long rr_gnttab_grant(uint16_t domid, uint64_t frame, bool readonly)
{
    if (!mapped || next_ref >= ENTRIES || frame > UINT32_MAX)
        return -ENOSPC;
    uint32_t ref = next_ref++;
    table[ref].domid = domid;
    table[ref].frame = (uint32_t)frame;
    /* Xen may look at the entry as soon as flags say it is valid. */
    __asm__ volatile("" : : : "memory");
    table[ref].flags = (uint16_t)(GTF_PERMIT_ACCESS | (readonly ? GTF_READONLY : 0));
    return ref;
}
