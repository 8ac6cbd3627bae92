/*
 * The registry of block devices and the checked transfer calls every file
 * system uses, so a driver only ever sees requests inside its device.
 */
#include <rr/kern.h>
#include <rr/blkdev.h>

#define MAX_BLKDEVS 16

static struct rr_blkdev *devices[MAX_BLKDEVS];
static size_t ndevices;
static bool final;

void rr_blk_set_final(void)
{
    final = true;
}

bool rr_blk_final(void)
{
    return final;
}

int rr_blkdev_register(struct rr_blkdev *dev)
{
    if (ndevices == MAX_BLKDEVS)
        return -ENOSPC;
    if (!dev->name[0])
        rr_snprintf(dev->name, sizeof(dev->name), "vblk%zu", ndevices);
    devices[ndevices++] = dev;
    return 0;
}

struct rr_blkdev *rr_blkdev_find(const char *key)
{
    for (size_t i = 0; i < ndevices; i++)
        if (devices[i]->serial[0] && rr_strcmp(devices[i]->serial, key) == 0)
            return devices[i];
    for (size_t i = 0; i < ndevices; i++)
        if (rr_strcmp(devices[i]->name, key) == 0)
            return devices[i];
    return NULL;
}

struct rr_blkdev *rr_blkdev_nth(size_t i)
{
    return i < ndevices ? devices[i] : NULL;
}

static bool inside(const struct rr_blkdev *dev, uint64_t sector, uint32_t count)
{
    return count && sector < dev->sectors && count <= dev->sectors - sector;
}

int rr_blk_read(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf)
{
    if (!inside(dev, sector, count))
        return -EINVAL;
    return dev->ops->transfer(dev, sector, count, buf, false);
}

int rr_blk_write(struct rr_blkdev *dev, uint64_t sector, uint32_t count, const void *buf)
{
    if (!inside(dev, sector, count))
        return -EINVAL;
    if (dev->read_only)
        return -EROFS;
    /* the driver's signature is shared with reads; it does not write to buf here */
    return dev->ops->transfer(dev, sector, count, (void *)(uintptr_t)buf, true);
}

int rr_blk_flush(struct rr_blkdev *dev)
{
    if (dev->read_only)
        return 0;
    return dev->ops->flush(dev);
}
