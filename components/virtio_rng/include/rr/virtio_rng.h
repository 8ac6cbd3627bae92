/*
 * rr/virtio_rng.h — the virtio entropy device driver (components/virtio_rng).
 *
 * It registers for device ID 4 before the transports probe. When a device is
 * found it asks it for RR_VIRTIO_RNG_BOOT_BYTES bytes, waits for them (at most
 * RR_VIRTIO_RNG_DEADLINE_MS, so a broken device cannot hang the boot) and
 * mixes them into the platform's generator with rr_random_add_entropy().
 * Without a device it does nothing and says nothing.
 */
#pragma once

#include <stddef.h>

#define RR_VIRTIO_RNG_BOOT_BYTES  32
#define RR_VIRTIO_RNG_DEADLINE_MS 1000

/* Bytes the device delivered at boot (0 when there is no device or it gave none). */
size_t rr_virtio_rng_boot_bytes(void);
