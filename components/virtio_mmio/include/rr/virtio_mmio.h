/*
 * rr/virtio_mmio.h — the virtio-mmio transport (components/virtio_mmio) as
 * QEMU's microvm machine lays it out: slots of 0x200 bytes from
 * RR_VIRTIO_MMIO_BASE, version 1 (legacy) and 2 (modern) register layouts.
 *
 * Its initialiser (order RR_VIRTIO_PROBE_ORDER) maps the slots, probes them
 * and hands every device it finds to the virtio core, which pairs it with a
 * registered driver. There is nothing else to call.
 */
#pragma once

#include <stdint.h>

#define RR_VIRTIO_MMIO_BASE       0xFEB00000UL
#define RR_VIRTIO_MMIO_SLOT_SIZE  0x200UL

/* The number of slots and their interrupts depend on the machine's options:
 * with the second IOAPIC (microvm's default) there are 24 slots and slot n
 * raises GSI 24 + n, its pin n; without it, 8 slots on GSIs 16 + n. */
#define RR_IOAPIC2_BASE           0xFEC10000UL

/* How many slots the machine has (valid after the transport's initialiser ran). */
int rr_virtio_mmio_slots(void);
