/*
 * rr/xen/xenbus.h — what every split-driver front end does with xenstore
 * (xen/xenbus.c): read and write a device's keys, wait for its back end's
 * state (public io/xenbus.h), open an event channel to the back end.
 * Paths are those of rr/xen/xenstore.h (relative ones under the domain's home).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* XenbusState values (public io/xenbus.h). */
#define RR_XENBUS_INIT_WAIT   2
#define RR_XENBUS_INITIALISED 3
#define RR_XENBUS_CONNECTED   4
#define RR_XENBUS_CLOSING     5

/* dir/key as a decimal number; false when missing or not a number. */
bool rr_xenbus_read_u64(const char *dir, const char *key, uint64_t *out);
int rr_xenbus_write(const char *dir, const char *key, const char *value);
int rr_xenbus_write_u64(const char *dir, const char *key, uint64_t v);
/* Waits (polled, bounded) until dir/state is at least want; the last state seen, or -1 when unreadable. */
int rr_xenbus_wait_state(const char *dir, uint64_t want);
/* An unbound port the domain remote may bind to; 0 or a negative errno. */
int rr_xenbus_alloc_port(uint16_t remote, uint32_t *port);
/* Waits ns without doing anything (the scheduler runs others meanwhile). */
void rr_xenbus_pause_ns(uint64_t ns);
/* Calls probe(id) for each device under dir ("device/vbd", "device/vif"), after mapping the grant
 * table, with the names read first: the xenstore client holds one request at a time, and a probe
 * makes its own. At most 16 devices; nothing happens without Xen or without devices. */
void rr_xenbus_probe_devices(const char *dir, void (*probe)(const char *id));
