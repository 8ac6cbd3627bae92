/*
 * rr/boot.h — what the boot loader told us (kern/pvh.c reads the PVH
 * hvm_start_info, kern/multiboot2.c a multiboot2 loader's boot information,
 * into this before anything else uses memory).
 */
#pragma once

#include <stdint.h>
#include <stddef.h>

#define RR_BOOT_MAX_RAM 32

struct rr_ram_range { uint64_t start, end; };

struct rr_boot_info {
    struct rr_ram_range ram[RR_BOOT_MAX_RAM];  /* sorted, type-1 (RAM) entries of the memmap */
    int nram;
    uint64_t cmdline_pa;                       /* 0 when absent */
    size_t cmdline_len;
};

extern struct rr_boot_info rr_boot;

/* How rr_start32 was entered (boot32.S passes it to rr_kernel_main). */
#define RR_BOOT_PVH        0   /* ebx = hvm_start_info */
#define RR_BOOT_MULTIBOOT2 1   /* eax = 0x36D76289, ebx = multiboot2 boot information */

void rr_pvh_read(uint32_t start_info_pa);
void rr_multiboot2_read(uint32_t info_pa);

/* Linker-script symbols of the image (image.ld). */
extern char __ehdr_start[], __image_start[], __rodata_end[], __text_start[], __text_end[];
extern char __data_start[], __bss_start[], __bss_end[], __rr_symtab_start[], __rr_symtab_end[];
extern char __image_end[];
