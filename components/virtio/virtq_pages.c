/*
 * Rings bigger than a page must be physically contiguous, and the platform's
 * page allocator hands out single pages. Fresh pages come from a free range
 * in order and freed ones in reverse, so taking pages until n of those taken
 * are consecutive finds a run quickly; the others go back.
 */
#include <rr/kern.h>
#include "virtq_pages.h"

#define MAX_TRIES 64

/* The lowest page of a run of n consecutive pages among taken (sorted), or NULL. */
static uint8_t *find_run(uint8_t **taken, size_t ntaken, size_t n)
{
    size_t run = 1;
    for (size_t i = 1; i < ntaken; i++) {
        run = taken[i] == taken[i - 1] + RR_PAGE_SIZE ? run + 1 : 1;
        if (run == n)
            return taken[i + 1 - n];
    }
    return NULL;
}

void *rr_virtq_pages_alloc(size_t n)
{
    if (n == 1)
        return rr_page_alloc();
    if (n == 0 || n > MAX_TRIES / 2)
        return NULL;
    uint8_t *taken[MAX_TRIES];
    size_t ntaken = 0;
    uint8_t *result = NULL;
    while (!result && ntaken < MAX_TRIES) {
        uint8_t *p = rr_page_alloc();
        if (!p)
            break;
        size_t i = ntaken++;
        for (; i > 0 && taken[i - 1] > p; i--)
            taken[i] = taken[i - 1];
        taken[i] = p;
        result = find_run(taken, ntaken, n);
    }
    for (size_t i = 0; i < ntaken; i++)
        if (!result || taken[i] < result || taken[i] >= result + n * RR_PAGE_SIZE)
            rr_page_free(taken[i]);
    return result;
}

void rr_virtq_pages_free(void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rr_page_free((uint8_t *)p + i * RR_PAGE_SIZE);
}
