/*
 * Names for addresses, from the .rr_symtab blob rr-bake links into the image
 * (docs/contracts.md §4): { u32 addr; u32 size } entries sorted by address,
 * then the names in the same order. Without it, backtraces show bare addresses.
 */
#include <rr/kern.h>
#include <rr/boot.h>

#define SYMTAB_MAGIC 0x32595252u   /* "RRY2" */

struct sym {
    uint32_t addr;
    uint32_t size;
};

/* The names carry no offsets (they would double the table); a fault report
 * is the only reader, so counting to the nth name is cheap enough. */
static const char *nth_name(const char *names, const char *end, size_t n)
{
    const char *p = names;
    for (; n && p < end; p++)
        if (!*p)
            n--;
    /* the name must end inside the blob */
    for (const char *q = p; q < end; q++)
        if (!*q)
            return p;
    return NULL;
}

const char *rr_symtab_lookup(uintptr_t addr, uintptr_t *offset)
{
    /* only code has names worth printing; a data address would borrow the
     * nearest preceding function's */
    if (addr < (uintptr_t)__text_start || addr >= (uintptr_t)__text_end)
        return NULL;
    const char *blob = __rr_symtab_start;
    size_t len = (size_t)(__rr_symtab_end - __rr_symtab_start);
    if (len < 8 || *(const uint32_t *)blob != SYMTAB_MAGIC)
        return NULL;
    uint32_t count = *(const uint32_t *)(blob + 4);
    uint64_t names_start = 8 + (uint64_t)count * sizeof(struct sym);
    if (names_start > len)
        return NULL;
    const struct sym *s = (const struct sym *)(blob + 8);
    /* the last symbol starting at or before addr */
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct sym *hit = &s[lo - 1];
    if (hit->size && addr - hit->addr >= hit->size)
        return NULL;
    const char *name = nth_name(blob + names_start, blob + len, lo - 1);
    if (!name)
        return NULL;
    *offset = addr - hit->addr;
    return name;
}
