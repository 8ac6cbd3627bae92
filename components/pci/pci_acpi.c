/*
 * Finding ECAM through ACPI (ACPI 6.x §5.2.5 RSDP, §5.2.7/5.2.8 RSDT/XSDT;
 * PCI Firmware 3.2 §4.1.2 MCFG). Firmware tables sit in reserved memory the
 * identity map leaves out, so each read goes through a temporary read-only
 * mapping of the pages it touches, removed again afterwards.
 */
#include <rr/kern.h>
#include <rr/paging.h>
#include "pci_internal.h"

#define BIOS_START 0xE0000UL
#define BIOS_END   0x100000UL
#define HEADER_LEN 36
#define MAX_TABLES 64

/* Copies n bytes of physical memory at pa into buf; false when a page could not be mapped. */
static bool copy_phys(uint64_t pa, void *buf, size_t n)
{
    uint8_t *out = buf;
    while (n) {
        uintptr_t page = (uintptr_t)pa & ~(RR_PAGE_SIZE - 1);
        size_t off = (size_t)(pa - page), chunk = RR_PAGE_SIZE - off;
        if (chunk > n)
            chunk = n;
        bool had = rr_is_mapped(page);
        if (!had && rr_map_page(page, page, RR_PTE_NX) < 0)
            return false;
        rr_memcpy(out, (const void *)(page + off), chunk);
        if (!had)
            rr_unmap_range(page, page + RR_PAGE_SIZE, false);
        out += chunk;
        pa += chunk;
        n -= chunk;
    }
    return true;
}

static bool checksum_ok(const uint8_t *p, size_t n)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (uint8_t)(sum + p[i]);
    return sum == 0;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static bool find_rsdp(uint8_t rsdp[36])
{
    static uint8_t page[RR_PAGE_SIZE];
    for (uint64_t pa = BIOS_START; pa < BIOS_END; pa += RR_PAGE_SIZE) {
        if (!copy_phys(pa, page, sizeof(page)))
            return false;
        /* The RSDP lies on a 16-byte boundary; the 36 bytes of a version 2 one
         * may run past this page, so they are copied again from memory. */
        for (size_t off = 0; off < sizeof(page); off += 16) {
            if (rr_memcmp(page + off, "RSD PTR ", 8) != 0)
                continue;
            if (copy_phys(pa + off, rsdp, 36) && checksum_ok(rsdp, 20))
                return true;
        }
    }
    return false;
}

bool rr_pci_acpi_find_ecam(uint64_t *base, uint8_t *start_bus, uint8_t *end_bus)
{
    uint8_t rsdp[36];
    if (!find_rsdp(rsdp))
        return false;
    bool xsdt = rsdp[15] >= 2 && le64(rsdp + 24) != 0;
    uint64_t root = xsdt ? le64(rsdp + 24) : le32(rsdp + 16);
    size_t entry = xsdt ? 8 : 4;

    uint8_t hdr[HEADER_LEN];
    if (!copy_phys(root, hdr, sizeof(hdr)))
        return false;
    uint32_t len = le32(hdr + 4);
    if (len < HEADER_LEN)
        return false;
    size_t count = (len - HEADER_LEN) / entry;
    if (count > MAX_TABLES)
        count = MAX_TABLES;
    for (size_t i = 0; i < count; i++) {
        uint8_t e[8] = { 0 };
        if (!copy_phys(root + HEADER_LEN + i * entry, e, entry))
            return false;
        uint64_t table = entry == 8 ? le64(e) : le32(e);
        uint8_t t[HEADER_LEN + 8 + 16];
        if (!copy_phys(table, t, sizeof(t)) || rr_memcmp(t, "MCFG", 4) != 0)
            continue;
        /* Entries follow 8 reserved bytes; the first one for segment 0 is the one used. */
        uint32_t tlen = le32(t + 4);
        for (uint64_t off = HEADER_LEN + 8; off + 16 <= tlen; off += 16) {
            uint8_t m[16];
            if (!copy_phys(table + off, m, sizeof(m)))
                return false;
            if ((m[8] | m[9] << 8) != 0 || m[11] < m[10])
                continue;
            *base = le64(m);
            *start_bus = m[10];
            *end_bus = m[11];
            return true;
        }
    }
    return false;
}
