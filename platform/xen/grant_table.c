/*
 * The grant table (public grant_table.h, version 1 entries). A PVH guest sees
 * its table only after XENMEM_add_to_physmap puts the table's frame at a guest
 * frame it chooses: pages of the platform's .bss, so the frames are mapped
 * already and never handed out by the page allocator. Grants here are made
 * once, at setup, and never revoked: the pages belong to their driver for good.
 */
#include <rr/kern.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/shared_info.h>
#include <rr/xen/grant_table.h>
#include <rr/xen/grant_refs.h>

#define MAPSPACE_GRANT_TABLE 1
#define GTF_PERMIT_ACCESS (1u << 0)
#define GTF_READONLY      (1u << 2)
/* The toolstack keeps the first references for the console and xenstore rings. */
#define FIRST_FREE_REF    8
/*
 * Eight frames hold 4088 grants: a disk takes 89 (ring and 88 data pages), an
 * interface 98, so rr-run xen's 26 disks and several interfaces fit, well
 * within the 32 frames xl allows a domain by default. Frames beyond the first
 * are mapped only when needed, so they cost Xen nothing until then.
 */
#define FRAMES            8

struct grant_entry_v1 {
    volatile uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1 layout");
_Static_assert(4096 / sizeof(struct grant_entry_v1) == RR_GNTTAB_ENTRIES_PER_FRAME, "entries per frame");

static struct grant_entry_v1 table[FRAMES * RR_GNTTAB_ENTRIES_PER_FRAME] __attribute__((aligned(4096)));

static int map_frame(uint32_t idx, void *ctx)
{
    (void)ctx;
    struct rr_xen_add_to_physmap map = {
        .domid = RR_XEN_DOMID_SELF,
        .space = MAPSPACE_GRANT_TABLE,
        .idx = idx,
        .gpfn = ((uintptr_t)table >> 12) + idx,
    };
    long r = rr_xen_hypercall2(RR_XEN_HC_MEMORY_OP, RR_XEN_MEM_ADD_TO_PHYSMAP, (uintptr_t)&map);
    if (r < 0) {
        rr_printk("xen: frame %u of the grant table could not be mapped (error %ld)", (unsigned)idx, -r);
        return -EIO;
    }
    return 0;
}

static struct rr_grant_refs refs = {
    .next = FIRST_FREE_REF,
    .max_frames = FRAMES,
    .map_frame = map_frame,
};

int rr_gnttab_init(void)
{
    if (refs.frames > 0)
        return 0;
    /* The first frame now, so a table Xen will not map stops the drivers before they start. */
    int r = map_frame(0, NULL);
    if (r == 0)
        refs.frames = 1;
    return r;
}

long rr_gnttab_grant(uint16_t domid, uint64_t frame, bool readonly)
{
    if (refs.frames == 0 || frame > UINT32_MAX)
        return -ENOSPC;
    long ref = rr_grant_refs_take(&refs);
    if (ref == -ENOSPC)
        rr_printk("xen: all %u grant references are in use", (unsigned)(FRAMES * RR_GNTTAB_ENTRIES_PER_FRAME - FIRST_FREE_REF));
    if (ref < 0)
        return ref;
    table[ref].domid = domid;
    table[ref].frame = (uint32_t)frame;
    /* Xen may look at the entry as soon as flags say it is valid. */
    __asm__ volatile("" : : : "memory");
    table[ref].flags = (uint16_t)(GTF_PERMIT_ACCESS | (readonly ? GTF_READONLY : 0));
    return ref;
}
