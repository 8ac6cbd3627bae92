/* The registry of network interfaces, in discovery order. */
#include <rr/kern.h>
#include <rr/netdev.h>

static struct rr_netdev *devices[RR_NETDEV_MAX];
static size_t ndevices;

int rr_netdev_register(struct rr_netdev *dev)
{
    if (ndevices == RR_NETDEV_MAX)
        return -ENOSPC;
    if (!dev->name[0])
        rr_snprintf(dev->name, sizeof(dev->name), "vioif%zu", ndevices);
    if (!dev->mtu)
        dev->mtu = 1500;
    devices[ndevices++] = dev;
    return 0;
}

struct rr_netdev *rr_netdev_find(const char *name)
{
    for (size_t i = 0; i < ndevices; i++)
        if (rr_strcmp(devices[i]->name, name) == 0)
            return devices[i];
    return NULL;
}

struct rr_netdev *rr_netdev_nth(size_t i)
{
    return i < ndevices ? devices[i] : NULL;
}
