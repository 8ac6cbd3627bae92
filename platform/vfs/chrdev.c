/* Character device switch: S_IFCHR nodes name a driver by device number. */
#include <rr/vfs.h>

#define MAX_CHRDEVS 32

static struct {
    uint64_t rdev;
    const struct rr_vnode_ops *ops;
} chrdevs[MAX_CHRDEVS];
static size_t nchrdevs;

int rr_chrdev_register(uint32_t major, uint32_t minor, const struct rr_vnode_ops *ops)
{
    uint64_t rdev = RR_MKDEV(major, minor);
    if (rr_chrdev_lookup(rdev))
        return -EBUSY;
    if (nchrdevs == MAX_CHRDEVS)
        return -ENOMEM;
    chrdevs[nchrdevs].rdev = rdev;
    chrdevs[nchrdevs].ops = ops;
    nchrdevs++;
    return 0;
}

const struct rr_vnode_ops *rr_chrdev_lookup(uint64_t rdev)
{
    for (size_t i = 0; i < nchrdevs; i++)
        if (chrdevs[i].rdev == rdev)
            return chrdevs[i].ops;
    return NULL;
}
