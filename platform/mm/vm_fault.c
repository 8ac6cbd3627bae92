/*
 * Demand paging: a fault on a page the program's regions promise gets a
 * zeroed page; anything else is left for the fault report, with a reason.
 * The platform's own accesses to program memory (a read(2) into a fresh
 * buffer) take the same path.
 */
#include <rr/kern.h>
#include <rr/vm.h>
#include <rr/layout.h>
#include <rr/paging.h>
#include <rr/boot.h>
#include <rr/vfs.h>

#define PF_PRESENT 1
#define PF_WRITE   2
#define PF_FETCH   16
#define PTE_KEPT   (1ULL << 9)
#define OVERFLOW_WINDOW (64UL << 10)


static const char *outside_reason(uintptr_t addr, uint64_t error)
{
    if (addr < RR_PAGE_SIZE)
        return "NULL pointer";
    if (addr >= (uintptr_t)__image_start && addr < (uintptr_t)__image_end && (error & PF_PRESENT))
        return (error & PF_FETCH) ? "the image's data is not executable" : "the image's code and constants are read-only";
    if (error & PF_PRESENT)
        return (error & PF_FETCH) ? "not executable" : "read-only memory";
    return "no mapping there";
}

bool rr_vm_fault(uintptr_t addr, uint64_t error, const char **why, bool *stack_overflow)
{
    struct rr_vma *v = rr_vm_find(addr);
    if (!v || v->kind == RR_VMA_GUARD) {
        if (v || (addr < RR_PROG_STACK_LOW && addr >= RR_PROG_STACK_LOW - OVERFLOW_WINDOW)) {
            *stack_overflow = true;
            *why = "below the end of the 8 MiB main stack";
        } else {
            *why = outside_reason(addr, error);
        }
        return false;
    }
    int need = (error & PF_FETCH) ? RR_PROT_EXEC : (error & PF_WRITE) ? RR_PROT_WRITE : RR_PROT_READ;
    if (!(v->prot & need) && !(need == RR_PROT_READ && v->prot)) {
        *why = v->prot == 0 ? "the mapping is PROT_NONE"
             : need == RR_PROT_WRITE ? "the mapping is read-only" : "the mapping is not executable";
        return false;
    }
    uintptr_t page = addr & ~(RR_PAGE_SIZE - 1);
    uint64_t *pte = rr_pte_find(page);
    uint64_t flags = rr_vm_pte_flags(v->prot);
    if (pte && *pte) {
        /* kept contents of a page made accessible again, or a stale TLB entry */
        *pte = (*pte & (RR_PTE_ADDR | RR_PTE_FILE)) | flags;
        __asm__ volatile("invlpg (%0)" : : "r"(page) : "memory");
        return true;
    }
    if (v->vn) {
        /* a shared file mapping shows the file's own page: writes reach the file at once */
        uint64_t idx = v->pgoff + (page - v->start) / RR_PAGE_SIZE;
        void *fp = v->vn->ops->map_page ? v->vn->ops->map_page(v->vn, idx) : NULL;
        if (!fp) {
            *why = "beyond the end of the mapped file";
            return false;
        }
        if (rr_map_page(page, (uintptr_t)fp, flags | RR_PTE_FILE) < 0) {
            *why = "out of memory: no page table for the file page";
            return false;
        }
        return true;
    }
    void *frame = rr_page_alloc();
    if (!frame || rr_map_page(page, (uintptr_t)frame, flags) < 0) {
        if (frame)
            rr_page_free(frame);
        *why = "out of memory: no free page to back it";
        return false;
    }
    return true;
}
