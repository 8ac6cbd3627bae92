/*
 * One Xen virtual network interface as the driver's files share it.
 */
#pragma once

#include <rr/netdev.h>
#include "../netif_ring.h"

#ifndef RR_PLATFORM_XEN
#error "xen_netfront is built for the xen platform only (its manifest lists xen)"
#endif

/* Buffers, one page each, granted once at setup: fewer than the rings hold. */
#define NETFRONT_RX_BUFS 64
#define NETFRONT_TX_BUFS 32

struct netfront {
    struct rr_netdev net;
    char front[40];                 /* device/vif/N, under the domain's home */
    char back[96];                  /* the back end's absolute path */
    uint16_t backend_id;
    uint32_t port;
    uint32_t tx_ring_gref, rx_ring_gref;
    struct rr_netif_front tx, rx;
    uint8_t *rx_pages[NETFRONT_RX_BUFS];
    uint32_t rx_grefs[NETFRONT_RX_BUFS];
    uint8_t *tx_pages[NETFRONT_TX_BUFS];
    uint32_t tx_grefs[NETFRONT_TX_BUFS];
    bool tx_busy[NETFRONT_TX_BUFS];
    unsigned tx_in_flight;
    bool tx_waiting;
    bool connected;
    uint64_t rx_frames, tx_frames, rx_errors, tx_errors;
};

/* netfront_io.c */
void rr_netfront_rx_fill(struct netfront *nf);
void rr_netfront_event(struct netfront *nf);
int rr_netfront_transmit(struct rr_netdev *dev, const struct rr_netbuf_piece *pieces, unsigned npieces,
                         bool needs_csum, uint16_t csum_start, uint16_t csum_offset);
unsigned rr_netfront_tx_pending(struct rr_netdev *dev);
