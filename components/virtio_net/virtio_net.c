/*
 * The virtio network driver's life cycle (virtio 1.2 §5.1): features, the
 * MAC and MTU from the configuration space, one receive and one transmit
 * queue, registration as a network interface once the device is live, and
 * the link state from the STATUS field and its change interrupts.
 */
#include <rr/kern.h>
#include "vnet_internal.h"

#define DEBUG_SETTING "RUMPRUN_NET_DEBUG=1"
/* Without an interrupt line the rings are looked at this often. */
#define POLL_NS (2ULL * 1000000ULL)

static const struct rr_netdev_ops vnet_ops = {
    .transmit = rr_vnet_transmit,
    .tx_pending = rr_vnet_tx_pending,
};

static bool debug_wanted(void)
{
    for (char **e = rr_config.envp; e && *e; e++)
        if (rr_strcmp(*e, DEBUG_SETTING) == 0)
            return true;
    return false;
}

void rr_vnet_count(struct vnet *vn, const char *what, uint64_t *counter)
{
    uint64_t n = ++*counter;
    if ((n & (n - 1)) == 0)
        rr_printk("%s: %s %lu frame(s)", vn->net.name, what, (unsigned long)n);
}

int rr_vnet_alloc_buffers(struct vnet *vn, uint8_t **bufs, unsigned n)
{
    unsigned per_page = (unsigned)(RR_PAGE_SIZE / vn->buf_size);
    uint8_t *page = NULL;
    for (unsigned i = 0; i < n; i++) {
        if (i % per_page == 0 && !(page = rr_page_alloc()))
            return -ENOMEM;
        bufs[i] = page + (i % per_page) * vn->buf_size;
    }
    return 0;
}

static uint16_t config16(struct rr_virtio_device *dev, size_t off)
{
    uint16_t v;
    rr_virtio_read_config(dev, off, &v, sizeof(v));
    return v;
}

static bool link_up(struct vnet *vn)
{
    if (!(vn->vdev->features & RR_VNET_F_STATUS))
        return true;
    return (config16(vn->vdev, RR_VNET_CFG_STATUS) & RR_VNET_S_LINK_UP) != 0;
}

static void read_identity(struct vnet *vn)
{
    struct rr_virtio_device *dev = vn->vdev;
    if (dev->features & RR_VNET_F_MAC) {
        rr_virtio_read_config(dev, RR_VNET_CFG_MAC, vn->net.mac, sizeof(vn->net.mac));
    } else {
        /* A locally administered unicast address, different at every boot. */
        rr_random_bytes(vn->net.mac, sizeof(vn->net.mac));
        vn->net.mac[0] = (uint8_t)((vn->net.mac[0] & 0xfe) | 0x02);
    }
    uint16_t mtu = 1500;
    if (dev->features & RR_VNET_F_MTU) {
        uint16_t offered = config16(dev, RR_VNET_CFG_MTU);
        if (offered >= 68)
            mtu = offered;
    }
    /* Without mergeable buffers a whole frame must fit one buffer, and buffers are at most a page. */
    size_t largest = RR_PAGE_SIZE - vn->hdr_len - RR_VNET_ETH_HEADER - RR_VNET_VLAN_TAG;
    if (mtu > largest)
        mtu = (uint16_t)largest;
    vn->net.mtu = mtu;
    vn->buf_size = vn->hdr_len + rr_vnet_frame_max(mtu) <= RR_PAGE_SIZE / 2 ? RR_PAGE_SIZE / 2 : RR_PAGE_SIZE;
}

static void poll_rings(struct rr_ktimer *t)
{
    struct vnet *vn = (struct vnet *)((uint8_t *)t - __builtin_offsetof(struct vnet, poll));
    rr_vnet_rx_done(vn->rxq);
    rr_vnet_tx_done(vn->txq);
    rr_ktimer_start(t, rr_monotonic_ns() + POLL_NS);
}

static int vnet_probe(struct rr_virtio_device *dev)
{
    struct vnet *vn = rr_zalloc(sizeof(*vn));
    if (!vn)
        return -ENOMEM;
    vn->vdev = dev;
    vn->hdr_len = rr_vnet_hdr_len(dev->legacy, dev->features);
    /* Modern devices take any layout (VERSION_1 implies ANY_LAYOUT); legacy
     * ones want the header alone in the first descriptor. */
    vn->descs_per_buf = dev->legacy ? 2 : 1;
    read_identity(vn);
    vn->debug = debug_wanted();
    vn->rxq = rr_virtq_create(dev, RR_VNET_RX_QUEUE, rr_vnet_rx_done);
    vn->txq = rr_virtq_create(dev, RR_VNET_TX_QUEUE, rr_vnet_tx_done);
    if (!vn->rxq || !vn->txq)
        return -ENOMEM;     /* the device is failed; what was allocated stays with it */
    vn->rxq->data = vn;
    vn->txq->data = vn;
    int r = rr_vnet_rx_setup(vn);
    if (r == 0)
        r = rr_vnet_tx_setup(vn);
    if (r < 0)
        return r;

    vn->net.ops = &vnet_ops;
    vn->net.driver_data = vn;
    if (dev->features & RR_VNET_F_CSUM)
        vn->net.features |= RR_NETDEV_F_CSUM_TX;
    if (dev->features & RR_VNET_F_GUEST_CSUM)
        vn->net.features |= RR_NETDEV_F_CSUM_RX;
    vn->poll.fn = poll_rings;
    dev->driver_data = vn;
    return 0;
}

static void vnet_start(struct rr_virtio_device *dev)
{
    struct vnet *vn = dev->driver_data;
    vn->net.link_up = link_up(vn);
    if (rr_netdev_register(&vn->net) < 0) {
        rr_printk("virtio %s: network interface not usable: too many interfaces", dev->where);
        return;
    }
    if (vn->debug) {
        const uint8_t *m = vn->net.mac;
        static const char *const offload[] = { "none", "transmit", "receive", "transmit and receive" };
        rr_printk("%s: virtio-net at %s%s, MAC %02x:%02x:%02x:%02x:%02x:%02x, MTU %u, link %s, checksum offload: %s",
                  vn->net.name, dev->where, dev->legacy ? " (legacy)" : "", m[0], m[1], m[2], m[3], m[4], m[5],
                  vn->net.mtu, vn->net.link_up ? "up" : "down",
                  offload[vn->net.features & (RR_NETDEV_F_CSUM_TX | RR_NETDEV_F_CSUM_RX)]);
    }
    rr_virtq_kick(vn->rxq);
    if (dev->no_interrupt)
        rr_ktimer_start(&vn->poll, rr_monotonic_ns() + POLL_NS);
}

static void vnet_config_changed(struct rr_virtio_device *dev)
{
    struct vnet *vn = dev->driver_data;
    if (!vn)
        return;
    bool up = link_up(vn);
    if (up == vn->net.link_up)
        return;
    vn->net.link_up = up;
    if (vn->debug)
        rr_printk("%s: link %s", vn->net.name, up ? "up" : "down");
    if (vn->net.link_changed)
        vn->net.link_changed(&vn->net);
}

static const struct rr_virtio_driver vnet_driver = {
    .name = "virtio-net",
    .device_id = RR_VIRTIO_ID_NET,
    .features = RR_VNET_F_CSUM | RR_VNET_F_GUEST_CSUM | RR_VNET_F_MTU | RR_VNET_F_MAC | RR_VNET_F_STATUS,
    .probe = vnet_probe,
    .start = vnet_start,
    .config_changed = vnet_config_changed,
};

static int virtio_net_init(void)
{
    return rr_virtio_register_driver(&vnet_driver);
}
_Static_assert(RR_VIRTIO_DRIVER_ORDER == 2, "RR_INIT below must use the driver order");
RR_INIT(2, virtio_net_init);
