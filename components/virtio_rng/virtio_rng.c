/*
 * The virtio entropy device (virtio 1.2 §5.4): one queue whose buffers the
 * device fills with random bytes. At boot the driver offers one buffer,
 * halts until the used-buffer interrupt says it came back or the deadline
 * passes, and mixes what it got into the platform's generator.
 */
#include <rr/kern.h>
#include <rr/random.h>
#include <rr/virtio.h>
#include <rr/virtio_rng.h>

#define REQUEST_QUEUE 0

static uint8_t buffer[RR_VIRTIO_RNG_BOOT_BYTES];
static volatile bool returned;
static volatile uint32_t returned_len;
static size_t boot_bytes;

static void request_done(struct rr_virtq *vq)
{
    uint32_t len;
    while (rr_virtq_get(vq, &len)) {
        returned_len = len;
        returned = true;
    }
}

static bool has_returned(void *arg)
{
    (void)arg;
    return returned;
}

static int rng_probe(struct rr_virtio_device *dev)
{
    struct rr_virtq *vq = rr_virtq_create(dev, REQUEST_QUEUE, request_done);
    if (!vq)
        return -ENODEV;
    dev->driver_data = vq;
    return 0;
}

static void rng_start(struct rr_virtio_device *dev)
{
    struct rr_virtq *vq = dev->driver_data;
    /* A second device would find the boot request answered already. */
    if (boot_bytes)
        return;
    /* The buffer is in the image's data, identity mapped like all platform memory. */
    struct rr_virtq_buf buf = { buffer, sizeof(buffer) };
    returned = false;
    if (rr_virtq_add(vq, &buf, 0, 1, buffer) < 0)
        return;
    rr_virtq_kick(vq);
    uint64_t deadline = rr_monotonic_ns() + RR_VIRTIO_RNG_DEADLINE_MS * 1000000ULL;
    if (rr_wait_until(has_returned, NULL, deadline) < 0) {
        rr_printk("virtio %s: the entropy device sent nothing within %d ms; going on without it",
                  dev->where, RR_VIRTIO_RNG_DEADLINE_MS);
        return;
    }
    size_t n = returned_len < sizeof(buffer) ? returned_len : sizeof(buffer);
    rr_random_add_entropy(buffer, n);
    boot_bytes = n;
    rr_memset(buffer, 0, sizeof(buffer));
}

static const struct rr_virtio_driver rng_driver = {
    .name = "virtio-rng",
    .device_id = RR_VIRTIO_ID_ENTROPY,
    .features = 0,
    .probe = rng_probe,
    .start = rng_start,
};

size_t rr_virtio_rng_boot_bytes(void)
{
    return boot_bytes;
}

static int virtio_rng_init(void)
{
    return rr_virtio_register_driver(&rng_driver);
}
_Static_assert(RR_VIRTIO_DRIVER_ORDER == 2, "RR_INIT below must use the driver order");
RR_INIT(2, virtio_rng_init);
