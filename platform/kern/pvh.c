/*
 * Reads the PVH hvm_start_info (version 1: with the memory map) before any
 * page is handed out, since the loader left it in what is otherwise free RAM.
 * The command line stays where it is; mm/page.c keeps its pages reserved
 * until the configuration has been parsed.
 */
#include <rr/kern.h>
#include <rr/boot.h>

struct hvm_start_info {
    uint32_t magic, version, flags, nr_modules;
    uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries, reserved;
};

struct hvm_memmap_entry {
    uint64_t addr, size;
    uint32_t type, reserved;
};

#define HVM_MEMMAP_RAM 1

struct rr_boot_info rr_boot;

static void insert_sorted(uint64_t start, uint64_t end)
{
    if (rr_boot.nram == RR_BOOT_MAX_RAM) {
        rr_printk("memory map: more than %d RAM ranges, ignoring %#lx-%#lx", RR_BOOT_MAX_RAM,
                  (unsigned long)start, (unsigned long)end);
        return;
    }
    int i = rr_boot.nram++;
    while (i > 0 && rr_boot.ram[i - 1].start > start) {
        rr_boot.ram[i] = rr_boot.ram[i - 1];
        i--;
    }
    rr_boot.ram[i] = (struct rr_ram_range){ start, end };
}

void rr_pvh_read(uint32_t start_info_pa)
{
    const struct hvm_start_info *si = (const void *)(uintptr_t)start_info_pa;
    if (si->version < 1 || !si->memmap_paddr || !si->memmap_entries)
        rr_panic("the PVH start info has no memory map (version %u)", si->version);
    const struct hvm_memmap_entry *e = (const void *)(uintptr_t)si->memmap_paddr;
    for (uint32_t i = 0; i < si->memmap_entries; i++) {
        if (e[i].type != HVM_MEMMAP_RAM)
            continue;
        uint64_t start = RR_ALIGN_UP(e[i].addr, RR_PAGE_SIZE);
        uint64_t end = (e[i].addr + e[i].size) & ~(RR_PAGE_SIZE - 1);
        if (end > start)
            insert_sorted(start, end);
    }
    if (!rr_boot.nram)
        rr_panic("the memory map has no RAM");
    if (si->cmdline_paddr) {
        rr_boot.cmdline_pa = si->cmdline_paddr;
        rr_boot.cmdline_len = rr_strlen((const char *)(uintptr_t)si->cmdline_paddr);
    }
}
