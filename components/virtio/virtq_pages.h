/*
 * Physically contiguous zeroed pages for one queue's rings (virtq_pages.c).
 */
#pragma once

#include <stddef.h>

void *rr_virtq_pages_alloc(size_t n);
void rr_virtq_pages_free(void *p, size_t n);
