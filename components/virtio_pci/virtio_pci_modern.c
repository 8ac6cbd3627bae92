/*
 * The virtio 1.x PCI interface (virtio 1.2 §4.1.4): vendor-specific
 * capabilities locate the common configuration, notification, ISR and
 * device configuration structures inside memory BARs.
 */
#include <rr/kern.h>
#include "virtio_pci_internal.h"

#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR    3
#define CAP_DEVICE 4

/* common configuration structure (§4.1.4.3) */
#define C_DFSELECT   0x00
#define C_DF         0x04
#define C_GFSELECT   0x08
#define C_GF         0x0c
#define C_STATUS     0x14
#define C_GENERATION 0x15
#define C_Q_SELECT   0x16
#define C_Q_SIZE     0x18
#define C_Q_ENABLE   0x1c
#define C_Q_NOFF     0x1e
#define C_Q_DESCLO   0x20
#define C_Q_DESCHI   0x24
#define C_Q_AVAILLO  0x28
#define C_Q_AVAILHI  0x2c
#define C_Q_USEDLO   0x30
#define C_Q_USEDHI   0x34

static struct vpci *of(struct rr_virtio_device *dev)
{
    return dev->transport;
}

static uint8_t r8(volatile uint8_t *base, size_t off) { return *(volatile uint8_t *)(base + off); }
static uint16_t r16(volatile uint8_t *base, size_t off) { return *(volatile uint16_t *)(base + off); }
static uint32_t r32(volatile uint8_t *base, size_t off) { return *(volatile uint32_t *)(base + off); }
static void w8(volatile uint8_t *base, size_t off, uint8_t v) { *(volatile uint8_t *)(base + off) = v; }
static void w16(volatile uint8_t *base, size_t off, uint16_t v) { *(volatile uint16_t *)(base + off) = v; }
static void w32(volatile uint8_t *base, size_t off, uint32_t v) { *(volatile uint32_t *)(base + off) = v; }

/* The structure a capability describes, mapped; NULL when its BAR is not usable memory. */
static volatile uint8_t *cap_target(struct vpci *v, uint8_t cap, uint32_t need)
{
    uint8_t bar = rr_pci_read8(v->pci, (uint16_t)(cap + 4));
    uint32_t off = rr_pci_read32(v->pci, (uint16_t)(cap + 8));
    uint32_t len = rr_pci_read32(v->pci, (uint16_t)(cap + 12));
    if (bar >= RR_PCI_MAX_BARS || len < need || off + (uint64_t)len > v->pci->bars[bar].size)
        return NULL;
    uint8_t *base = rr_pci_map_bar(v->pci, bar);
    return base ? base + off : NULL;
}

bool rr_vpci_modern_setup(struct vpci *v)
{
    for (uint8_t cap = rr_pci_find_cap(v->pci, RR_PCI_CAP_VENDOR, 0); cap;
         cap = rr_pci_find_cap(v->pci, RR_PCI_CAP_VENDOR, cap)) {
        uint8_t type = rr_pci_read8(v->pci, (uint16_t)(cap + 3));
        /* The first capability of each type is the preferred one (§4.1.4). */
        if (type == CAP_COMMON && !v->common)
            v->common = cap_target(v, cap, 0x38);
        else if (type == CAP_NOTIFY && !v->notify_base) {
            v->notify_base = cap_target(v, cap, 2);
            v->notify_mult = rr_pci_read32(v->pci, (uint16_t)(cap + 16));
        } else if (type == CAP_ISR && !v->isr)
            v->isr = cap_target(v, cap, 1);
        else if (type == CAP_DEVICE && !v->device_cfg)
            v->device_cfg = cap_target(v, cap, 1);
    }
    return v->common && v->notify_base && v->isr;
}

static uint8_t get_status(struct rr_virtio_device *dev)
{
    return r8(of(dev)->common, C_STATUS);
}

static void set_status(struct rr_virtio_device *dev, uint8_t status)
{
    w8(of(dev)->common, C_STATUS, status);
}

static uint64_t get_features(struct rr_virtio_device *dev)
{
    volatile uint8_t *c = of(dev)->common;
    w32(c, C_DFSELECT, 0);
    uint64_t lo = r32(c, C_DF);
    w32(c, C_DFSELECT, 1);
    return lo | (uint64_t)r32(c, C_DF) << 32;
}

static void set_features(struct rr_virtio_device *dev, uint64_t features)
{
    volatile uint8_t *c = of(dev)->common;
    w32(c, C_GFSELECT, 0);
    w32(c, C_GF, (uint32_t)features);
    w32(c, C_GFSELECT, 1);
    w32(c, C_GF, (uint32_t)(features >> 32));
}

/* The generation counter tells a multi-byte value was not torn by a change. */
static void read_config(struct rr_virtio_device *dev, size_t off, void *buf, size_t n)
{
    struct vpci *v = of(dev);
    uint8_t *out = buf;
    if (!v->device_cfg) {
        rr_memset(buf, 0, n);
        return;
    }
    uint8_t before, after;
    do {
        before = r8(v->common, C_GENERATION);
        for (size_t i = 0; i < n; i++)
            out[i] = r8(v->device_cfg, off + i);
        after = r8(v->common, C_GENERATION);
    } while (before != after);
}

static void write_config(struct rr_virtio_device *dev, size_t off, const void *buf, size_t n)
{
    struct vpci *v = of(dev);
    const uint8_t *in = buf;
    for (size_t i = 0; v->device_cfg && i < n; i++)
        w8(v->device_cfg, off + i, in[i]);
}

static uint16_t queue_max(struct rr_virtio_device *dev, uint16_t index)
{
    volatile uint8_t *c = of(dev)->common;
    w16(c, C_Q_SELECT, index);
    if (r16(c, C_Q_ENABLE) != 0)
        return 0;
    return r16(c, C_Q_SIZE);
}

static int queue_setup(struct rr_virtio_device *dev, uint16_t index, const struct rr_virtq_layout *q)
{
    struct vpci *v = of(dev);
    volatile uint8_t *c = v->common;
    w16(c, C_Q_SELECT, index);
    w16(c, C_Q_SIZE, q->size);
    w32(c, C_Q_DESCLO, (uint32_t)q->desc);
    w32(c, C_Q_DESCHI, (uint32_t)(q->desc >> 32));
    w32(c, C_Q_AVAILLO, (uint32_t)q->avail);
    w32(c, C_Q_AVAILHI, (uint32_t)(q->avail >> 32));
    w32(c, C_Q_USEDLO, (uint32_t)q->used);
    w32(c, C_Q_USEDHI, (uint32_t)(q->used >> 32));
    uint64_t at = (uint64_t)r16(c, C_Q_NOFF) * v->notify_mult;
    v->notify_at[index] = (volatile uint16_t *)(v->notify_base + at);
    w16(c, C_Q_ENABLE, 1);
    return r16(c, C_Q_ENABLE) == 1 ? 0 : -EIO;
}

static void notify(struct rr_virtio_device *dev, uint16_t index)
{
    *of(dev)->notify_at[index] = index;
}

uint8_t rr_vpci_modern_isr(struct vpci *v)
{
    return *v->isr;     /* reading clears it and lowers the INTx line */
}

static uint32_t irq_status(struct rr_virtio_device *dev)
{
    return rr_vpci_modern_isr(of(dev));
}

static void irq_ack(struct rr_virtio_device *dev, uint32_t bits)
{
    (void)dev;
    (void)bits;         /* the ISR read acknowledged already */
}

const struct rr_virtio_transport_ops rr_vpci_modern_ops = {
    .get_status = get_status,
    .set_status = set_status,
    .get_features = get_features,
    .set_features = set_features,
    .read_config = read_config,
    .write_config = write_config,
    .queue_max = queue_max,
    .queue_setup = queue_setup,
    .notify = notify,
    .irq_status = irq_status,
    .irq_ack = irq_ack,
};
