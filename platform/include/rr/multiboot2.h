/*
 * rr/multiboot2.h — reading the boot information a multiboot2 loader (GRUB)
 * leaves at ebx. The parser only reads memory and fills struct rr_boot_info,
 * so the host tests run it on hand-made tag lists.
 */
#pragma once

#include <stddef.h>
#include <rr/boot.h>

/* The module whose bytes are the guest configuration (GRUB: `module2 FILE rr-config`). */
#define RR_MB2_CONFIG_MODULE "rr-config"

/*
 * Fills boot->ram from the memory map (tag 6; the basic memory tag 4 when there
 * is no map) and boot->cmdline_pa/len from the rr-config module, or else from
 * the command line tag. 0 on success; -1 with a sentence in err otherwise.
 */
int rr_multiboot2_parse(const void *info, struct rr_boot_info *boot, char *err, size_t errlen);
