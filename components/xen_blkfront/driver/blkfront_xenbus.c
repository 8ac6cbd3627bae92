/*
 * Finding the virtual disks and connecting to their back ends through
 * xenstore (public io/xenbus.h states, io/blkif.h keys). The toolstack lists
 * each disk under device/vbd/N in the domain's home with the back end's path;
 * the back end waits for the front end (InitWait). The front end
 * shares a ring page and an event channel, says Initialised, and once the back
 * end says Connected reads the disk's size and mode and says Connected too.
 * xenstore is polled here (no watches), so each wait is a bounded loop.
 */
#include <rr/kern.h>
#include <rr/xen/xen.h>
#include <rr/xen/event.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/grant_table.h>
#include <rr/xen/xenbus.h>
#include <rr/xen/xenstore.h>
#include "blkfront.h"

#define MAX_DISKS          8

static struct blkfront *disks[MAX_DISKS];
static size_t ndisks;

static const struct rr_blkdev_ops blkfront_ops = {
    .transfer = rr_blkfront_transfer,
    .flush = rr_blkfront_flush,
};

static void on_event(uint32_t port)
{
    for (size_t i = 0; i < ndisks; i++)
        if (disks[i]->port == port)
            rr_blkfront_event(disks[i]);
}

/* The ring page and the slots' data pages, each granted to the back end. */
static int share_memory(struct blkfront *bf)
{
    struct rr_blkif_sring *sring = rr_page_alloc();
    if (!sring)
        return -ENOMEM;
    rr_blkif_front_init(&bf->ring, sring, RR_BLKIF_PAGE);
    long ref = rr_gnttab_grant(bf->backend_id, (uintptr_t)sring >> 12, false);
    if (ref < 0)
        return (int)ref;
    bf->ring_gref = (uint32_t)ref;
    for (int s = 0; s < BLKFRONT_SLOTS; s++) {
        for (int i = 0; i < RR_BLKIF_MAX_SEGS; i++) {
            uint8_t *page = rr_page_alloc();
            if (!page)
                return -ENOMEM;
            ref = rr_gnttab_grant(bf->backend_id, (uintptr_t)page >> 12, false);
            if (ref < 0)
                return (int)ref;
            bf->slots[s].pages[i] = page;
            bf->slots[s].grefs[i] = (uint32_t)ref;
        }
    }
    return 0;
}

static int connect(struct blkfront *bf)
{
    int state = rr_xenbus_wait_state(bf->back, RR_XENBUS_INIT_WAIT);
    if (state < RR_XENBUS_INIT_WAIT || state >= RR_XENBUS_CLOSING) {
        rr_printk("xen disk %s: the back end %s is not ready (state %d)", bf->front, bf->back, state);
        return -ENXIO;
    }
    int r = share_memory(bf);
    if (r < 0) {
        rr_printk("xen disk %s: no memory or grant references for the ring (error %d)", bf->front, -r);
        return r;
    }
    int e = rr_xenbus_alloc_port(bf->backend_id, &bf->port);
    if (e < 0) {
        rr_printk("xen disk %s: no event channel (error %d)", bf->front, -e);
        return -EIO;
    }
    disks[ndisks++] = bf;
    rr_xen_port_bind(bf->port, on_event);

    if (rr_xenbus_write_u64(bf->front, "ring-ref", bf->ring_gref) < 0 ||
        rr_xenbus_write_u64(bf->front, "event-channel", bf->port) < 0 ||
        rr_xenbus_write(bf->front, "protocol", "x86_64-abi") < 0 ||
        rr_xenbus_write_u64(bf->front, "state", RR_XENBUS_INITIALISED) < 0) {
        rr_printk("xen disk %s: xenstore refused the ring's keys", bf->front);
        return -EIO;
    }

    state = rr_xenbus_wait_state(bf->back, RR_XENBUS_CONNECTED);
    if (state != RR_XENBUS_CONNECTED) {
        rr_printk("xen disk %s: the back end %s did not connect (state %d)", bf->front, bf->back, state);
        return -ENXIO;
    }
    uint64_t sectors = 0, sector_size = RR_BLKIF_SECTOR, info = 0;
    if (!rr_xenbus_read_u64(bf->back, "sectors", &sectors)) {
        rr_printk("xen disk %s: the back end gives no size (%s/sectors)", bf->front, bf->back);
        return -ENXIO;
    }
    rr_xenbus_read_u64(bf->back, "sector-size", &sector_size);
    /* Features are published with the connection (blkback writes them as it connects). */
    uint64_t flag = 0;
    bf->can_flush = rr_xenbus_read_u64(bf->back, "feature-flush-cache", &flag) && flag;
    rr_xenbus_read_u64(bf->back, "info", &info);
    if (sector_size == 0 || sector_size % RR_BLKIF_SECTOR) {
        rr_printk("xen disk %s: sectors of %lu bytes are not supported", bf->front, (unsigned long)sector_size);
        return -ENXIO;
    }
    bf->blk.sectors = sectors * (sector_size / RR_BLKIF_SECTOR);
    bf->blk.read_only = (info & RR_VDISK_READONLY) != 0;
    if (rr_xenbus_write_u64(bf->front, "state", RR_XENBUS_CONNECTED) < 0) {
        rr_printk("xen disk %s: xenstore refused the state", bf->front);
        return -EIO;
    }
    return 0;
}

/* The disk's name: the back end's "dev" (what the xl disk line said), else from its number. */
static void disk_name(struct blkfront *bf, uint64_t vdev)
{
    char path[160];
    rr_snprintf(path, sizeof(path), "%s/dev", bf->back);
    if (rr_xs_read(path, bf->blk.serial, sizeof(bf->blk.serial)) > 0)
        return;
    if (!rr_blkif_vdev_name((uint32_t)vdev, bf->blk.serial, sizeof(bf->blk.serial)))
        rr_snprintf(bf->blk.serial, sizeof(bf->blk.serial), "vbd%lu", (unsigned long)vdev);
}

static void probe(const char *id)
{
    if (ndisks >= MAX_DISKS) {
        rr_printk("xen disk device/vbd/%s: more than %d disks; this one is left out", id, MAX_DISKS);
        return;
    }
    struct blkfront *bf = rr_zalloc(sizeof(*bf));
    if (!bf) {
        rr_printk("xen disk device/vbd/%s: no memory", id);
        return;
    }
    rr_snprintf(bf->front, sizeof(bf->front), "device/vbd/%s", id);
    uint64_t backend_id = 0, vdev = 0;
    char path[160];
    rr_snprintf(path, sizeof(path), "%s/backend", bf->front);
    if (rr_xs_read(path, bf->back, sizeof(bf->back)) <= 0 || !rr_xenbus_read_u64(bf->front, "backend-id", &backend_id) ||
        backend_id > 0x7FEF) {
        rr_printk("xen disk %s: no back end named (backend, backend-id)", bf->front);
        rr_free(bf);
        return;
    }
    bf->backend_id = (uint16_t)backend_id;
    if (!rr_xenbus_read_u64(bf->front, "virtual-device", &vdev))
        vdev = 0;
    uint64_t handle = 0;
    for (const char *c = id; *c >= '0' && *c <= '9'; c++)
        handle = handle * 10 + (uint64_t)(*c - '0');
    bf->handle = (uint16_t)handle;
    disk_name(bf, vdev);
    /* A disk that failed half way keeps its pages and grants: the back end may hold them. */
    if (connect(bf) < 0)
        return;
    bf->blk.ops = &blkfront_ops;
    bf->blk.driver_data = bf;
    if (rr_blkdev_register(&bf->blk) < 0)
        rr_printk("xen disk %s: not usable: too many block devices", bf->blk.serial);
}

static int xen_blkfront_init(void)
{
    rr_xenbus_probe_devices("device/vbd", probe);
    return 0;
}
RR_INIT(2, xen_blkfront_init);
