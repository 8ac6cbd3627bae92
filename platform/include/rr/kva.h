/*
 * rr/kva.h — virtually contiguous platform memory in slot 2 (mm/kva.c), for
 * blocks bigger than a page and for stacks; every block is followed by an
 * unmapped page and may be preceded by one (guard).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* npages of zeroed, mapped RW+NX memory; NULL when out of memory. */
void *rr_kva_alloc(size_t npages);
void rr_kva_free(void *p, size_t npages);
/* A stack of npages with an unmapped guard page below; returns its top. */
uintptr_t rr_kstack_alloc(size_t npages);
