/* Radix tree of file pages for ramfs (see ramfs_pages.h). */
#include "ramfs_pages.h"

#define FANOUT_SHIFT 9
#define FANOUT (1UL << FANOUT_SHIFT)

static uint64_t capacity(unsigned height)
{
    return (uint64_t)1 << (FANOUT_SHIFT * height);
}

void *ramfs_pages_get(struct ramfs_pages *p, uint64_t idx, bool alloc)
{
    if (idx >= capacity(p->height)) {
        if (!alloc)
            return NULL;
        while (idx >= capacity(p->height)) {
            if (p->height == RAMFS_PAGES_MAX_HEIGHT)
                return NULL;
            if (p->root) {
                void **node = rr_page_alloc();
                if (!node)
                    return NULL;
                node[0] = p->root;
                p->root = node;
            }
            p->height++;
        }
    }
    void **slot = &p->root;
    for (unsigned level = p->height; level > 0; level--) {
        if (!*slot) {
            if (!alloc || !(*slot = rr_page_alloc()))
                return NULL;
        }
        slot = &((void **)*slot)[(idx >> (FANOUT_SHIFT * (level - 1))) & (FANOUT - 1)];
    }
    if (!*slot && alloc) {
        *slot = rr_page_alloc();
        if (*slot)
            p->count++;
    }
    return *slot;
}

/* Frees, below *slot (covering indexes base..base+capacity(level)-1), the pages >= first. */
static void free_from(struct ramfs_pages *p, void **slot, unsigned level, uint64_t base, uint64_t first)
{
    if (!*slot)
        return;
    if (level == 0) {
        if (base >= first) {
            rr_page_free(*slot);
            *slot = NULL;
            p->count--;
        }
        return;
    }
    void **node = *slot;
    uint64_t span = capacity(level - 1);
    for (uint64_t i = 0; i < FANOUT; i++) {
        uint64_t child = base + i * span;
        if (child + span <= first)
            continue;
        free_from(p, &node[i], level - 1, child, first);
    }
    if (base >= first) {
        rr_page_free(node);
        *slot = NULL;
    }
}

void ramfs_pages_free_from(struct ramfs_pages *p, uint64_t first)
{
    free_from(p, &p->root, p->height, 0, first);
    if (!p->root)
        p->height = 0;
}

/* The first present page index >= idx under *slot, or UINT64_MAX. */
static uint64_t next_present(void *node, unsigned level, uint64_t base, uint64_t idx)
{
    if (!node)
        return UINT64_MAX;
    if (level == 0)
        return base >= idx ? base : UINT64_MAX;
    uint64_t span = capacity(level - 1);
    for (uint64_t i = 0; i < FANOUT; i++) {
        uint64_t child = base + i * span;
        if (child + span <= idx)
            continue;
        uint64_t r = next_present(((void **)node)[i], level - 1, child, idx);
        if (r != UINT64_MAX)
            return r;
    }
    return UINT64_MAX;
}

uint64_t ramfs_pages_find(struct ramfs_pages *p, uint64_t idx, uint64_t end, bool present)
{
    if (present) {
        uint64_t r = idx < capacity(p->height) ? next_present(p->root, p->height, 0, idx) : UINT64_MAX;
        return r < end ? r : end;
    }
    for (; idx < end; idx++)
        if (!ramfs_pages_get(p, idx, false))
            return idx;
    return end;
}
