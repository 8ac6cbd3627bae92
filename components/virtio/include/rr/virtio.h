/*
 * rr/virtio.h — the transport-independent virtio 1.x core (components/virtio):
 * device status handshake, feature negotiation, split virtqueues, and the
 * registry that pairs devices found by a transport with their drivers.
 *
 * Transports (virtio_mmio, ...) fill a struct rr_virtio_device with their
 * operations and call rr_virtio_attach(); drivers register before the
 * transports probe (RR_INIT order RR_VIRTIO_DRIVER_ORDER, transports probe
 * at RR_VIRTIO_PROBE_ORDER). Everything runs with interrupts off except
 * inside rr_wait_until(), so no locking is needed.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define RR_VIRTIO_DRIVER_ORDER 2
#define RR_VIRTIO_PROBE_ORDER  4

/* Device status bits (virtio 1.2 §2.1). */
#define RR_VIRTIO_STATUS_ACKNOWLEDGE  1u
#define RR_VIRTIO_STATUS_DRIVER       2u
#define RR_VIRTIO_STATUS_DRIVER_OK    4u
#define RR_VIRTIO_STATUS_FEATURES_OK  8u
#define RR_VIRTIO_STATUS_NEEDS_RESET  64u
#define RR_VIRTIO_STATUS_FAILED       128u

/* Transport-independent feature bits the core understands (§6). */
#define RR_VIRTIO_F_VERSION_1  (1ULL << 32)

/* Interrupt status bits (the ISR of every transport). */
#define RR_VIRTIO_IRQ_USED    1u
#define RR_VIRTIO_IRQ_CONFIG  2u

/* Device IDs (§5). */
#define RR_VIRTIO_ID_NET      1u
#define RR_VIRTIO_ID_BLOCK    2u
#define RR_VIRTIO_ID_CONSOLE  3u
#define RR_VIRTIO_ID_ENTROPY  4u

#define RR_VIRTIO_MAX_QUEUES  8
/* Queues are capped so one page holds a whole split ring, which also lets
 * legacy transports (one contiguous ring area) use the same layout. A legacy
 * PCI device fixes its queue size itself (up to RR_VIRTQ_MAX_FIXED_SIZE) and
 * the ring then spans several contiguous pages. */
#define RR_VIRTQ_MAX_SIZE     128
#define RR_VIRTQ_MAX_FIXED_SIZE 1024

struct rr_virtio_device;
struct rr_virtq;

/* Ring memory of one queue, as a transport hands it to the device. */
struct rr_virtq_layout {
    uint16_t size;
    uint64_t desc, avail, used;     /* physical addresses (identity mapped) */
    uint64_t base;                  /* the page holding all three */
    uint32_t used_align;            /* legacy transports: used ring alignment within that page */
};

struct rr_virtio_transport_ops {
    uint8_t (*get_status)(struct rr_virtio_device *dev);
    void (*set_status)(struct rr_virtio_device *dev, uint8_t status);
    uint64_t (*get_features)(struct rr_virtio_device *dev);
    void (*set_features)(struct rr_virtio_device *dev, uint64_t features);
    /* Device-specific configuration space, byte offset off. */
    void (*read_config)(struct rr_virtio_device *dev, size_t off, void *buf, size_t n);
    void (*write_config)(struct rr_virtio_device *dev, size_t off, const void *buf, size_t n);
    /* Largest size of queue index the device offers; 0 when there is no such queue. */
    uint16_t (*queue_max)(struct rr_virtio_device *dev, uint16_t index);
    /* Hands the rings to the device and enables the queue; negative errno on failure. */
    int (*queue_setup)(struct rr_virtio_device *dev, uint16_t index, const struct rr_virtq_layout *layout);
    void (*notify)(struct rr_virtio_device *dev, uint16_t index);
    uint32_t (*irq_status)(struct rr_virtio_device *dev);
    void (*irq_ack)(struct rr_virtio_device *dev, uint32_t bits);
};

struct rr_virtio_driver {
    const char *name;
    uint32_t device_id;
    uint64_t features;              /* device-specific features the driver can use */
    /* Sets up queues; the core sets DRIVER_OK afterwards. Negative errno: the device is failed. */
    int (*probe)(struct rr_virtio_device *dev);
    /* Optional: runs after DRIVER_OK, when the queues may be used. */
    void (*start)(struct rr_virtio_device *dev);
    /* Optional: the device changed its configuration space (interrupt context). */
    void (*config_changed)(struct rr_virtio_device *dev);
};

struct rr_virtio_device {
    const struct rr_virtio_transport_ops *ops;
    void *transport;                /* the transport's own state */
    const char *where;              /* for messages, e.g. "mmio@0xfeb02e00" */
    uint32_t device_id;
    bool legacy;                    /* pre-1.0 interface: no FEATURES_OK, 32 feature bits */
    /* Legacy PCI: the device places the used ring at this alignment and its
     * queue size cannot be changed. 0: the transport takes what the core chooses. */
    uint32_t fixed_ring_align;
    /* The transport could not route the device's interrupt: drivers must poll. */
    bool no_interrupt;
    uint64_t features;              /* negotiated */
    const struct rr_virtio_driver *driver;
    void *driver_data;
    struct rr_virtq *queues[RR_VIRTIO_MAX_QUEUES];
};

/* Called from the used-buffer interrupt, once per interrupt. */
typedef void (*rr_virtq_done_fn)(struct rr_virtq *vq);

struct rr_virtq {
    struct rr_virtio_device *dev;
    uint16_t index, size;
    struct rr_virtq_desc *desc;
    struct rr_virtq_avail *avail;
    struct rr_virtq_used *used;
    uint16_t free_head, num_free, last_used;
    void **tokens;                  /* size entries each, allocated with the queue */
    uint16_t *chain_len;
    uint16_t *next;                 /* free list, kept out of the device-visible table */
    rr_virtq_done_fn done;
    void *data;                     /* the driver's */
    void *page;
    size_t npages;                  /* contiguous pages of rings from page */
};

/* One buffer of a chain: physical address (== virtual) and length. */
struct rr_virtq_buf {
    const void *addr;
    uint32_t len;
};

/* --- drivers --- */
int rr_virtio_register_driver(const struct rr_virtio_driver *driver);

/* --- transports ---
 * Resets the device, finds the driver for its ID and runs the handshake.
 * Returns 0 when a driver took the device, -ENODEV when none serves that ID
 * (the device is left reset), another negative errno when the handshake or
 * the driver's probe failed (the device is marked FAILED). */
int rr_virtio_attach(struct rr_virtio_device *dev);
/* The transport's interrupt handler passes the interrupt status it acknowledged. */
void rr_virtio_interrupt(struct rr_virtio_device *dev, uint32_t status);

/* --- queues (for drivers, inside probe) ---
 * Allocates the rings of queue index (size min(device max, RR_VIRTQ_MAX_SIZE),
 * or the device's own size when it fixes it),
 * hands them to the device; done is called from the interrupt when the device
 * has used buffers. NULL when the queue does not exist or memory is short. */
struct rr_virtq *rr_virtq_create(struct rr_virtio_device *dev, uint16_t index, rr_virtq_done_fn done);

/* Adds a chain of nout device-readable then nin device-writable buffers and
 * makes it available (without notifying). token comes back from rr_virtq_get.
 * -EINVAL for an empty chain, -ENOSPC when there are not enough free descriptors. */
int rr_virtq_add(struct rr_virtq *vq, const struct rr_virtq_buf *bufs, unsigned nout, unsigned nin, void *token);
/* Tells the device about new available buffers unless it asked not to be told. */
void rr_virtq_kick(struct rr_virtq *vq);
/* The token of the next used chain and the bytes the device wrote into it
 * (*len), freeing its descriptors; NULL when the device has used nothing more. */
void *rr_virtq_get(struct rr_virtq *vq, uint32_t *len);

/* Device configuration space helpers (little endian, as every modern device uses). */
void rr_virtio_read_config(struct rr_virtio_device *dev, size_t off, void *buf, size_t n);
