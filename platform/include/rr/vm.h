/*
 * rr/vm.h — the program's address space (mm/vm.c, mm/vm_fault.c), used by
 * syscall/mm.c and by the page-fault path. All addresses are in slot 1
 * (rr/layout.h); nothing is backed until touched.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* Linux protection and mapping flags (the program's ABI). */
#define RR_PROT_READ   1
#define RR_PROT_WRITE  2
#define RR_PROT_EXEC   4
#define RR_MAP_SHARED          0x01
#define RR_MAP_PRIVATE         0x02
#define RR_MAP_FIXED           0x10
#define RR_MAP_ANONYMOUS       0x20
#define RR_MAP_FIXED_NOREPLACE 0x100000
#define RR_MREMAP_MAYMOVE 1
#define RR_MREMAP_FIXED   2
#define RR_MADV_DONTNEED  4
#define RR_MADV_FREE      8

enum rr_vma_kind { RR_VMA_ANON, RR_VMA_BRK, RR_VMA_STACK, RR_VMA_GUARD, RR_VMA_FILE };

struct rr_vnode;

struct rr_vma {
    uintptr_t start, end;         /* page aligned, end exclusive */
    int prot;
    enum rr_vma_kind kind;
    struct rr_vma *next;          /* sorted by start */
    struct rr_vnode *vn;          /* MAP_SHARED file: referenced, its pages mapped directly */
    uint64_t pgoff;               /* the file page at start */
};

void rr_vm_init(void);            /* the main stack and its guard page, an empty brk */

/* Each returns what the Linux call returns (negative errno on failure). */
long rr_vm_mmap(uintptr_t addr, size_t len, int prot, int flags);
/* A shared mapping of a file whose vnode has a map_page operation (pgoff in pages). */
long rr_vm_mmap_shared(uintptr_t addr, size_t len, int prot, int flags, struct rr_vnode *vn, uint64_t pgoff);
long rr_vm_munmap(uintptr_t addr, size_t len);
long rr_vm_mprotect(uintptr_t addr, size_t len, int prot);
long rr_vm_dontneed(uintptr_t addr, size_t len);
long rr_vm_mremap(uintptr_t old, size_t oldlen, size_t newlen, int flags, uintptr_t newaddr);
long rr_vm_brk(uintptr_t newbrk);

/* Demand paging. Returns true when the access is now possible; otherwise
 * fills why (static text) and leaves the fault to be reported. */
bool rr_vm_fault(uintptr_t addr, uint64_t error, const char **why, bool *stack_overflow);

struct rr_vma *rr_vm_find(uintptr_t addr);   /* the region holding addr, or NULL */
const struct rr_vma *rr_vm_regions(void);    /* the first region (sorted list), for /proc/self/maps */
uintptr_t rr_vm_stack_top(void);
uint64_t rr_vm_pte_flags(int prot);          /* leaf flags for a protection */
