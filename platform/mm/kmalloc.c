/*
 * The platform heap. Small blocks (up to 1 KiB) come from power-of-two size
 * classes carved out of single pages, whose first slot holds a header naming
 * the class; larger blocks are page runs in slot 2 (mm/kva.c) with a 16-byte
 * header in front. rr_free tells the two apart by address.
 */
#include <rr/kern.h>
#include <rr/kva.h>
#include <rr/layout.h>

#define SLAB_MAGIC  0x42414c53u
#define LARGE_MAGIC 0x4752414cu
#define MIN_SHIFT   4
#define MAX_SHIFT   10
#define NCLASSES    (MAX_SHIFT - MIN_SHIFT + 1)

struct slab_header { uint32_t magic, shift; };
struct large_header { uint32_t magic, reserved; uint64_t npages; };
struct free_block { struct free_block *next; };

static struct free_block *classes[NCLASSES];

static bool is_large(const void *p)
{
    return (uintptr_t)p >= RR_KVA_BASE && (uintptr_t)p < RR_KVA_END;
}

static unsigned shift_for(size_t size)
{
    unsigned s = MIN_SHIFT;
    while ((1UL << s) < size)
        s++;
    return s;
}

static bool refill(unsigned shift)
{
    char *page = rr_page_alloc();
    if (!page)
        return false;
    *(struct slab_header *)page = (struct slab_header){ SLAB_MAGIC, shift };
    size_t size = 1UL << shift;
    for (size_t off = RR_PAGE_SIZE - size; off >= size; off -= size) {
        struct free_block *b = (struct free_block *)(page + off);
        b->next = classes[shift - MIN_SHIFT];
        classes[shift - MIN_SHIFT] = b;
    }
    return true;
}

void *rr_malloc(size_t size)
{
    if (size == 0)
        size = 1;
    if (size <= (1UL << MAX_SHIFT)) {
        unsigned shift = shift_for(size);
        struct free_block **head = &classes[shift - MIN_SHIFT];
        if (!*head && !refill(shift))
            return NULL;
        struct free_block *b = *head;
        *head = b->next;
        return b;
    }
    if (size > (RR_KVA_END - RR_KVA_BASE) / 2)
        return NULL;
    size_t npages = (size + sizeof(struct large_header) + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE;
    struct large_header *h = rr_kva_alloc(npages);
    if (!h)
        return NULL;
    *h = (struct large_header){ LARGE_MAGIC, 0, npages };
    return h + 1;
}

static size_t usable_size(void *p)
{
    if (is_large(p)) {
        struct large_header *h = (struct large_header *)p - 1;
        RR_ASSERT(h->magic == LARGE_MAGIC);
        return h->npages * RR_PAGE_SIZE - sizeof(*h);
    }
    struct slab_header *h = (struct slab_header *)((uintptr_t)p & ~(RR_PAGE_SIZE - 1));
    RR_ASSERT(h->magic == SLAB_MAGIC);
    return 1UL << h->shift;
}

void rr_free(void *p)
{
    if (!p)
        return;
    if (is_large(p)) {
        struct large_header *h = (struct large_header *)p - 1;
        RR_ASSERT(h->magic == LARGE_MAGIC);
        h->magic = 0;
        rr_kva_free(h, h->npages);
        return;
    }
    struct slab_header *h = (struct slab_header *)((uintptr_t)p & ~(RR_PAGE_SIZE - 1));
    RR_ASSERT(h->magic == SLAB_MAGIC && ((uintptr_t)p & ((1UL << h->shift) - 1)) == 0);
    struct free_block *b = p;
    b->next = classes[h->shift - MIN_SHIFT];
    classes[h->shift - MIN_SHIFT] = b;
}

void *rr_zalloc(size_t size)
{
    void *p = rr_malloc(size);
    if (p)
        rr_memset(p, 0, size);
    return p;
}

void *rr_realloc(void *p, size_t size)
{
    if (!p)
        return rr_malloc(size);
    size_t have = usable_size(p);
    if (size <= have)
        return p;
    void *n = rr_malloc(size);
    if (!n)
        return NULL;
    rr_memcpy(n, p, have);
    rr_free(p);
    return n;
}
