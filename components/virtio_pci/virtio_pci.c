/*
 * The virtio PCI transport: every function with the virtio vendor ID
 * (0x1af4, devices 0x1000-0x107f) is attached to the virtio core through
 * the modern interface when it offers one, else through the legacy I/O
 * block. Its INTx line is shared with other functions; the handler reads
 * the ISR, which clears it, until it reads zero.
 */
#include <rr/kern.h>
#include "virtio_pci_internal.h"

#define VIRTIO_VENDOR        0x1af4
#define FIRST_TRANSITIONAL   0x1000
#define LAST_TRANSITIONAL    0x103f
#define FIRST_MODERN         0x1040
#define LAST_MODERN          0x107f

static void vpci_irq(void *arg)
{
    struct vpci *v = arg;
    uint32_t isr;
    while ((isr = v->dev.ops->irq_status(&v->dev)) != 0)
        rr_virtio_interrupt(&v->dev, isr);
}

static uint32_t virtio_id(const struct rr_pci_device *d)
{
    if (d->device >= FIRST_MODERN)
        return d->device - FIRST_MODERN;
    return d->subsys_id;    /* transitional devices name their type in the subsystem ID */
}

static void attach(struct rr_pci_device *d)
{
    struct vpci *v = rr_zalloc(sizeof(*v));
    if (!v)
        return;
    v->pci = d;
    rr_snprintf(v->where, sizeof(v->where), "%s", d->where);
    v->dev.transport = v;
    v->dev.where = v->where;
    v->dev.device_id = virtio_id(d);
    rr_pci_enable(d);
    if (rr_vpci_modern_setup(v)) {
        v->dev.ops = &rr_vpci_modern_ops;
    } else if (d->device <= LAST_TRANSITIONAL && rr_vpci_legacy_setup(v)) {
        v->dev.ops = &rr_vpci_legacy_ops;
        v->dev.legacy = true;
    } else {
        rr_printk("virtio %s: neither a usable modern nor a legacy interface", d->where);
        rr_free(v);
        return;
    }
    /* Routed before attaching: a driver's start may already wait for the device. */
    if (rr_pci_intx_register(d, vpci_irq, v) < 0)
        v->dev.no_interrupt = true;
    int r = rr_virtio_attach(&v->dev);
    if (r < 0 && r != -ENODEV)
        rr_printk("virtio %s: device %u could not be set up (error %d)", v->where, v->dev.device_id, -r);
}

static int virtio_pci_init(void)
{
    struct rr_pci_device *d;
    for (size_t i = 0; (d = rr_pci_nth(i)) != NULL; i++) {
        if (d->vendor != VIRTIO_VENDOR || d->device < FIRST_TRANSITIONAL || d->device > LAST_MODERN)
            continue;
        attach(d);
    }
    return 0;
}
_Static_assert(RR_VIRTIO_PROBE_ORDER == 4, "RR_INIT below must use the probe order");
RR_INIT(4, virtio_pci_init);
