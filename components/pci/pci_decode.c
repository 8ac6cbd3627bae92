/*
 * Pure arithmetic on PCI registers, kept apart from hardware access so host
 * tests can check it: BAR sizing (PCI Local Bus 3.0 §6.2.5.1) and the two
 * configuration address formats.
 */
#include <rr/pci.h>

#define BAR_IO          0x1u
#define BAR_MEM_TYPE    0x6u
#define BAR_MEM_64      0x4u
#define BAR_PREFETCH    0x8u

int rr_pci_decode_bar(uint32_t orig, uint32_t probe, uint32_t orig_hi, uint32_t probe_hi, struct rr_pci_bar *out)
{
    *out = (struct rr_pci_bar){ 0 };
    if (orig & BAR_IO) {
        /* Only the low 16 bits address ports on x86; the upper half of the
         * probe may read as zero on devices that decode fewer bits. */
        uint32_t mask = probe & ~0x3u & 0xffffu;
        out->io = true;
        if (mask) {
            out->base = orig & ~0x3u & 0xffffu;
            out->size = (uint64_t)(~mask & 0xffffu) + 1;
        }
        return 1;
    }
    bool is64 = (orig & BAR_MEM_TYPE) == BAR_MEM_64;
    out->is64 = is64;
    out->prefetchable = (orig & BAR_PREFETCH) != 0;
    uint64_t mask = probe & ~0xfu;
    uint64_t base = orig & ~0xfu;
    if (is64) {
        mask |= (uint64_t)probe_hi << 32;
        base |= (uint64_t)orig_hi << 32;
    }
    if (mask) {
        out->base = base;
        out->size = is64 ? ~mask + 1 : (uint64_t)(uint32_t)(~(uint32_t)mask + 1);
    }
    return is64 ? 2 : 1;
}

uint64_t rr_pci_ecam_offset(uint8_t start_bus, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
    return ((uint64_t)(uint8_t)(bus - start_bus) << 20) | ((uint64_t)(dev & 0x1f) << 15) |
           ((uint64_t)(fn & 7) << 12) | (off & 0xfff);
}

uint32_t rr_pci_cf8_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off)
{
    return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)(dev & 0x1f) << 11 | (uint32_t)(fn & 7) << 8 | (off & 0xfcu);
}
