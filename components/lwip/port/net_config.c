/*
 * Boot-time addresses (contracts §9): every device gets an interface; the
 * configuration's "net" entries find theirs by MAC and set a static address
 * or run DHCP, which the boot waits for (10 s at most) before the program
 * starts.
 */
#include <rr/kern.h>
#include <rr/netdev.h>
#include "lwip/netif.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/ip4_addr.h"
#include "net_stack.h"
#include "netif_dev.h"

#define DHCP_WAIT_NS 10000000000ull
#define NET_MAX 8

struct dhcp_wait {
    struct netif *netif[NET_MAX];
    size_t count;
};

static bool all_bound(void *arg)
{
    struct dhcp_wait *w = arg;
    for (size_t i = 0; i < w->count; i++)
        if (!dhcp_supplied_address(w->netif[i]))
            return false;
    return true;
}

static struct rr_netdev *by_mac(const uint8_t mac[6])
{
    for (size_t i = 0; rr_netdev_nth(i); i++)
        if (rr_memcmp(rr_netdev_nth(i)->mac, mac, 6) == 0)
            return rr_netdev_nth(i);
    return NULL;
}

static void set_static(struct netif *n, const struct rr_net_spec *s)
{
    for (size_t i = 0; i < s->ndns && i < DNS_MAX_SERVERS; i++) {
        ip_addr_t d;
        IP_ADDR4(&d, s->dns[i][0], s->dns[i][1], s->dns[i][2], s->dns[i][3]);
        dns_setserver((u8_t)i, &d);
    }
    ip4_addr_t addr, mask, gw;
    IP4_ADDR(&addr, s->addr[0], s->addr[1], s->addr[2], s->addr[3]);
    uint32_t m = s->prefix ? 0xffffffffu << (32 - s->prefix) : 0;
    ip4_addr_set_u32(&mask, lwip_htonl(m));
    if (s->has_gateway)
        IP4_ADDR(&gw, s->gateway[0], s->gateway[1], s->gateway[2], s->gateway[3]);
    else
        ip4_addr_set_zero(&gw);
    netif_set_addr(n, &addr, &mask, &gw);
}

static int net_config_init(void)
{
    struct netif *first = NULL;
    for (size_t i = 0; rr_netdev_nth(i); i++) {
        struct netif *n = rr_netif_attach(rr_netdev_nth(i));
        if (!n)
            return -ENOMEM;
        if (!first)
            first = n;
    }
    struct dhcp_wait w = { .count = 0 };
    struct netif *dhcp_netif[NET_MAX];
    const char *dhcp_tag[NET_MAX];
    for (size_t i = 0; i < rr_config.nnet; i++) {
        const struct rr_net_spec *s = &rr_config.net[i];
        struct rr_netdev *dev = by_mac(s->mac);
        if (!dev) {
            rr_printk("rumprun: %s: no network device with MAC %02x:%02x:%02x:%02x:%02x:%02x (continuing without it)",
                      s->tag, s->mac[0], s->mac[1], s->mac[2], s->mac[3], s->mac[4], s->mac[5]);
            continue;
        }
        struct netif *n = dev->stack_data;
        if (s->method == RR_NET_STATIC) {
            set_static(n, s);
        } else if (w.count < NET_MAX && dhcp_start(n) == ERR_OK) {
            dhcp_netif[w.count] = n;
            dhcp_tag[w.count] = s->tag;
            w.netif[w.count++] = n;
        }
        if (i == 0)
            netif_set_default(n);
    }
    if (w.count) {
        rr_net_run_until(all_bound, &w, rr_monotonic_ns() + DHCP_WAIT_NS);
        for (size_t i = 0; i < w.count; i++)
            if (!dhcp_supplied_address(dhcp_netif[i]))
                rr_printk("rumprun: %s: no DHCP answer (continuing without an address)", dhcp_tag[i]);
    }
    if (!netif_default && first)
        netif_set_default(first);
    return 0;
}

/* after the stack (6) */
RR_INIT(7, net_config_init);
