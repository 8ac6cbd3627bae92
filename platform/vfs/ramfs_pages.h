/*
 * The page store behind a ramfs regular file: a radix tree of 4 KiB pages, so a
 * file with a hole costs nothing for the hole. Height h covers 512^h pages.
 */
#pragma once
#include <rr/kern.h>

#define RAMFS_PAGES_MAX_HEIGHT 4   /* 512^4 pages = 256 TiB */
#define RAMFS_MAX_FILE_SIZE ((uint64_t)1 << (12 + 9 * RAMFS_PAGES_MAX_HEIGHT))

struct ramfs_pages {
    void *root;
    unsigned height;
    uint64_t count;     /* data pages allocated */
};

/* The page holding page index idx, or NULL (a hole, or out of memory when alloc). */
void *ramfs_pages_get(struct ramfs_pages *p, uint64_t idx, bool alloc);
/* Frees every page whose index is >= first. */
void ramfs_pages_free_from(struct ramfs_pages *p, uint64_t first);
/* The first index >= idx (and < end) whose presence equals `present`, or end. */
uint64_t ramfs_pages_find(struct ramfs_pages *p, uint64_t idx, uint64_t end, bool present);
