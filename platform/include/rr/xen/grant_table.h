/*
 * rr/xen/grant_table.h — the domain's grant table (xen/grant_table.c), shared
 * by the split-driver front ends. Grants are made at setup and never revoked:
 * the granted pages belong to their driver for good, so a page a back end may
 * still hold is never reused for anything else.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Maps the table (once; later calls return at once); 0 or a negative errno. */
int rr_gnttab_init(void);
/* Lets domid map frame (read-only when readonly); the reference, or a negative errno. */
long rr_gnttab_grant(uint16_t domid, uint64_t frame, bool readonly);
