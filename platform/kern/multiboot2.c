/*
 * Entry through a multiboot2 loader (GRUB from an ISO or a disk): its boot
 * information is read into rr_boot before any page is handed out, since it
 * lies in what is otherwise free RAM. The guest configuration (the rr-config
 * module, or the command line tag) stays where the loader put it; mm/page.c
 * keeps its pages reserved until the configuration has been parsed.
 */
#include <rr/kern.h>
#include <rr/boot.h>
#include <rr/multiboot2.h>

/* boot32.S identity-maps only the first GiB before rr_paging_init. */
#define BOOT_MAPPED (1UL << 30)

void rr_multiboot2_read(uint32_t info_pa)
{
    if (!info_pa || info_pa >= BOOT_MAPPED - 16)
        rr_panic("the multiboot2 boot information at %#x lies outside the first GiB", info_pa);
    uint32_t total;
    rr_memcpy(&total, (const void *)(uintptr_t)info_pa, sizeof(total));
    if ((uint64_t)info_pa + total > BOOT_MAPPED)
        rr_panic("the multiboot2 boot information at %#x (%u bytes) crosses the first GiB", info_pa, total);
    char err[160];
    if (rr_multiboot2_parse((const void *)(uintptr_t)info_pa, &rr_boot, err, sizeof(err)) < 0)
        rr_panic("multiboot2 boot information: %s", err);
}
