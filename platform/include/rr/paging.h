/*
 * rr/paging.h — the one set of page tables (mm/paging.c). Everything runs in
 * ring 0, so protection is expressed with W and NX only; CR0.WP makes the
 * platform itself honour read-only pages.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

#define RR_PTE_P    (1ULL << 0)
#define RR_PTE_W    (1ULL << 1)
#define RR_PTE_PWT  (1ULL << 3)
#define RR_PTE_PCD  (1ULL << 4)
#define RR_PTE_PS   (1ULL << 7)
#define RR_PTE_G    (1ULL << 8)
#define RR_PTE_NX   (1ULL << 63)
#define RR_PTE_FILE (1ULL << 10)   /* software: the frame is a file's page, never freed with the mapping */
#define RR_PTE_ADDR 0x000ffffffffff000ULL

/* Builds the identity map (image with per-section rights, RAM, APIC MMIO) and switches to it. */
void rr_paging_init(void);

/* Maps one 4 KiB page; allocates table pages. -ENOMEM when they cannot be had. */
int rr_map_page(uintptr_t va, uintptr_t pa, uint64_t flags);
/* The 4 KiB leaf entry for va, or NULL (absent table, or covered by a large page). */
uint64_t *rr_pte_find(uintptr_t va);
/* Whether va can be read without faulting. */
bool rr_is_mapped(uintptr_t va);

/* Calls fn for each present 4 KiB leaf in [start, end), skipping absent tables fast.
 * fn may change or clear *pte; the TLB entry is flushed afterwards when it did. */
typedef void (*rr_pte_fn)(uintptr_t va, uint64_t *pte, void *arg);
void rr_pte_walk(uintptr_t start, uintptr_t end, rr_pte_fn fn, void *arg);

/* Clears [start, end); frees the backing pages when free_pages (never RR_PTE_FILE ones). */
void rr_unmap_range(uintptr_t start, uintptr_t end, bool free_pages);
