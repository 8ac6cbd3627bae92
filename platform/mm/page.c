/*
 * Physical pages. Free RAM starts as a few ranges (the memory map minus the
 * image, page 0 and the loader's command line); pages come from the lowest
 * range first, which keeps early page tables inside the boot mapping of the
 * first GiB. Freed pages go on a list threaded through themselves (all RAM is
 * identity mapped).
 */
#include <rr/kern.h>
#include <rr/boot.h>

#define MAX_RANGES 64

struct range { uintptr_t start, end; };

static struct range ranges[MAX_RANGES];
static int nranges;
static void *free_list;
static size_t nfree, ntotal;

static void add_range(uintptr_t start, uintptr_t end)
{
    if (end <= start)
        return;
    if (nranges == MAX_RANGES) {
        rr_printk("too many free memory ranges; ignoring %#lx-%#lx", (unsigned long)start, (unsigned long)end);
        return;
    }
    ranges[nranges++] = (struct range){ start, end };
    ntotal += (end - start) / RR_PAGE_SIZE;
    nfree += (end - start) / RR_PAGE_SIZE;
}

static uintptr_t cmdline_first, cmdline_end;

void rr_page_init(void)
{
    struct range ex[3] = {
        { 0, RR_PAGE_SIZE },
        { (uintptr_t)__image_start, RR_ALIGN_UP((uintptr_t)__image_end, RR_PAGE_SIZE) },
        { 0, 0 },
    };
    if (rr_boot.cmdline_pa) {
        cmdline_first = rr_boot.cmdline_pa & ~(RR_PAGE_SIZE - 1);
        cmdline_end = RR_ALIGN_UP(rr_boot.cmdline_pa + rr_boot.cmdline_len + 1, RR_PAGE_SIZE);
        ex[2] = (struct range){ cmdline_first, cmdline_end };
    }
    /* sort the three exclusions by start */
    for (int i = 1; i < 3; i++)
        for (int j = i; j > 0 && ex[j].start < ex[j - 1].start; j--) {
            struct range t = ex[j];
            ex[j] = ex[j - 1];
            ex[j - 1] = t;
        }
    for (int r = 0; r < rr_boot.nram; r++) {
        uintptr_t cur = rr_boot.ram[r].start, end = rr_boot.ram[r].end;
        for (int i = 0; i < 3; i++) {
            if (ex[i].end <= cur || ex[i].start >= end || ex[i].end == ex[i].start)
                continue;
            if (ex[i].start > cur)
                add_range(cur, ex[i].start);
            if (ex[i].end > cur)
                cur = ex[i].end;
        }
        if (cur < end)
            add_range(cur, end);
    }
}

static bool in_ram(uintptr_t pa)
{
    for (int r = 0; r < rr_boot.nram; r++)
        if (pa >= rr_boot.ram[r].start && pa < rr_boot.ram[r].end)
            return true;
    return false;
}

void rr_page_release_cmdline(void)
{
    for (uintptr_t p = cmdline_first; p < cmdline_end; p += RR_PAGE_SIZE) {
        bool image = p >= (uintptr_t)__image_start && p < (uintptr_t)__image_end;
        if (p && !image && in_ram(p)) {
            ntotal++;
            rr_page_free((void *)p);
        }
    }
    cmdline_first = cmdline_end = 0;
}

void *rr_page_alloc(void)
{
    void *p = free_list;
    if (p) {
        free_list = *(void **)p;
    } else {
        int i = 0;
        while (i < nranges && ranges[i].start == ranges[i].end)
            i++;
        if (i == nranges)
            return NULL;
        p = (void *)ranges[i].start;
        ranges[i].start += RR_PAGE_SIZE;
    }
    nfree--;
    rr_memset(p, 0, RR_PAGE_SIZE);
    return p;
}

void rr_page_free(void *page)
{
    RR_ASSERT(((uintptr_t)page & (RR_PAGE_SIZE - 1)) == 0 && page);
    *(void **)page = free_list;
    free_list = page;
    nfree++;
}

size_t rr_pages_free(void)
{
    return nfree;
}

size_t rr_pages_total(void)
{
    return ntotal;
}
