/*
 * One virtio network device as the driver's files share it.
 */
#pragma once

#include <rr/netdev.h>
#include <rr/sched.h>
#include <rr/virtio.h>
#include <rr/virtio_net.h>

/* Frames in flight per direction at most: enough to keep QEMU busy, small
 * enough that an interface costs 64 buffers of 2 KiB each way (256 KiB). */
#define VNET_MAX_BUFFERS 64

struct vnet {
    struct rr_virtio_device *vdev;
    struct rr_netdev net;
    struct rr_virtq *rxq, *txq;
    size_t hdr_len;                 /* bytes of struct rr_vnet_hdr the device uses */
    size_t buf_size;                /* each receive and transmit buffer: header + largest frame */
    unsigned descs_per_buf;         /* 2 on legacy devices: the header in a descriptor of its own */

    uint8_t *rx_bufs[VNET_MAX_BUFFERS];
    unsigned nrx;

    uint8_t *tx_bufs[VNET_MAX_BUFFERS];
    bool tx_busy[VNET_MAX_BUFFERS];
    unsigned ntx, tx_in_flight;
    bool tx_waiting;                /* a transmit found the ring full: call tx_ready when room returns */

    struct rr_ktimer poll;          /* devices without an interrupt line are polled */
    bool debug;                     /* RUMPRUN_NET_DEBUG=1: counts on the console */
    uint64_t rx_frames, rx_dropped, tx_frames;
};

/* vnet_rx.c */
int rr_vnet_rx_setup(struct vnet *vn);
void rr_vnet_rx_done(struct rr_virtq *vq);
/* vnet_tx.c */
int rr_vnet_tx_setup(struct vnet *vn);
void rr_vnet_tx_done(struct rr_virtq *vq);
int rr_vnet_transmit(struct rr_netdev *dev, const struct rr_netbuf_piece *pieces, unsigned npieces,
                     bool needs_csum, uint16_t csum_start, uint16_t csum_offset);
unsigned rr_vnet_tx_pending(struct rr_netdev *dev);
/* Buffers of buf_size bytes carved from pages (they never cross a page: the
 * device gets one physically contiguous range each). */
int rr_vnet_alloc_buffers(struct vnet *vn, uint8_t **bufs, unsigned n);
/* Debug counters: a console line at 1, 2, 4, 8, ... frames, so a busy link stays readable. */
void rr_vnet_count(struct vnet *vn, const char *what, uint64_t *counter);
