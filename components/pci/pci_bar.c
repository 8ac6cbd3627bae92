/*
 * Turning a device on and reaching its memory BARs: each BAR's pages are
 * identity mapped uncached (device registers must not be cached or
 * combined), once, on first request.
 */
#include <rr/kern.h>
#include <rr/paging.h>
#include "pci_internal.h"

#define MMIO_FLAGS (RR_PTE_W | RR_PTE_NX | RR_PTE_PCD | RR_PTE_PWT)
#define IDENTITY_END (512ULL << 30)

void rr_pci_enable(struct rr_pci_device *d)
{
    uint16_t cmd = rr_pci_read16(d, RR_PCI_COMMAND);
    cmd |= RR_PCI_CMD_MEMORY | RR_PCI_CMD_IO | RR_PCI_CMD_MASTER;
    cmd &= (uint16_t)~RR_PCI_CMD_INTX_OFF;
    rr_pci_write16(d, RR_PCI_COMMAND, cmd);
}

void *rr_pci_map_bar(struct rr_pci_device *d, int bar)
{
    if (bar < 0 || bar >= RR_PCI_MAX_BARS)
        return NULL;
    const struct rr_pci_bar *b = &d->bars[bar];
    if (b->io || !b->base || !b->size)
        return NULL;
    if (d->mapped[bar])
        return d->mapped[bar];
    if (b->base + b->size > IDENTITY_END || b->base + b->size < b->base) {
        rr_printk("%s: BAR %d at 0x%lx is beyond the identity map", d->where, bar, (unsigned long)b->base);
        return NULL;
    }
    uintptr_t start = (uintptr_t)b->base & ~(RR_PAGE_SIZE - 1);
    uintptr_t end = RR_ALIGN_UP((uintptr_t)(b->base + b->size), RR_PAGE_SIZE);
    for (uintptr_t pa = start; pa < end; pa += RR_PAGE_SIZE) {
        /* Already mapped means the platform's own uncached device window (the APICs' 2 MiB). */
        if (!rr_is_mapped(pa) && rr_map_page(pa, pa, MMIO_FLAGS) < 0)
            return NULL;
    }
    d->mapped[bar] = (void *)(uintptr_t)b->base;
    return d->mapped[bar];
}

uint8_t rr_pci_find_cap(const struct rr_pci_device *d, uint8_t id, uint8_t start)
{
    if (!(rr_pci_read16(d, RR_PCI_STATUS) & RR_PCI_STATUS_CAPS))
        return 0;
    uint8_t off = start ? rr_pci_read8(d, (uint16_t)(start + 1)) : rr_pci_read8(d, RR_PCI_CAP_PTR);
    /* 48 capabilities fill the 192 bytes after the header: more means a loop. */
    for (int n = 0; off >= 0x40 && n < 48; n++) {
        off &= 0xfc;
        if (rr_pci_read8(d, off) == id)
            return off;
        off = rr_pci_read8(d, (uint16_t)(off + 1));
    }
    return 0;
}
