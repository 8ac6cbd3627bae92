/*
 * rr/netdev.h — network interfaces as the TCP/IP stack sees them
 * (platform/net/netdev.c).
 *
 * A driver (components/virtio_net, ...) fills a struct rr_netdev and registers
 * it. The stack attaches by setting rx; the driver calls rx for every frame it
 * receives, from interrupt context, with interrupts off: rx must copy or take
 * the frame without blocking. transmit may be called from any kernel context
 * with interrupts off and must not block: it returns -EAGAIN when the ring is
 * full (the stack keeps the frame and retries after tx_ready is called).
 * tx_pending, if the driver has it, counts frames the device has not yet
 * finished with (after reclaiming completed ones): the stack waits for zero
 * before the machine stops, so what was sent leaves (docs/contracts.md §9).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RR_NETDEV_F_CSUM_TX   1u    /* the device completes TCP/UDP checksums on transmit */
#define RR_NETDEV_F_CSUM_RX   2u    /* received frames' checksums may be verified by the device (csum_ok) */

#define RR_NETDEV_MAX         8     /* interfaces at most */

struct rr_netdev;

/* One frame as a list of pieces (an Ethernet frame without FCS). */
struct rr_netbuf_piece {
    const void *data;
    size_t len;
};

struct rr_netdev_ops {
    int (*transmit)(struct rr_netdev *dev, const struct rr_netbuf_piece *pieces, unsigned npieces,
                    bool needs_csum, uint16_t csum_start, uint16_t csum_offset);
    unsigned (*tx_pending)(struct rr_netdev *dev);
};

struct rr_netdev {
    char name[16];                  /* "vioif0", ... in discovery order */
    uint8_t mac[6];
    uint16_t mtu;                   /* payload MTU, 1500 unless the device says otherwise */
    uint32_t features;              /* RR_NETDEV_F_* */
    bool link_up;
    const struct rr_netdev_ops *ops;
    void *driver_data;
    /* set by the stack */
    void (*rx)(struct rr_netdev *dev, const void *frame, size_t len, bool csum_ok);
    void (*tx_ready)(struct rr_netdev *dev);
    void (*link_changed)(struct rr_netdev *dev);
    void *stack_data;
};

/* Adds an interface; its name is set here when empty ("vioif0", "vioif1", ...). */
int rr_netdev_register(struct rr_netdev *dev);
/* The interface called name; NULL if none. */
struct rr_netdev *rr_netdev_find(const char *name);
struct rr_netdev *rr_netdev_nth(size_t i);
