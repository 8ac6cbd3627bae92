/*
 * Frames Xen names by number (the console and xenstore rings) lie outside
 * the RAM the memory map lists, usually just below 4 GiB, so the identity map
 * may not cover them. They are mapped identity, writable, never executable.
 */
#include <rr/kern.h>
#include <rr/paging.h>
#include <rr/xen/xen.h>

void *rr_xen_map_frame(uint64_t pfn)
{
    uintptr_t pa = (uintptr_t)(pfn << 12);
    if (!pfn)
        return NULL;
    if (!rr_is_mapped(pa) && rr_map_page(pa, pa, RR_PTE_W | RR_PTE_NX) < 0)
        rr_panic("xen: cannot map frame %#lx", (unsigned long)pfn);
    return (void *)pa;
}
