/*
 * The virtio core: the status handshake and feature negotiation of virtio
 * 1.2 §3.1 (with the legacy variant: no FEATURES_OK step, 32 feature bits),
 * split virtqueues (§2.7) and the driver registry.
 *
 * A queue lives in one zeroed page from rr_page_alloc: descriptor table at
 * offset 0, available ring right after it, used ring after that aligned to
 * RING_ALIGN (or, for legacy PCI devices, in the contiguous pages the
 * device's fixed size and alignment need). Pages are identity mapped, so the addresses the device gets
 * are the pointers used here. x86 keeps stores in order and loads in order;
 * only "publish the available index, then read whether the device wants a
 * notification" needs a full fence (store followed by load).
 */
#include <rr/kern.h>
#include <rr/virtio.h>
#include "virtq_pages.h"

#define DESC_F_NEXT   1u
#define DESC_F_WRITE  2u
#define USED_F_NO_NOTIFY     1u
/* The used ring needs 4-byte alignment (§2.7). */
#define RING_ALIGN 4u

struct rr_virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct rr_virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[];
};

struct rr_virtq_used_elem {
    uint32_t id;
    uint32_t len;
};

struct rr_virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct rr_virtq_used_elem ring[];
};

#define MAX_DRIVERS 16

static const struct rr_virtio_driver *drivers[MAX_DRIVERS];
static size_t ndrivers;

static inline void compiler_barrier(void)
{
    __asm__ volatile("" : : : "memory");
}

int rr_virtio_register_driver(const struct rr_virtio_driver *driver)
{
    RR_ASSERT(driver && driver->probe);
    for (size_t i = 0; i < ndrivers; i++)
        if (drivers[i]->device_id == driver->device_id)
            return -EEXIST;
    if (ndrivers == MAX_DRIVERS)
        return -ENOSPC;
    drivers[ndrivers++] = driver;
    return 0;
}

static const struct rr_virtio_driver *driver_for(uint32_t device_id)
{
    for (size_t i = 0; i < ndrivers; i++)
        if (drivers[i]->device_id == device_id)
            return drivers[i];
    return NULL;
}

static void add_status(struct rr_virtio_device *dev, uint8_t bits)
{
    dev->ops->set_status(dev, dev->ops->get_status(dev) | bits);
}

static int fail(struct rr_virtio_device *dev, int err)
{
    add_status(dev, RR_VIRTIO_STATUS_FAILED);
    return err;
}

int rr_virtio_attach(struct rr_virtio_device *dev)
{
    /* Reset first: the device may hold state from a boot loader or an earlier run. */
    dev->ops->set_status(dev, 0);
    if (dev->ops->get_status(dev) != 0)
        return -EIO;
    const struct rr_virtio_driver *driver = driver_for(dev->device_id);
    if (!driver)
        return -ENODEV;

    add_status(dev, RR_VIRTIO_STATUS_ACKNOWLEDGE);
    add_status(dev, RR_VIRTIO_STATUS_DRIVER);

    uint64_t offered = dev->ops->get_features(dev);
    uint64_t wanted = driver->features;
    if (!dev->legacy) {
        /* A modern interface without VERSION_1 would mean legacy ring and config
         * semantics behind a modern transport: §6.1 forbids accepting that. */
        if (!(offered & RR_VIRTIO_F_VERSION_1))
            return fail(dev, -EOPNOTSUPP);
        wanted |= RR_VIRTIO_F_VERSION_1;
    } else {
        wanted &= 0xffffffffULL;
    }
    dev->features = offered & wanted;
    dev->ops->set_features(dev, dev->features);
    if (!dev->legacy) {
        add_status(dev, RR_VIRTIO_STATUS_FEATURES_OK);
        if (!(dev->ops->get_status(dev) & RR_VIRTIO_STATUS_FEATURES_OK))
            return fail(dev, -EOPNOTSUPP);
    }

    dev->driver = driver;
    int r = driver->probe(dev);
    if (r < 0) {
        dev->driver = NULL;
        return fail(dev, r);
    }
    add_status(dev, RR_VIRTIO_STATUS_DRIVER_OK);
    if (driver->start)
        driver->start(dev);
    return 0;
}

void rr_virtio_interrupt(struct rr_virtio_device *dev, uint32_t status)
{
    if (status & RR_VIRTIO_IRQ_USED) {
        for (int i = 0; i < RR_VIRTIO_MAX_QUEUES; i++) {
            struct rr_virtq *vq = dev->queues[i];
            if (vq && vq->done)
                vq->done(vq);
        }
    }
    if ((status & RR_VIRTIO_IRQ_CONFIG) && dev->driver && dev->driver->config_changed)
        dev->driver->config_changed(dev);
}

void rr_virtio_read_config(struct rr_virtio_device *dev, size_t off, void *buf, size_t n)
{
    dev->ops->read_config(dev, off, buf, n);
}

/* Legacy devices place the used ring themselves, from QueueAlign and the
 * queue size. The specification counts the available ring's trailing
 * used_event field in that computation, QEMU does not; an alignment where
 * both computations round to the same offset (end - 2 and end - 1 are not
 * multiples of it) works with either. */
static size_t used_alignment(size_t end)
{
    size_t align = RING_ALIGN;
    while ((end - 2) % align == 0 || (end - 1) % align == 0)
        align *= 2;
    return align;
}

static void virtq_free(struct rr_virtq *vq)
{
    if (!vq)
        return;
    if (vq->page)
        rr_virtq_pages_free(vq->page, vq->npages);
    rr_free(vq->tokens);
    rr_free(vq->chain_len);
    rr_free(vq->next);
    rr_free(vq);
}

struct rr_virtq *rr_virtq_create(struct rr_virtio_device *dev, uint16_t index, rr_virtq_done_fn done)
{
    if (index >= RR_VIRTIO_MAX_QUEUES || dev->queues[index])
        return NULL;
    uint16_t max = dev->ops->queue_max(dev, index);
    if (max == 0)
        return NULL;
    uint16_t size;
    if (dev->fixed_ring_align) {
        size = max;
        if (size > RR_VIRTQ_MAX_FIXED_SIZE || (size & (size - 1))) {
            rr_printk("virtio %s: queue %u has size %u, which this driver cannot use", dev->where, index, size);
            return NULL;
        }
    } else {
        size = max < RR_VIRTQ_MAX_SIZE ? max : RR_VIRTQ_MAX_SIZE;
        /* Legacy devices require a power of two; modern ones accept it too. */
        while (size & (size - 1))
            size &= (uint16_t)(size - 1);
    }

    size_t desc_bytes = 16u * size;
    size_t avail_bytes = 6u + 2u * size;
    size_t align = dev->fixed_ring_align ? dev->fixed_ring_align : used_alignment(desc_bytes + avail_bytes);
    size_t used_off = RR_ALIGN_UP(desc_bytes + avail_bytes, align);
    size_t used_bytes = 6u + 8u * size;
    size_t npages = RR_ALIGN_UP(used_off + used_bytes, RR_PAGE_SIZE) / RR_PAGE_SIZE;
    RR_ASSERT(dev->fixed_ring_align || npages == 1);

    struct rr_virtq *vq = rr_zalloc(sizeof(*vq));
    if (!vq)
        return NULL;
    vq->tokens = rr_zalloc(size * sizeof(void *));
    vq->chain_len = rr_zalloc(size * sizeof(uint16_t));
    vq->next = rr_zalloc(size * sizeof(uint16_t));
    uint8_t *page = rr_virtq_pages_alloc(npages);
    vq->page = page;
    vq->npages = npages;
    if (!vq->tokens || !vq->chain_len || !vq->next || !page) {
        virtq_free(vq);
        return NULL;
    }
    vq->dev = dev;
    vq->index = index;
    vq->size = size;
    vq->desc = (struct rr_virtq_desc *)page;
    vq->avail = (struct rr_virtq_avail *)(page + desc_bytes);
    vq->used = (struct rr_virtq_used *)(page + used_off);
    vq->done = done;
    vq->num_free = size;
    for (uint16_t i = 0; i < size; i++)
        vq->next[i] = (uint16_t)(i + 1);

    struct rr_virtq_layout layout = {
        .size = size,
        .desc = (uintptr_t)vq->desc,
        .avail = (uintptr_t)vq->avail,
        .used = (uintptr_t)vq->used,
        .base = (uintptr_t)page,
        .used_align = (uint32_t)align,
    };
    if (dev->ops->queue_setup(dev, index, &layout) < 0) {
        virtq_free(vq);
        return NULL;
    }
    dev->queues[index] = vq;
    return vq;
}

int rr_virtq_add(struct rr_virtq *vq, const struct rr_virtq_buf *bufs, unsigned nout, unsigned nin, void *token)
{
    unsigned n = nout + nin;
    if (n == 0)
        return -EINVAL;
    if (n > vq->num_free)
        return -ENOSPC;

    uint16_t head = vq->free_head, d = head;
    for (unsigned i = 0; i < n; i++) {
        struct rr_virtq_desc *desc = &vq->desc[d];
        desc->addr = (uintptr_t)bufs[i].addr;
        desc->len = bufs[i].len;
        desc->flags = (uint16_t)((i >= nout ? DESC_F_WRITE : 0) | (i + 1 < n ? DESC_F_NEXT : 0));
        desc->next = i + 1 < n ? vq->next[d] : 0;
        d = vq->next[d];
    }
    vq->free_head = d;
    vq->num_free = (uint16_t)(vq->num_free - n);
    vq->tokens[head] = token;
    vq->chain_len[head] = (uint16_t)n;

    volatile struct rr_virtq_avail *avail = vq->avail;
    avail->ring[avail->idx % vq->size] = head;
    /* The descriptors and the ring entry must be visible before the index that publishes them. */
    compiler_barrier();
    avail->idx = (uint16_t)(avail->idx + 1);
    return 0;
}

void rr_virtq_kick(struct rr_virtq *vq)
{
    /* The device may read used->flags after our index store; order store before load. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!(((volatile struct rr_virtq_used *)vq->used)->flags & USED_F_NO_NOTIFY))
        vq->dev->ops->notify(vq->dev, vq->index);
}

void *rr_virtq_get(struct rr_virtq *vq, uint32_t *len)
{
    volatile struct rr_virtq_used *used = vq->used;
    if (used->idx == vq->last_used)
        return NULL;
    /* Read the element only after seeing the index that covers it. */
    compiler_barrier();
    struct rr_virtq_used_elem elem = { used->ring[vq->last_used % vq->size].id, used->ring[vq->last_used % vq->size].len };
    vq->last_used++;
    if (elem.id >= vq->size || vq->chain_len[elem.id] == 0)
        rr_panic("virtio %s: queue %u returned descriptor %u, which it was not given", vq->dev->where, vq->index, elem.id);

    uint16_t head = (uint16_t)elem.id, d = head;
    for (uint16_t i = 1; i < vq->chain_len[head]; i++)
        d = vq->desc[d].next;
    vq->next[d] = vq->free_head;
    vq->free_head = head;
    vq->num_free = (uint16_t)(vq->num_free + vq->chain_len[head]);
    vq->chain_len[head] = 0;
    void *token = vq->tokens[head];
    vq->tokens[head] = NULL;
    if (len)
        *len = elem.len;
    return token;
}
