/*
 * rr/xen/xenstore.h — a small xenstore client (xen/xenstore.c): one request at
 * a time, no transactions, no watches. Relative paths name keys under the
 * domain's home, /local/domain/DOMID.
 */
#pragma once

#include <stddef.h>
#include <stdbool.h>

/* Finds the ring from the HVM parameters; false when there is none. */
bool rr_xs_init(void);
/* The value's length (NUL-terminated in buf, cut to bufsize - 1), or a negative errno. */
long rr_xs_read(const char *path, char *buf, size_t bufsize);
int rr_xs_write(const char *path, const char *value, size_t len);
/* Calls fn for each child name of path; returns how many, or a negative errno. */
int rr_xs_directory(const char *path, void (*fn)(const char *name, void *arg), void *arg);
/* "/local/domain/DOMID", from the key domid; empty when it cannot be read. */
const char *rr_xs_home(void);
