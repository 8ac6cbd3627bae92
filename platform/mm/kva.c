/*
 * Slot 2 of the address space (rr/layout.h) holds the platform's virtually
 * contiguous blocks. Free address space is a sorted list of extents, first
 * fit, merged on free; each block keeps an unmapped page after it, stacks one
 * below as well, so an overrun faults instead of corrupting a neighbour.
 */
#include <rr/kern.h>
#include <rr/kva.h>
#include <rr/layout.h>
#include <rr/paging.h>

struct extent {
    uintptr_t start, end;
    struct extent *next;
};

static struct extent *free_extents;
static bool initialised;

static uintptr_t va_take(size_t bytes)
{
    if (!initialised) {
        free_extents = rr_malloc(sizeof(*free_extents));
        if (!free_extents)
            return 0;
        *free_extents = (struct extent){ RR_KVA_BASE, RR_KVA_END, NULL };
        initialised = true;
    }
    for (struct extent **pp = &free_extents; *pp; pp = &(*pp)->next) {
        struct extent *e = *pp;
        if (e->end - e->start < bytes)
            continue;
        uintptr_t va = e->start;
        e->start += bytes;
        if (e->start == e->end) {
            *pp = e->next;
            rr_free(e);
        }
        return va;
    }
    return 0;
}

static void va_give(uintptr_t start, size_t bytes)
{
    uintptr_t end = start + bytes;
    struct extent **pp = &free_extents;
    while (*pp && (*pp)->end < start)
        pp = &(*pp)->next;
    struct extent *e = *pp;
    if (e && e->end == start) {
        e->end = end;
        struct extent *n = e->next;
        if (n && n->start == end) {
            e->end = n->end;
            e->next = n->next;
            rr_free(n);
        }
        return;
    }
    if (e && e->start == end) {
        e->start = start;
        return;
    }
    struct extent *n = rr_malloc(sizeof(*n));
    if (!n)
        return;     /* the address space is huge; losing a hole is harmless */
    *n = (struct extent){ start, end, e };
    *pp = n;
}

static bool back(uintptr_t va, size_t npages)
{
    for (size_t i = 0; i < npages; i++) {
        void *page = rr_page_alloc();
        if (!page || rr_map_page(va + i * RR_PAGE_SIZE, (uintptr_t)page, RR_PTE_W | RR_PTE_NX) < 0) {
            if (page)
                rr_page_free(page);
            rr_unmap_range(va, va + i * RR_PAGE_SIZE, true);
            return false;
        }
    }
    return true;
}

void *rr_kva_alloc(size_t npages)
{
    size_t bytes = (npages + 1) * RR_PAGE_SIZE;
    uintptr_t va = va_take(bytes);
    if (!va)
        return NULL;
    if (!back(va, npages)) {
        va_give(va, bytes);
        return NULL;
    }
    return (void *)va;
}

void rr_kva_free(void *p, size_t npages)
{
    uintptr_t va = (uintptr_t)p;
    rr_unmap_range(va, va + npages * RR_PAGE_SIZE, true);
    va_give(va, (npages + 1) * RR_PAGE_SIZE);
}

uintptr_t rr_kstack_alloc(size_t npages)
{
    size_t bytes = (npages + 2) * RR_PAGE_SIZE;
    uintptr_t va = va_take(bytes);
    if (!va)
        return 0;
    if (!back(va + RR_PAGE_SIZE, npages)) {
        va_give(va, bytes);
        return 0;
    }
    return va + (npages + 1) * RR_PAGE_SIZE;
}
