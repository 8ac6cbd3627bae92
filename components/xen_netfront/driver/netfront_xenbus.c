/*
 * Finding the virtual interfaces and connecting to their back ends through
 * xenstore (public io/xenbus.h states, io/netif.h keys). The toolstack lists
 * each interface under device/vif/N in the domain's home, with its MAC and the
 * back end's path; the back end waits for the front end (InitWait). The front
 * end shares the two ring pages and an event channel, asks for received
 * frames to be copied into its own buffers, and says Connected; the back end
 * connects when it sees that.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/hex.h>
#include <rr/xen/xen.h>
#include <rr/xen/event.h>
#include <rr/xen/grant_table.h>
#include <rr/xen/xenbus.h>
#include <rr/xen/xenstore.h>
#include "netfront.h"

#define MAX_VIFS 8

static struct netfront *vifs[MAX_VIFS];
static size_t nvifs;

static const struct rr_netdev_ops netfront_ops = {
    .transmit = rr_netfront_transmit,
    .tx_pending = rr_netfront_tx_pending,
};

static void on_event(uint32_t port)
{
    for (size_t i = 0; i < nvifs; i++)
        if (vifs[i]->port == port)
            rr_netfront_event(vifs[i]);
}

static long grant_new_page(struct netfront *nf, uint8_t **page, bool readonly)
{
    *page = rr_page_alloc();
    if (!*page)
        return -ENOMEM;
    return rr_gnttab_grant(nf->backend_id, (uintptr_t)*page >> 12, readonly);
}

/* The ring pages and the buffers, each granted to the back end for good. */
static int share_memory(struct netfront *nf)
{
    uint8_t *page;
    long ref = grant_new_page(nf, &page, false);
    if (ref < 0)
        return (int)ref;
    rr_netif_front_init(&nf->tx, page, RR_NETIF_PAGE, sizeof(union rr_netif_tx_entry));
    nf->tx_ring_gref = (uint32_t)ref;
    ref = grant_new_page(nf, &page, false);
    if (ref < 0)
        return (int)ref;
    rr_netif_front_init(&nf->rx, page, RR_NETIF_PAGE, sizeof(union rr_netif_rx_entry));
    nf->rx_ring_gref = (uint32_t)ref;
    for (int i = 0; i < NETFRONT_RX_BUFS; i++) {
        ref = grant_new_page(nf, &nf->rx_pages[i], false);
        if (ref < 0)
            return (int)ref;
        nf->rx_grefs[i] = (uint32_t)ref;
    }
    /* The back end only reads what is sent. */
    for (int i = 0; i < NETFRONT_TX_BUFS; i++) {
        ref = grant_new_page(nf, &nf->tx_pages[i], true);
        if (ref < 0)
            return (int)ref;
        nf->tx_grefs[i] = (uint32_t)ref;
    }
    return 0;
}

static int connect(struct netfront *nf)
{
    int state = rr_xenbus_wait_state(nf->back, RR_XENBUS_INIT_WAIT);
    if (state < RR_XENBUS_INIT_WAIT || state >= RR_XENBUS_CLOSING) {
        rr_printk("xen interface %s: the back end %s is not ready (state %d)", nf->front, nf->back, state);
        return -ENXIO;
    }
    uint64_t copy = 0;
    if (!rr_xenbus_read_u64(nf->back, "feature-rx-copy", &copy) || !copy) {
        rr_printk("xen interface %s: the back end %s cannot copy received frames (feature-rx-copy)", nf->front,
                  nf->back);
        return -ENXIO;
    }
    int r = share_memory(nf);
    if (r < 0) {
        rr_printk("xen interface %s: no memory or grant references for the rings (error %d)", nf->front, -r);
        return r;
    }
    r = rr_xenbus_alloc_port(nf->backend_id, &nf->port);
    if (r < 0) {
        rr_printk("xen interface %s: no event channel (error %d)", nf->front, -r);
        return -EIO;
    }
    vifs[nvifs++] = nf;

    /* No feature-sg and no GSO: every frame is one slot both ways. The back
     * end computes checksums itself (feature-no-csum-offload), so every frame
     * that arrives is complete. */
    if (rr_xenbus_write_u64(nf->front, "tx-ring-ref", nf->tx_ring_gref) < 0 ||
        rr_xenbus_write_u64(nf->front, "rx-ring-ref", nf->rx_ring_gref) < 0 ||
        rr_xenbus_write_u64(nf->front, "event-channel", nf->port) < 0 ||
        rr_xenbus_write(nf->front, "request-rx-copy", "1") < 0 ||
        rr_xenbus_write(nf->front, "feature-rx-notify", "1") < 0 ||
        rr_xenbus_write(nf->front, "feature-no-csum-offload", "1") < 0 ||
        rr_xenbus_write_u64(nf->front, "state", RR_XENBUS_CONNECTED) < 0) {
        rr_printk("xen interface %s: xenstore refused the rings' keys", nf->front);
        return -EIO;
    }
    state = rr_xenbus_wait_state(nf->back, RR_XENBUS_CONNECTED);
    if (state != RR_XENBUS_CONNECTED) {
        rr_printk("xen interface %s: the back end %s did not connect (state %d)", nf->front, nf->back, state);
        return -ENXIO;
    }
    /* Receive buffers go in before the port can fire: the handler takes responses at once. */
    uint64_t f = rr_irq_save();
    nf->connected = true;
    rr_netfront_rx_fill(nf);
    rr_xen_port_bind(nf->port, on_event);
    rr_irq_restore(f);
    return 0;
}

static void probe(const char *id)
{
    if (nvifs >= MAX_VIFS) {
        rr_printk("xen interface device/vif/%s: more than %d interfaces; this one is left out", id, MAX_VIFS);
        return;
    }
    struct netfront *nf = rr_zalloc(sizeof(*nf));
    if (!nf) {
        rr_printk("xen interface device/vif/%s: no memory", id);
        return;
    }
    rr_snprintf(nf->front, sizeof(nf->front), "device/vif/%s", id);
    uint64_t backend_id = 0;
    char path[160], mac[24];
    rr_snprintf(path, sizeof(path), "%s/backend", nf->front);
    if (rr_xs_read(path, nf->back, sizeof(nf->back)) <= 0 || !rr_xenbus_read_u64(nf->front, "backend-id", &backend_id) ||
        backend_id > 0x7FEF) {
        rr_printk("xen interface %s: no back end named (backend, backend-id)", nf->front);
        rr_free(nf);
        return;
    }
    nf->backend_id = (uint16_t)backend_id;
    rr_snprintf(path, sizeof(path), "%s/mac", nf->front);
    if (rr_xs_read(path, mac, sizeof(mac)) <= 0 || !rr_mac_parse(mac, nf->net.mac)) {
        rr_printk("xen interface %s: no MAC address in %s", nf->front, path);
        rr_free(nf);
        return;
    }
    /* An interface that failed half way keeps its pages and grants: the back end may hold them. */
    if (connect(nf) < 0)
        return;
    rr_snprintf(nf->net.name, sizeof(nf->net.name), "xenif%u", (unsigned)(nvifs - 1));
    nf->net.mtu = 1500;
    nf->net.features = 0;
    nf->net.link_up = true;
    nf->net.ops = &netfront_ops;
    nf->net.driver_data = nf;
    if (rr_netdev_register(&nf->net) < 0) {
        rr_printk("xen interface %s: not usable: too many network interfaces", nf->front);
        return;
    }
    const uint8_t *m = nf->net.mac;
    rr_printk("%s: %s, back end %s, MAC %02x:%02x:%02x:%02x:%02x:%02x", nf->net.name, nf->front, nf->back, m[0], m[1],
              m[2], m[3], m[4], m[5]);
}

static int xen_netfront_init(void)
{
    rr_xenbus_probe_devices("device/vif", probe);
    return 0;
}
/* After the disks (2), before the stack attaches to the interfaces (6). */
RR_INIT(4, xen_netfront_init);
