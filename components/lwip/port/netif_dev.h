#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
struct netif;
struct rr_netdev;
/* The lwIP interface of dev, added and up; NULL without memory. */
struct netif *rr_netif_attach(struct rr_netdev *dev);
/* Every device's queue sent and its ring reclaimed (queued frames are pushed on first). */
bool rr_netif_tx_idle(void);
/* No device's transmit queue is full: a datagram sent now will not be dropped for want of room. */
bool rr_netif_tx_room(void);
/* When a device last took a frame (monotonic ns), 0 if never. */
uint64_t rr_netif_last_tx_ns(void);
/* Frames dropped on the way out: a full queue, or a frame the device refused. */
uint64_t rr_netif_tx_dropped(void);

/* Drops a TIME_WAIT connection that a new SYN of the same endpoints replaces (tcp_tw_reuse.c). */
void rr_lwip_tw_reuse(const void *frame, size_t len);
