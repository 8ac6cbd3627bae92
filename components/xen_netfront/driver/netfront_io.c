/*
 * Frames through the netif rings. Receive: every buffer is posted to the back
 * end, which copies a frame into it (request-rx-copy); the frame goes to the
 * stack and the same buffer is posted again. Transmit: each frame is copied
 * into a buffer of the driver's own (a frame of at most a page never crosses
 * one, so one request per frame), and the buffer is free again when its
 * response comes. One event channel serves both rings.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/xen/event.h>
#include "netfront.h"

#define ETH_HEADER 14

static void post_rx(struct netfront *nf, uint16_t id)
{
    struct rr_netif_rx_request *req = rr_netif_entry(&nf->rx, nf->rx.req_prod_pvt);
    req->id = id;
    req->pad = 0;
    req->gref = nf->rx_grefs[id];
    nf->rx.req_prod_pvt++;
}

void rr_netfront_rx_fill(struct netfront *nf)
{
    for (uint16_t id = 0; id < NETFRONT_RX_BUFS; id++)
        post_rx(nf, id);
    if (rr_netif_push_requests(&nf->rx))
        rr_xen_notify(nf->port);
}

static void take_rx(struct netfront *nf)
{
    bool posted = false;
    while (rr_netif_has_response(&nf->rx)) {
        struct rr_netif_rx_response *rsp = rr_netif_entry(&nf->rx, nf->rx.rsp_cons);
        uint16_t id = rsp->id, offset = rsp->offset, flags = rsp->flags;
        int16_t status = rsp->status;
        nf->rx.rsp_cons++;
        if (id >= NETFRONT_RX_BUFS) {
            /* Not a buffer of ours: the back end is confused; nothing of ours to post again. */
            nf->rx_errors++;
            continue;
        }
        /* Without feature-sg and GSO the back end never splits a frame or adds extra slots. */
        if (status <= 0 || (flags & (RR_NETRXF_MORE_DATA | RR_NETRXF_EXTRA_INFO)) ||
            (uint32_t)offset + (uint32_t)status > RR_PAGE_SIZE) {
            nf->rx_errors++;
        } else {
            nf->rx_frames++;
            if (nf->net.rx)
                nf->net.rx(&nf->net, nf->rx_pages[id] + offset, (size_t)status, false);
        }
        post_rx(nf, id);
        posted = true;
    }
    if (posted && rr_netif_push_requests(&nf->rx))
        rr_xen_notify(nf->port);
}

static void reclaim_tx(struct netfront *nf)
{
    while (rr_netif_has_response(&nf->tx)) {
        struct rr_netif_tx_response *rsp = rr_netif_entry(&nf->tx, nf->tx.rsp_cons);
        uint16_t id = rsp->id;
        int16_t status = rsp->status;
        nf->tx.rsp_cons++;
        if (id >= NETFRONT_TX_BUFS || !nf->tx_busy[id]) {
            nf->tx_errors++;
            continue;
        }
        if (status < 0)
            nf->tx_errors++;
        nf->tx_busy[id] = false;
        nf->tx_in_flight--;
    }
}

void rr_netfront_event(struct netfront *nf)
{
    if (!nf->connected)
        return;
    reclaim_tx(nf);
    take_rx(nf);
    if (nf->tx_waiting && nf->tx_in_flight < NETFRONT_TX_BUFS) {
        nf->tx_waiting = false;
        if (nf->net.tx_ready)
            nf->net.tx_ready(&nf->net);
    }
}

unsigned rr_netfront_tx_pending(struct rr_netdev *dev)
{
    struct netfront *nf = dev->driver_data;
    uint64_t f = rr_irq_save();
    reclaim_tx(nf);
    unsigned n = nf->tx_in_flight;
    rr_irq_restore(f);
    return n;
}

int rr_netfront_transmit(struct rr_netdev *dev, const struct rr_netbuf_piece *pieces, unsigned npieces,
                         bool needs_csum, uint16_t csum_start, uint16_t csum_offset)
{
    (void)csum_start;
    (void)csum_offset;
    struct netfront *nf = dev->driver_data;
    /* The interface offers no checksum offload, so the stack never asks for it. */
    if (needs_csum)
        return -EINVAL;
    size_t total = 0;
    for (unsigned p = 0; p < npieces; p++)
        total += pieces[p].len;
    if (total < ETH_HEADER || total > RR_PAGE_SIZE || total > (size_t)ETH_HEADER + nf->net.mtu + 4)
        return -EMSGSIZE;
    if (!nf->connected)
        return -EAGAIN;

    reclaim_tx(nf);
    uint16_t id = 0;
    while (id < NETFRONT_TX_BUFS && nf->tx_busy[id])
        id++;
    if (id == NETFRONT_TX_BUFS || rr_netif_free_requests(&nf->tx) == 0) {
        nf->tx_waiting = true;
        return -EAGAIN;
    }
    uint8_t *buf = nf->tx_pages[id];
    size_t at = 0;
    for (unsigned p = 0; p < npieces; p++) {
        rr_memcpy(buf + at, pieces[p].data, pieces[p].len);
        at += pieces[p].len;
    }
    struct rr_netif_tx_request *req = rr_netif_entry(&nf->tx, nf->tx.req_prod_pvt);
    req->gref = nf->tx_grefs[id];
    req->offset = 0;
    req->flags = 0;
    req->id = id;
    req->size = (uint16_t)total;
    nf->tx.req_prod_pvt++;
    nf->tx_busy[id] = true;
    nf->tx_in_flight++;
    nf->tx_frames++;
    if (rr_netif_push_requests(&nf->tx))
        rr_xen_notify(nf->port);
    return 0;
}
