/*
 * Configuration space access. ECAM (memory mapped, 4 KiB per function) is
 * used where ACPI's MCFG describes it, so extended capabilities are
 * reachable; otherwise configuration mechanism #1 through ports 0xCF8/0xCFC,
 * which every PC-compatible machine has. ECAM windows are mapped a page per
 * function on first touch: the whole window of 256 buses would cost 128
 * page-table pages for the few functions a machine really has.
 */
#include <rr/kern.h>
#include <rr/paging.h>
#include "pci_internal.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA    0xcfc
#define MMIO_FLAGS (RR_PTE_W | RR_PTE_NX | RR_PTE_PCD | RR_PTE_PWT)
/* Slot 0 of the page tables is the identity map; ECAM above it cannot be reached that way. */
#define IDENTITY_END (512ULL << 30)

static bool ecam;
static uint64_t ecam_base;
static uint8_t ecam_start, ecam_end;
static char method[32];

void rr_pci_config_init(void)
{
    uint64_t base;
    uint8_t start, end;
    if (rr_pci_acpi_find_ecam(&base, &start, &end) && base && base + ((uint64_t)(end - start + 1) << 20) <= IDENTITY_END) {
        ecam = true;
        ecam_base = base;
        ecam_start = start;
        ecam_end = end;
        rr_snprintf(method, sizeof(method), "ecam@0x%lx", (unsigned long)base);
    } else {
        rr_snprintf(method, sizeof(method), "ports 0x%x", CONFIG_ADDRESS);
    }
}

const char *rr_pci_access_method(void)
{
    return method;
}

/* The function's ECAM page, mapped; NULL outside the window or without memory for tables. */
static volatile uint8_t *ecam_page(uint8_t bus, uint8_t dev, uint8_t fn)
{
    if (bus < ecam_start || bus > ecam_end)
        return NULL;
    uintptr_t pa = (uintptr_t)(ecam_base + rr_pci_ecam_offset(ecam_start, bus, dev, fn, 0));
    if (!rr_is_mapped(pa) && rr_map_page(pa, pa, MMIO_FLAGS) < 0)
        return NULL;
    return (volatile uint8_t *)pa;
}

uint32_t rr_pci_raw_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
    off &= ~3u;
    if (ecam) {
        volatile uint8_t *p = ecam_page(bus, dev, fn);
        return p ? *(volatile uint32_t *)(p + (off & 0xfff)) : 0xffffffffu;
    }
    if (off >= 256)
        return 0xffffffffu;
    rr_pci_outl(CONFIG_ADDRESS, rr_pci_cf8_address(bus, dev, fn, off));
    return rr_pci_inl(CONFIG_DATA);
}

void rr_pci_raw_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint32_t v)
{
    off &= ~3u;
    if (ecam) {
        volatile uint8_t *p = ecam_page(bus, dev, fn);
        if (p)
            *(volatile uint32_t *)(p + (off & 0xfff)) = v;
        return;
    }
    if (off >= 256)
        return;
    rr_pci_outl(CONFIG_ADDRESS, rr_pci_cf8_address(bus, dev, fn, off));
    rr_pci_outl(CONFIG_DATA, v);
}

/* Narrow accesses are done as read-modify-write of the aligned dword: both
 * mechanisms allow narrow cycles, but one path keeps ECAM and ports alike.
 * No register the platform writes narrowly has write-1-to-clear bits next
 * to it except Status, which is only ever read. */
uint32_t rr_pci_read32(const struct rr_pci_device *d, uint16_t off)
{
    return rr_pci_raw_read32(d->bus, d->dev, d->fn, off);
}

uint16_t rr_pci_read16(const struct rr_pci_device *d, uint16_t off)
{
    return (uint16_t)(rr_pci_read32(d, off) >> (8 * (off & 2)));
}

uint8_t rr_pci_read8(const struct rr_pci_device *d, uint16_t off)
{
    return (uint8_t)(rr_pci_read32(d, off) >> (8 * (off & 3)));
}

void rr_pci_write32(const struct rr_pci_device *d, uint16_t off, uint32_t v)
{
    rr_pci_raw_write32(d->bus, d->dev, d->fn, off, v);
}

void rr_pci_write16(const struct rr_pci_device *d, uint16_t off, uint16_t v)
{
    unsigned shift = 8 * (off & 2);
    uint32_t old = rr_pci_read32(d, off);
    if ((off & ~3u) == RR_PCI_COMMAND)
        old &= 0x0000ffffu;         /* never write back Status bits: they clear when written as 1 */
    rr_pci_write32(d, off, (old & ~(0xffffu << shift)) | (uint32_t)v << shift);
}

void rr_pci_write8(const struct rr_pci_device *d, uint16_t off, uint8_t v)
{
    unsigned shift = 8 * (off & 3);
    uint32_t old = rr_pci_read32(d, off);
    if ((off & ~3u) == RR_PCI_COMMAND)
        old &= 0x0000ffffu;
    rr_pci_write32(d, off, (old & ~(0xffu << shift)) | (uint32_t)v << shift);
}
