/*
 * One virtio PCI function and the two register layouts that drive it.
 */
#pragma once

#include <rr/pci.h>
#include <rr/virtio.h>

struct vpci {
    struct rr_pci_device *pci;
    struct rr_virtio_device dev;
    char where[24];
    /* virtio 1.x: the structures the vendor capabilities point at */
    volatile uint8_t *common, *isr, *device_cfg, *notify_base;
    uint32_t notify_mult;
    volatile uint16_t *notify_at[RR_VIRTIO_MAX_QUEUES];
    /* legacy: the I/O BAR */
    uint16_t io;
};

/* virtio_pci_modern.c: finds the capabilities and maps them; false when the function has none usable. */
bool rr_vpci_modern_setup(struct vpci *v);
extern const struct rr_virtio_transport_ops rr_vpci_modern_ops;
uint8_t rr_vpci_modern_isr(struct vpci *v);

/* virtio_pci_legacy.c: takes BAR 0 as the legacy register block; false when it is not an I/O BAR. */
bool rr_vpci_legacy_setup(struct vpci *v);
extern const struct rr_virtio_transport_ops rr_vpci_legacy_ops;
uint8_t rr_vpci_legacy_isr(struct vpci *v);
