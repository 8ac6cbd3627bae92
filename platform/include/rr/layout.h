/*
 * rr/layout.h — the virtual address map.
 *
 * PML4 slot 0 (0 .. 512 GiB): physical memory, identity mapped (page 0 is not
 * mapped, so NULL faults). Slot 1: the program's own regions (brk, mmap, main
 * stack), nothing backed until touched. Slot 2: the platform's virtually
 * contiguous allocations (large kmalloc blocks, kernel stacks with guards).
 * Keeping each group inside one slot keeps page-table overhead to a few pages,
 * which matters when the whole machine has 2 MiB of RAM.
 */
#pragma once

#define RR_IMAGE_BASE        0x100000UL

#define RR_PROG_BASE         0x0000008000000000UL   /* start of slot 1 */
#define RR_PROG_BRK_BASE     RR_PROG_BASE
#define RR_PROG_BRK_MAX      (64UL << 30)
#define RR_PROG_MMAP_BASE    0x0000009000000000UL
#define RR_PROG_MMAP_END     0x000000ff00000000UL
#define RR_PROG_STACK_SIZE   (8UL << 20)            /* like Linux's default RLIMIT_STACK */
#define RR_PROG_STACK_TOP    0x000000fffffff000UL   /* exclusive; one page below keeps the top mapped-free */
#define RR_PROG_STACK_LOW    (RR_PROG_STACK_TOP - RR_PROG_STACK_SIZE)
#define RR_PROG_END          0x0000010000000000UL   /* end of slot 1 */

#define RR_KVA_BASE          0x0000010000000000UL   /* slot 2 */
#define RR_KVA_END           0x0000018000000000UL
