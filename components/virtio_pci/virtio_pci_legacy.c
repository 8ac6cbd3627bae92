/*
 * The legacy virtio PCI interface (virtio 0.9.5; virtio 1.2 §4.1.4.8): one
 * block of registers in I/O BAR 0, 32 feature bits, and queues the device
 * sizes itself whose rings it places by page frame number with the used
 * ring at the next 4 KiB boundary.
 */
#include <rr/kern.h>
#include "virtio_pci_internal.h"

#define L_HOST_FEATURES  0x00
#define L_GUEST_FEATURES 0x04
#define L_QUEUE_PFN      0x08
#define L_QUEUE_SIZE     0x0c
#define L_QUEUE_SELECT   0x0e
#define L_QUEUE_NOTIFY   0x10
#define L_STATUS         0x12
#define L_ISR            0x13
#define L_CONFIG         0x14     /* without MSI-X, which this transport leaves off */
#define LEGACY_ALIGN     4096u

static struct vpci *of(struct rr_virtio_device *dev)
{
    return dev->transport;
}

bool rr_vpci_legacy_setup(struct vpci *v)
{
    const struct rr_pci_bar *b = &v->pci->bars[0];
    if (!b->io || !b->base || b->size < L_CONFIG)
        return false;
    v->io = (uint16_t)b->base;
    v->dev.fixed_ring_align = LEGACY_ALIGN;
    return true;
}

static uint8_t get_status(struct rr_virtio_device *dev)
{
    return rr_pci_inb((uint16_t)(of(dev)->io + L_STATUS));
}

static void set_status(struct rr_virtio_device *dev, uint8_t status)
{
    rr_pci_outb((uint16_t)(of(dev)->io + L_STATUS), status);
}

static uint64_t get_features(struct rr_virtio_device *dev)
{
    return rr_pci_inl((uint16_t)(of(dev)->io + L_HOST_FEATURES));
}

static void set_features(struct rr_virtio_device *dev, uint64_t features)
{
    rr_pci_outl((uint16_t)(of(dev)->io + L_GUEST_FEATURES), (uint32_t)features);
}

static void read_config(struct rr_virtio_device *dev, size_t off, void *buf, size_t n)
{
    uint8_t *out = buf;
    for (size_t i = 0; i < n; i++)
        out[i] = rr_pci_inb((uint16_t)(of(dev)->io + L_CONFIG + off + i));
}

static void write_config(struct rr_virtio_device *dev, size_t off, const void *buf, size_t n)
{
    const uint8_t *in = buf;
    for (size_t i = 0; i < n; i++)
        rr_pci_outb((uint16_t)(of(dev)->io + L_CONFIG + off + i), in[i]);
}

static uint16_t queue_max(struct rr_virtio_device *dev, uint16_t index)
{
    uint16_t io = of(dev)->io;
    rr_pci_outw((uint16_t)(io + L_QUEUE_SELECT), index);
    if (rr_pci_inl((uint16_t)(io + L_QUEUE_PFN)) != 0)
        return 0;
    return rr_pci_inw((uint16_t)(io + L_QUEUE_SIZE));
}

static int queue_setup(struct rr_virtio_device *dev, uint16_t index, const struct rr_virtq_layout *q)
{
    uint16_t io = of(dev)->io;
    if (q->base & (LEGACY_ALIGN - 1) || q->desc != q->base || q->base / LEGACY_ALIGN > 0xffffffffu ||
        q->used_align != LEGACY_ALIGN)
        return -EINVAL;
    rr_pci_outw((uint16_t)(io + L_QUEUE_SELECT), index);
    if (rr_pci_inw((uint16_t)(io + L_QUEUE_SIZE)) != q->size)
        return -EINVAL;
    rr_pci_outl((uint16_t)(io + L_QUEUE_PFN), (uint32_t)(q->base / LEGACY_ALIGN));
    return 0;
}

static void notify(struct rr_virtio_device *dev, uint16_t index)
{
    rr_pci_outw((uint16_t)(of(dev)->io + L_QUEUE_NOTIFY), index);
}

uint8_t rr_vpci_legacy_isr(struct vpci *v)
{
    return rr_pci_inb((uint16_t)(v->io + L_ISR));     /* reading clears it */
}

static uint32_t irq_status(struct rr_virtio_device *dev)
{
    return rr_vpci_legacy_isr(of(dev));
}

static void irq_ack(struct rr_virtio_device *dev, uint32_t bits)
{
    (void)dev;
    (void)bits;
}

const struct rr_virtio_transport_ops rr_vpci_legacy_ops = {
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
