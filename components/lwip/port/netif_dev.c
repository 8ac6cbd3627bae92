/*
 * One lwIP interface per platform network device: received frames are
 * copied into a pbuf and handed to lwIP at once (interrupt context, see
 * net_stack.c); outgoing frames go to the driver as a list of pieces, with
 * the TCP/UDP checksum left to the device when it offers that.
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

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
    struct rr_netdev *dev = n->state;
    struct rr_netbuf_piece pieces[MAX_PIECES];
    unsigned count = 0;
    for (struct pbuf *q = p; q; q = q->next) {
        if (!q->len)
            continue;
        if (count == MAX_PIECES)
            return ERR_MEM;
        pieces[count].data = q->payload;
        pieces[count].len = q->len;
        count++;
    }
    int r = dev->ops->transmit(dev, pieces, count, false, 0, 0);
    return r < 0 ? ERR_MEM : ERR_OK;
}

static void rx(struct rr_netdev *dev, const void *frame, size_t len, bool csum_ok)
{
    (void)csum_ok;
    struct netif *n = dev->stack_data;
    if (!n || len > 0xffff)
        return;
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
    if (!p)
        return;
    pbuf_take(p, frame, (u16_t)len);
    if (n->input(p, n) != ERR_OK)
        pbuf_free(p);
    rr_net_pump();
}

static void link_changed(struct rr_netdev *dev)
{
    struct netif *n = dev->stack_data;
    if (!n)
        return;
    if (dev->link_up)
        netif_set_link_up(n);
    else
        netif_set_link_down(n);
}

static err_t dev_netif_init(struct netif *n)
{
    struct rr_netdev *dev = n->state;
    n->name[0] = dev->name[0];
    n->name[1] = dev->name[1];
    n->hwaddr_len = 6;
    rr_memcpy(n->hwaddr, dev->mac, 6);
    n->mtu = dev->mtu;
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    n->output = etharp_output;
    n->output_ip6 = ethip6_output;
    n->linkoutput = linkoutput;
    if (dev->features & RR_NETDEV_F_CSUM_RX)
        NETIF_SET_CHECKSUM_CTRL(n, NETIF_CHECKSUM_GEN_IP | NETIF_CHECKSUM_GEN_UDP | NETIF_CHECKSUM_GEN_TCP |
                                   NETIF_CHECKSUM_GEN_ICMP | NETIF_CHECKSUM_CHECK_IP | NETIF_CHECKSUM_CHECK_ICMP);
    return ERR_OK;
}

struct netif *rr_netif_attach(struct rr_netdev *dev)
{
    struct netif *n = rr_zalloc(sizeof(*n));
    if (!n)
        return NULL;
    if (!netif_add(n, NULL, NULL, NULL, dev, dev_netif_init, ethernet_input)) {
        rr_free(n);
        return NULL;
    }
    dev->stack_data = n;
    dev->link_changed = link_changed;
    dev->rx = rx;
    netif_create_ip6_linklocal_address(n, 1);
    netif_set_ip6_autoconfig_enabled(n, 1);
    netif_set_up(n);
    if (dev->link_up)
        netif_set_link_up(n);
    return n;
}
