/*
 * The virtio block driver's life cycle: feature negotiation, limits from
 * the configuration space, one request queue, the serial from GET_ID, and
 * registration as a block device once the device is live.
 */
#include <rr/kern.h>
#include "vblk_internal.h"

#define REQUEST_QUEUE 0
/* Descriptors a request needs beyond its data: the header and the status. */
#define FRAME_DESCS 2

static const struct rr_blkdev_ops vblk_ops = {
    .transfer = rr_vblk_transfer,
    .flush = rr_vblk_flush,
};

static uint32_t config32(struct rr_virtio_device *dev, size_t off)
{
    uint32_t v;
    rr_virtio_read_config(dev, off, &v, sizeof(v));
    return v;
}

static int vblk_probe(struct rr_virtio_device *dev)
{
    struct vblk *vb = rr_zalloc(sizeof(*vb));
    if (!vb)
        return -ENOMEM;
    vb->vdev = dev;
    vb->vq = rr_virtq_create(dev, REQUEST_QUEUE, rr_vblk_complete);
    vb->slots = rr_page_alloc();
    vb->bounce = rr_page_alloc();
    if (!vb->vq || !vb->slots || !vb->bounce) {
        if (vb->slots)
            rr_page_free(vb->slots);
        if (vb->bounce)
            rr_page_free(vb->bounce);
        rr_free(vb);
        return -ENOMEM;
    }
    vb->vq->data = vb;

    uint32_t max_segs = vb->vq->size - FRAME_DESCS;
    if (max_segs > VBLK_MAX_SEGS)
        max_segs = VBLK_MAX_SEGS;
    if (dev->features & RR_VBLK_F_SEG_MAX) {
        uint32_t seg_max = config32(dev, RR_VBLK_CFG_SEG_MAX);
        if (seg_max && seg_max < max_segs)
            max_segs = seg_max;
    }
    uint32_t size_max = 1u << 30;
    if (dev->features & RR_VBLK_F_SIZE_MAX) {
        uint32_t s = config32(dev, RR_VBLK_CFG_SIZE_MAX);
        if (s)
            size_max = s;
    }
    vb->lim = (struct rr_vblk_limits){ max_segs, size_max };

    rr_virtio_read_config(dev, RR_VBLK_CFG_CAPACITY, &vb->blk.sectors, sizeof(vb->blk.sectors));
    vb->blk.read_only = (dev->features & RR_VBLK_F_RO) != 0;
    vb->can_flush = (dev->features & RR_VBLK_F_FLUSH) != 0;
    vb->blk.ops = &vblk_ops;
    vb->blk.driver_data = vb;
    dev->driver_data = vb;
    return 0;
}

static void vblk_start(struct rr_virtio_device *dev)
{
    struct vblk *vb = dev->driver_data;
    /* The bounce page is free at this point: nothing else uses the device yet. */
    rr_memset(vb->bounce, 0, RR_VBLK_ID_BYTES);
    struct rr_vblk_seg seg = { (uintptr_t)vb->bounce, RR_VBLK_ID_BYTES };
    if (rr_vblk_request(vb, RR_VBLK_T_GET_ID, 0, &seg, 1, true) == 0)
        rr_vblk_serial(vb->bounce, vb->blk.serial, sizeof(vb->blk.serial));
    if (vb->broken)
        return;
    int r = rr_blkdev_register(&vb->blk);
    if (r < 0)
        rr_printk("virtio %s: disk not usable: too many block devices", dev->where);
}

static const struct rr_virtio_driver vblk_driver = {
    .name = "virtio-blk",
    .device_id = RR_VIRTIO_ID_BLOCK,
    .features = RR_VBLK_F_SIZE_MAX | RR_VBLK_F_SEG_MAX | RR_VBLK_F_RO | RR_VBLK_F_FLUSH,
    .probe = vblk_probe,
    .start = vblk_start,
};

static int virtio_blk_init(void)
{
    return rr_virtio_register_driver(&vblk_driver);
}
_Static_assert(RR_VIRTIO_DRIVER_ORDER == 2, "RR_INIT below must use the driver order");
RR_INIT(2, virtio_blk_init);
