/*
 * One lwIP interface per platform network device: received frames are
 * copied into a pbuf and handed to lwIP at once (interrupt context, see
 * net_stack.c); outgoing frames go to the driver as a list of pieces.
 *
 * When the driver's ring is full, frames wait in a bounded queue of their
 * own (the pbufs referenced, not copied: lwIP's TCP does not rewrite a
 * segment whose pbuf someone else still holds) and leave, in order, when the
 * driver calls tx_ready. Only a full queue drops a frame.
 */
#include <rr/kern.h>
#include <rr/netdev.h>
#include "lwip/netif.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"
#include "net_stack.h"
#include "netif_dev.h"

#define MAX_PIECES 16

/* Frames waiting for the ring, per interface. Four rings' worth: a TCP
 * window burst (32 segments per connection) from several connections at
 * once fits, and a sender that outruns the device for long meets drops. */
#define TX_QUEUE_MAX 256

/* lwIP checks everything itself unless the device vouches for the frame. */
#define CHECKS_ALL      NETIF_CHECKSUM_ENABLE_ALL
#define CHECKS_VERIFIED (NETIF_CHECKSUM_ENABLE_ALL & ~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP))

struct dev_netif {
    struct netif netif;
    struct rr_netdev *dev;
    struct pbuf *queue[TX_QUEUE_MAX];   /* a ring: head, count */
    unsigned head, count;
    uint64_t dropped;
    uint64_t last_tx_ns;                /* the last frame handed to the device */
};

static struct dev_netif *all[RR_NETDEV_MAX];
static unsigned nall;

static int send_frame(struct dev_netif *d, struct pbuf *p)
{
    struct rr_netbuf_piece pieces[MAX_PIECES];
    unsigned count = 0;
    for (struct pbuf *q = p; q; q = q->next) {
        if (!q->len)
            continue;
        if (count == MAX_PIECES)
            return -EMSGSIZE;
        pieces[count].data = q->payload;
        pieces[count].len = q->len;
        count++;
    }
    int r = d->dev->ops->transmit(d->dev, pieces, count, false, 0, 0);
    if (r == 0)
        d->last_tx_ns = rr_monotonic_ns();
    return r;
}

/* Sends queued frames, oldest first, until the ring is full again. */
static void drain(struct dev_netif *d)
{
    while (d->count) {
        struct pbuf *p = d->queue[d->head];
        int r = send_frame(d, p);
        if (r == -EAGAIN)
            return;
        /* sent, or a frame the device can never take: either way it is done */
        if (r < 0)
            d->dropped++;
        pbuf_free(p);
        d->queue[d->head] = NULL;
        d->head = (d->head + 1) % TX_QUEUE_MAX;
        d->count--;
    }
}

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
    struct dev_netif *d = (struct dev_netif *)n;
    if (d->count)
        drain(d);
    if (!d->count) {
        int r = send_frame(d, p);
        if (r == 0)
            return ERR_OK;
        if (r != -EAGAIN) {
            d->dropped++;
            return ERR_IF;
        }
    }
    if (d->count == TX_QUEUE_MAX) {
        d->dropped++;
        return ERR_MEM;
    }
    pbuf_ref(p);
    d->queue[(d->head + d->count) % TX_QUEUE_MAX] = p;
    d->count++;
    return ERR_OK;
}

static void tx_ready(struct rr_netdev *dev)
{
    struct dev_netif *d = dev->stack_data;
    if (d)
        drain(d);
}

static void rx(struct rr_netdev *dev, const void *frame, size_t len, bool csum_ok)
{
    struct dev_netif *d = dev->stack_data;
    if (!d || len > 0xffff)
        return;
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
    if (!p)
        return;
    pbuf_take(p, frame, (u16_t)len);
    rr_lwip_tw_reuse(frame, len);
    /* lwIP handles the frame before input returns (NO_SYS, no queue in
     * between), so the interface's checks can follow each frame's word.
     * Generation flags are untouched by this: lwIP computes every sum it sends. */
    NETIF_SET_CHECKSUM_CTRL(&d->netif, csum_ok ? CHECKS_VERIFIED : CHECKS_ALL);
    if (d->netif.input(p, &d->netif) != ERR_OK)
        pbuf_free(p);
    NETIF_SET_CHECKSUM_CTRL(&d->netif, CHECKS_ALL);
    rr_net_pump();
}

static void link_changed(struct rr_netdev *dev)
{
    struct dev_netif *d = dev->stack_data;
    if (!d)
        return;
    if (dev->link_up)
        netif_set_link_up(&d->netif);
    else
        netif_set_link_down(&d->netif);
}

static err_t dev_netif_init(struct netif *n)
{
    struct rr_netdev *dev = ((struct dev_netif *)n)->dev;
    n->name[0] = dev->name[0];
    n->name[1] = dev->name[1];
    n->hwaddr_len = 6;
    rr_memcpy(n->hwaddr, dev->mac, 6);
    n->mtu = dev->mtu;
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    n->output = etharp_output;
    n->output_ip6 = ethip6_output;
    n->linkoutput = linkoutput;
    NETIF_SET_CHECKSUM_CTRL(n, CHECKS_ALL);
    return ERR_OK;
}

struct netif *rr_netif_attach(struct rr_netdev *dev)
{
    if (nall == RR_NETDEV_MAX)
        return NULL;
    struct dev_netif *d = rr_zalloc(sizeof(*d));
    if (!d)
        return NULL;
    d->dev = dev;
    struct netif *n = &d->netif;
    if (!netif_add(n, NULL, NULL, NULL, d, dev_netif_init, ethernet_input)) {
        rr_free(d);
        return NULL;
    }
    all[nall++] = d;
    dev->stack_data = d;
    dev->link_changed = link_changed;
    dev->rx = rx;
    dev->tx_ready = tx_ready;
    netif_create_ip6_linklocal_address(n, 1);
    netif_set_ip6_autoconfig_enabled(n, 1);
    netif_set_up(n);
    if (dev->link_up)
        netif_set_link_up(n);
    return n;
}

bool rr_netif_tx_idle(void)
{
    for (unsigned i = 0; i < nall; i++) {
        struct dev_netif *d = all[i];
        if (d->count)
            drain(d);
        if (d->count)
            return false;
        if (d->dev->ops->tx_pending && d->dev->ops->tx_pending(d->dev))
            return false;
    }
    return true;
}

bool rr_netif_tx_room(void)
{
    for (unsigned i = 0; i < nall; i++)
        if (all[i]->count == TX_QUEUE_MAX)
            return false;
    return true;
}

uint64_t rr_netif_last_tx_ns(void)
{
    uint64_t last = 0;
    for (unsigned i = 0; i < nall; i++)
        if (all[i]->last_tx_ns > last)
            last = all[i]->last_tx_ns;
    return last;
}

uint64_t rr_netif_tx_dropped(void)
{
    uint64_t n = 0;
    for (unsigned i = 0; i < nall; i++)
        n += all[i]->dropped;
    return n;
}
