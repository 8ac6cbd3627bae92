/*
 * The program's address space: a sorted list of regions (brk, anonymous
 * mappings, the main stack and its guard page) in slot 1 (rr/layout.h).
 * Regions only promise memory; pages are backed when first touched
 * (mm/vm_fault.c), so untouched memory costs nothing, as on Linux.
 */
#include <rr/kern.h>
#include <rr/vm.h>
#include <rr/layout.h>
#include <rr/paging.h>
#include <rr/vfs.h>

/* A PTE of a PROT_NONE page whose contents must survive: not present, the
 * frame kept, marked with a software bit so the walkers still see it. */
#define PTE_KEPT (1ULL << 9)

static struct rr_vma *vmas;
static uintptr_t brk_cur = RR_PROG_BRK_BASE;

static uintptr_t page_up(uintptr_t a) { return RR_ALIGN_UP(a, RR_PAGE_SIZE); }

static bool in_program(uintptr_t start, size_t len)
{
    return start >= RR_PROG_BASE && start < RR_PROG_END && len <= RR_PROG_END - start;
}

uint64_t rr_vm_pte_flags(int prot)
{
    uint64_t f = RR_PTE_P;
    if (prot & RR_PROT_WRITE)
        f |= RR_PTE_W;
    if (!(prot & RR_PROT_EXEC))
        f |= RR_PTE_NX;
    return f;
}

struct rr_vma *rr_vm_find(uintptr_t addr)
{
    for (struct rr_vma *v = vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return v;
    return NULL;
}

static bool range_free(uintptr_t start, uintptr_t end)
{
    for (struct rr_vma *v = vmas; v && v->start < end; v = v->next)
        if (v->end > start)
            return false;
    return true;
}

/* A shared file region holds a reference to its vnode and counts as one of its mappings. */
static void file_hold(struct rr_vnode *vn)
{
    if (vn) {
        rr_vnode_ref(vn);
        vn->shared_maps++;
    }
}

static void file_drop(struct rr_vnode *vn)
{
    if (vn) {
        vn->shared_maps--;
        rr_vnode_unref(vn);
    }
}

static uint64_t pages(uintptr_t len)
{
    return len / RR_PAGE_SIZE;
}

/* Whether a region [start, ...) of (prot, kind, vn, pgoff) continues v seamlessly. */
static bool continues(const struct rr_vma *v, uintptr_t start, int prot, enum rr_vma_kind kind,
                      struct rr_vnode *vn, uint64_t pgoff)
{
    return v->end == start && v->prot == prot && v->kind == kind && v->vn == vn &&
           (!vn || v->pgoff + pages(v->end - v->start) == pgoff);
}

/* Inserts [start, end) (which must be free), merging with equal neighbours; a file
 * region's pages are vn's from page pgoff on. */
static int vma_insert_file(uintptr_t start, uintptr_t end, int prot, enum rr_vma_kind kind,
                           struct rr_vnode *vn, uint64_t pgoff)
{
    struct rr_vma **pp = &vmas, *prev = NULL;
    while (*pp && (*pp)->start < start) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    struct rr_vma *next = *pp;
    bool join_prev = prev && continues(prev, start, prot, kind, vn, pgoff);
    bool join_next = next && next->start == end && next->prot == prot && next->kind == kind && next->vn == vn &&
                     (!vn || pgoff + pages(end - start) == next->pgoff);
    if (join_prev && join_next) {
        prev->end = next->end;
        prev->next = next->next;
        file_drop(next->vn);
        rr_free(next);
    } else if (join_prev) {
        prev->end = end;
    } else if (join_next) {
        next->start = start;
        next->pgoff = pgoff;
    } else {
        struct rr_vma *v = rr_malloc(sizeof(*v));
        if (!v)
            return -ENOMEM;
        *v = (struct rr_vma){ start, end, prot, kind, next, vn, pgoff };
        file_hold(vn);
        *pp = v;
    }
    return 0;
}

static int vma_insert(uintptr_t start, uintptr_t end, int prot, enum rr_vma_kind kind)
{
    return vma_insert_file(start, end, prot, kind, NULL, 0);
}

/* Removes [start, end) from the region list, splitting regions at its edges.
 * Page tables are not touched. */
static int vma_carve(uintptr_t start, uintptr_t end)
{
    struct rr_vma **pp = &vmas;
    while (*pp) {
        struct rr_vma *v = *pp;
        if (v->end <= start) {
            pp = &v->next;
            continue;
        }
        if (v->start >= end)
            break;
        if (v->start < start && v->end > end) {          /* hole in the middle */
            struct rr_vma *tail = rr_malloc(sizeof(*tail));
            if (!tail)
                return -ENOMEM;
            *tail = (struct rr_vma){ end, v->end, v->prot, v->kind, v->next, v->vn,
                                     v->pgoff + pages(end - v->start) };
            file_hold(tail->vn);
            v->end = start;
            v->next = tail;
            break;
        }
        if (v->start < start) {                          /* cut the tail */
            v->end = start;
            pp = &v->next;
        } else if (v->end > end) {                       /* cut the head */
            v->pgoff += pages(end - v->start);
            v->start = end;
            break;
        } else {                                         /* wholly inside */
            *pp = v->next;
            file_drop(v->vn);
            rr_free(v);
        }
    }
    return 0;
}

static uintptr_t find_gap(size_t len)
{
    uintptr_t cand = RR_PROG_MMAP_BASE;
    for (struct rr_vma *v = vmas; v; v = v->next) {
        if (v->end <= cand)
            continue;
        if (v->start >= cand + len)
            break;
        cand = v->end;
    }
    return cand + len <= RR_PROG_MMAP_END ? cand : 0;
}

void rr_vm_init(void)
{
    if (vma_insert(RR_PROG_STACK_LOW - RR_PAGE_SIZE, RR_PROG_STACK_LOW, 0, RR_VMA_GUARD) < 0 ||
        vma_insert(RR_PROG_STACK_LOW, RR_PROG_STACK_TOP, RR_PROT_READ | RR_PROT_WRITE, RR_VMA_STACK) < 0)
        rr_panic("no memory for the program's stack region");
}

uintptr_t rr_vm_stack_top(void)
{
    return RR_PROG_STACK_TOP;
}

/* Where a new mapping of len bytes goes (MAP_FIXED clears the range first); 0 if nowhere. */
static long place(uintptr_t addr, size_t len, int flags)
{
    if (flags & (RR_MAP_FIXED | RR_MAP_FIXED_NOREPLACE)) {
        if (addr & (RR_PAGE_SIZE - 1))
            return -EINVAL;
        if (!in_program(addr, len))
            return -ENOMEM;
        if (!range_free(addr, addr + len)) {
            if (flags & RR_MAP_FIXED_NOREPLACE)
                return -EEXIST;
            if (vma_carve(addr, addr + len) < 0)
                return -ENOMEM;
            rr_unmap_range(addr, addr + len, true);
        }
    } else if (!addr || (addr & (RR_PAGE_SIZE - 1)) || !in_program(addr, len) ||
               !range_free(addr, addr + len)) {
        addr = find_gap(len);
        if (!addr)
            return -ENOMEM;
    }
    return (long)addr;
}

long rr_vm_mmap_shared(uintptr_t addr, size_t len, int prot, int flags, struct rr_vnode *vn, uint64_t pgoff)
{
    if (!len)
        return -EINVAL;
    len = page_up(len);
    if (!len)
        return -ENOMEM;
    long a = place(addr, len, flags);
    if (a < 0)
        return a;
    if (vma_insert_file((uintptr_t)a, (uintptr_t)a + len, prot, vn ? RR_VMA_FILE : RR_VMA_ANON, vn, pgoff) < 0)
        return -ENOMEM;
    return a;
}

long rr_vm_mmap(uintptr_t addr, size_t len, int prot, int flags)
{
    return rr_vm_mmap_shared(addr, len, prot, flags, NULL, 0);
}

long rr_vm_munmap(uintptr_t addr, size_t len)
{
    if ((addr & (RR_PAGE_SIZE - 1)) || !len)
        return -EINVAL;
    len = page_up(len);
    if (!in_program(addr, len))
        return -EINVAL;
    if (vma_carve(addr, addr + len) < 0)
        return -ENOMEM;
    rr_unmap_range(addr, addr + len, true);
    return 0;
}

static void reprotect(uintptr_t va, uint64_t *pte, void *arg)
{
    (void)va;
    int prot = (int)(uintptr_t)arg;
    uint64_t frame = *pte & (RR_PTE_ADDR | RR_PTE_FILE);
    *pte = prot ? frame | rr_vm_pte_flags(prot) : frame | PTE_KEPT;
}

long rr_vm_mprotect(uintptr_t addr, size_t len, int prot)
{
    if (addr & (RR_PAGE_SIZE - 1))
        return -EINVAL;
    if (!len)
        return 0;
    len = page_up(len);
    uintptr_t end = addr + len;
    if (!in_program(addr, len))
        return -ENOMEM;
    /* the whole range must be mapped, as Linux requires */
    uintptr_t cur = addr;
    for (struct rr_vma *v = vmas; v && cur < end; v = v->next) {
        if (v->end <= cur)
            continue;
        if (v->start > cur)
            return -ENOMEM;
        cur = v->end;
    }
    if (cur < end)
        return -ENOMEM;
    /* re-insert piece by piece, keeping each piece's kind */
    cur = addr;
    while (cur < end) {
        struct rr_vma *v = rr_vm_find(cur);
        uintptr_t piece_end = v->end < end ? v->end : end;
        enum rr_vma_kind kind = v->kind;
        struct rr_vnode *vn = v->vn;
        uint64_t pgoff = v->pgoff + pages(cur - v->start);
        if (vn)
            rr_vnode_ref(vn);   /* the piece is carved out before it goes back in */
        int e = vma_carve(cur, piece_end);
        if (!e)
            e = vma_insert_file(cur, piece_end, prot, kind, vn, pgoff);
        rr_vnode_unref(vn);
        if (e < 0)
            return -ENOMEM;
        cur = piece_end;
    }
    rr_pte_walk(addr, end, reprotect, (void *)(uintptr_t)prot);
    return 0;
}

long rr_vm_dontneed(uintptr_t addr, size_t len)
{
    if (addr & (RR_PAGE_SIZE - 1))
        return -EINVAL;
    len = page_up(len);
    if (!in_program(addr, len))
        return -EINVAL;
    rr_unmap_range(addr, addr + len, true);
    return 0;
}

struct move { intptr_t delta; int err; };

static void move_one(uintptr_t va, uint64_t *pte, void *arg)
{
    struct move *m = arg;
    uint64_t e = *pte;
    uint64_t *to = NULL;
    if (rr_map_page(va + m->delta, 0, 0) == 0)
        to = rr_pte_find(va + m->delta);
    if (!to) {
        m->err = -ENOMEM;
        return;
    }
    *to = e;
    *pte = 0;
}

long rr_vm_mremap(uintptr_t old, size_t oldlen, size_t newlen, int flags, uintptr_t newaddr)
{
    if ((old & (RR_PAGE_SIZE - 1)) || !newlen)
        return -EINVAL;
    if ((flags & RR_MREMAP_FIXED) && (!(flags & RR_MREMAP_MAYMOVE) || (newaddr & (RR_PAGE_SIZE - 1))))
        return -EINVAL;
    oldlen = page_up(oldlen);
    newlen = page_up(newlen);
    struct rr_vma *v = rr_vm_find(old);
    if (!v || !oldlen || old + oldlen > v->end)
        return -EFAULT;
    int prot = v->prot;
    enum rr_vma_kind kind = v->kind;
    struct rr_vnode *vn = v->vn;
    uint64_t pgoff = v->pgoff + pages(old - v->start);

    if (!(flags & RR_MREMAP_FIXED)) {
        if (newlen <= oldlen) {
            if (newlen < oldlen)
                rr_vm_munmap(old + newlen, oldlen - newlen);
            return (long)old;
        }
        if (in_program(old, newlen) && range_free(old + oldlen, old + newlen)) {
            if (vma_insert_file(old + oldlen, old + newlen, prot, kind, vn, pgoff + pages(oldlen)) < 0)
                return -ENOMEM;
            return (long)old;
        }
        if (!(flags & RR_MREMAP_MAYMOVE))
            return -ENOMEM;
        newaddr = find_gap(newlen);
        if (!newaddr)
            return -ENOMEM;
    } else {
        if (!in_program(newaddr, newlen) || (newaddr < old + oldlen && old < newaddr + newlen))
            return -EINVAL;
        rr_vm_munmap(newaddr, newlen);
    }
    if (vma_insert_file(newaddr, newaddr + newlen, prot, kind, vn, pgoff) < 0)
        return -ENOMEM;
    size_t moved = oldlen < newlen ? oldlen : newlen;
    struct move m = { (intptr_t)(newaddr - old), 0 };
    rr_pte_walk(old, old + moved, move_one, &m);
    if (m.err)
        return m.err;
    rr_vm_munmap(old, oldlen);
    return (long)newaddr;
}

long rr_vm_brk(uintptr_t newbrk)
{
    if (newbrk < RR_PROG_BRK_BASE || newbrk > RR_PROG_BRK_BASE + RR_PROG_BRK_MAX)
        return (long)brk_cur;
    uintptr_t oldend = page_up(brk_cur), newend = page_up(newbrk);
    if (newend > oldend) {
        if (!range_free(oldend, newend) ||
            vma_insert(oldend, newend, RR_PROT_READ | RR_PROT_WRITE, RR_VMA_BRK) < 0)
            return (long)brk_cur;
    } else if (newend < oldend) {
        if (vma_carve(newend, oldend) < 0)
            return (long)brk_cur;
        rr_unmap_range(newend, oldend, true);
    }
    brk_cur = newbrk;
    return (long)brk_cur;
}

const struct rr_vma *rr_vm_regions(void)
{
    return vmas;
}
