/*
 * The page tables. Physical memory is identity mapped: 4 KiB pages from 0 up
 * to the 2 MiB boundary after the image (so each section of the image gets
 * its own rights: headers and rodata R, text R+X, data and bss R+W, the
 * symbol table R), 2 MiB pages above. The APIC windows are uncached 2 MiB
 * pages. Page 0 stays unmapped so that NULL faults. Upper-level entries are
 * always present+writable; the leaf decides.
 */
#include <rr/kern.h>
#include <rr/boot.h>
#include <rr/paging.h>
#include <rr/apic.h>
#include <rr/x86.h>

#define LARGE   (2UL << 20)
#define IDX(va, shift) (((va) >> (shift)) & 511)

static uint64_t *pml4;

static uint64_t *table_of(uint64_t entry)
{
    return (uint64_t *)(uintptr_t)(entry & RR_PTE_ADDR);
}

/* The next-level table under *e; creates it when asked. NULL if absent or a large page. */
static uint64_t *descend(uint64_t *e, bool create)
{
    if (*e & RR_PTE_P)
        return (*e & RR_PTE_PS) ? NULL : table_of(*e);
    if (!create)
        return NULL;
    uint64_t *t = rr_page_alloc();
    if (t)
        *e = (uintptr_t)t | RR_PTE_P | RR_PTE_W;
    return t;
}

static uint64_t *leaf(uintptr_t va, bool create)
{
    uint64_t *pdpt = descend(&pml4[IDX(va, 39)], create);
    uint64_t *pd = pdpt ? descend(&pdpt[IDX(va, 30)], create) : NULL;
    uint64_t *pt = pd ? descend(&pd[IDX(va, 21)], create) : NULL;
    return pt ? &pt[IDX(va, 12)] : NULL;
}

int rr_map_page(uintptr_t va, uintptr_t pa, uint64_t flags)
{
    uint64_t *pte = leaf(va, true);
    if (!pte)
        return -ENOMEM;
    *pte = pa | flags | RR_PTE_P;
    rr_invlpg(va);
    return 0;
}

uint64_t *rr_pte_find(uintptr_t va)
{
    return leaf(va, false);
}

bool rr_is_mapped(uintptr_t va)
{
    if (!pml4)
        return va >= RR_PAGE_SIZE && va < (1UL << 30);    /* the boot mapping (boot32.S) */
    uint64_t e = pml4[IDX(va, 39)];
    if (!(e & RR_PTE_P))
        return false;
    e = table_of(e)[IDX(va, 30)];
    if (!(e & RR_PTE_P))
        return false;
    if (e & RR_PTE_PS)
        return true;
    e = table_of(e)[IDX(va, 21)];
    if (!(e & RR_PTE_P))
        return false;
    if (e & RR_PTE_PS)
        return true;
    return table_of(e)[IDX(va, 12)] & RR_PTE_P;
}

void rr_pte_walk(uintptr_t start, uintptr_t end, rr_pte_fn fn, void *arg)
{
    uintptr_t va = start;
    while (va < end) {
        uint64_t e4 = pml4[IDX(va, 39)];
        if (!(e4 & RR_PTE_P)) {
            va = (va | ((1UL << 39) - 1)) + 1;
            continue;
        }
        uint64_t e3 = table_of(e4)[IDX(va, 30)];
        if (!(e3 & RR_PTE_P) || (e3 & RR_PTE_PS)) {
            va = (va | ((1UL << 30) - 1)) + 1;
            continue;
        }
        uint64_t e2 = table_of(e3)[IDX(va, 21)];
        if (!(e2 & RR_PTE_P) || (e2 & RR_PTE_PS)) {
            va = (va | (LARGE - 1)) + 1;
            continue;
        }
        uint64_t *pt = table_of(e2);
        for (unsigned i = IDX(va, 12); i < 512 && va < end; i++, va += RR_PAGE_SIZE) {
            uint64_t old = pt[i];
            if (!old)
                continue;
            fn(va, &pt[i], arg);
            if (pt[i] != old)
                rr_invlpg(va);
        }
    }
}

static void clear_one(uintptr_t va, uint64_t *pte, void *free_pages)
{
    (void)va;
    if (free_pages && !(*pte & RR_PTE_FILE))
        rr_page_free((void *)(uintptr_t)(*pte & RR_PTE_ADDR));
    *pte = 0;
}

void rr_unmap_range(uintptr_t start, uintptr_t end, bool free_pages)
{
    rr_pte_walk(start, end, clear_one, free_pages ? (void *)1 : NULL);
}

/* --- building the identity map at boot --- */

static uint64_t image_flags(uintptr_t pa)
{
    uintptr_t text = (uintptr_t)__text_start, data = (uintptr_t)__data_start;
    uintptr_t symtab = (uintptr_t)__rr_symtab_start;
    if (pa >= (uintptr_t)__image_start && pa < text)
        return RR_PTE_NX;
    if (pa >= text && pa < data)
        return 0;
    if (pa >= data && pa < symtab)
        return RR_PTE_W | RR_PTE_NX;
    if (pa >= symtab && pa < (uintptr_t)__image_end)
        return RR_PTE_NX;
    return RR_PTE_W | RR_PTE_NX;
}

static bool ram_overlaps(uintptr_t start, uintptr_t end)
{
    for (int r = 0; r < rr_boot.nram; r++)
        if (rr_boot.ram[r].start < end && rr_boot.ram[r].end > start)
            return true;
    return false;
}

static void map_or_die(uintptr_t va, uintptr_t pa, uint64_t flags)
{
    if (rr_map_page(va, pa, flags) < 0)
        rr_panic("out of memory building the page tables");
}

static void map_large(uintptr_t pa, uint64_t flags)
{
    uint64_t *pdpt = descend(&pml4[IDX(pa, 39)], true);
    uint64_t *pd = pdpt ? descend(&pdpt[IDX(pa, 30)], true) : NULL;
    if (!pd)
        rr_panic("out of memory building the page tables");
    pd[IDX(pa, 21)] = pa | flags | RR_PTE_P | RR_PTE_PS;
}

void rr_paging_init(void)
{
    pml4 = rr_page_alloc();
    if (!pml4)
        rr_panic("out of memory building the page tables");
    uintptr_t image_end = RR_ALIGN_UP((uintptr_t)__image_end, RR_PAGE_SIZE);
    uintptr_t small_end = RR_ALIGN_UP(image_end, LARGE);
    uintptr_t cmd0 = rr_boot.cmdline_pa & ~(RR_PAGE_SIZE - 1);
    uintptr_t cmd1 = rr_boot.cmdline_pa ? rr_boot.cmdline_pa + rr_boot.cmdline_len + 1 : 0;

    for (uintptr_t pa = RR_PAGE_SIZE; pa < small_end; pa += RR_PAGE_SIZE) {
        bool image = pa >= (uintptr_t)__image_start && pa < image_end;
        bool cmdline = pa >= cmd0 && pa < cmd1;
        if (image || cmdline || ram_overlaps(pa, pa + RR_PAGE_SIZE))
            map_or_die(pa, pa, image_flags(pa));
    }
    uintptr_t top = rr_boot.ram[rr_boot.nram - 1].end;
    for (uintptr_t pa = small_end; pa < top; pa += LARGE)
        if (ram_overlaps(pa, pa + LARGE))
            map_large(pa, RR_PTE_W | RR_PTE_NX);
    /* the cmdline outside the 4 KiB area and outside RAM: rare, but it must stay readable */
    for (uintptr_t pa = cmd0; pa < cmd1; pa += RR_PAGE_SIZE)
        if (pa >= small_end && !rr_is_mapped(pa))
            map_or_die(pa, pa, RR_PTE_NX);

    map_large(RR_IOAPIC_BASE & ~(LARGE - 1), RR_PTE_W | RR_PTE_NX | RR_PTE_PCD | RR_PTE_PWT);
    map_large(RR_LAPIC_BASE & ~(LARGE - 1), RR_PTE_W | RR_PTE_NX | RR_PTE_PCD | RR_PTE_PWT);
    rr_write_cr3((uintptr_t)pml4);
}
