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
#include <rr/xen/xenstore.h>
#include "blkfront.h"

#define STATE_INIT_WAIT   2
#define STATE_INITIALISED 3
#define STATE_CONNECTED   4
#define STATE_CLOSING     5

#define EVTCHNOP_ALLOC_UNBOUND 6
/* A nested or busy dom0 may take seconds to bring its back end up. */
#define BACKEND_TIMEOUT_NS (30ULL * 1000000000ULL)
#define POLL_NS            (10ULL * 1000000ULL)
#define MAX_DISKS          8

struct evtchn_alloc_unbound {
    uint16_t dom;
    uint16_t remote_dom;
    uint32_t port;
};

static struct blkfront *disks[MAX_DISKS];
static size_t ndisks;

static const struct rr_blkdev_ops blkfront_ops = {
    .transfer = rr_blkfront_transfer,
    .flush = rr_blkfront_flush,
};

static bool never(void *arg)
{
    (void)arg;
    return false;
}

static void pause_ns(uint64_t ns)
{
    rr_wait_until(never, NULL, rr_monotonic_ns() + ns);
}

/* A decimal key; false when missing or not a number. */
static bool read_u64(const char *dir, const char *key, uint64_t *out)
{
    char path[160], text[32];
    rr_snprintf(path, sizeof(path), "%s/%s", dir, key);
    long n = rr_xs_read(path, text, sizeof(text));
    if (n <= 0)
        return false;
    uint64_t v = 0;
    for (long i = 0; i < n; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    *out = v;
    return true;
}

static int write_key(const char *dir, const char *key, const char *value)
{
    char path[160];
    rr_snprintf(path, sizeof(path), "%s/%s", dir, key);
    return rr_xs_write(path, value, rr_strlen(value));
}

static int write_u64(const char *dir, const char *key, uint64_t v)
{
    char text[24];
    rr_snprintf(text, sizeof(text), "%lu", (unsigned long)v);
    return write_key(dir, key, text);
}

/* Waits until the back end's state is at least want; its last state, or -1 when unreadable. */
static int backend_state_at_least(struct blkfront *bf, uint64_t want)
{
    uint64_t deadline = rr_monotonic_ns() + BACKEND_TIMEOUT_NS;
    uint64_t state = 0;
    bool known = false;
    for (;;) {
        known = read_u64(bf->back, "state", &state);
        if (known && (state >= want))
            return (int)state;
        if (rr_monotonic_ns() >= deadline)
            return known ? (int)state : -1;
        pause_ns(POLL_NS);
    }
}

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
    int state = backend_state_at_least(bf, STATE_INIT_WAIT);
    if (state < STATE_INIT_WAIT || state >= STATE_CLOSING) {
        rr_printk("xen disk %s: the back end %s is not ready (state %d)", bf->front, bf->back, state);
        return -ENXIO;
    }
    int r = share_memory(bf);
    if (r < 0) {
        rr_printk("xen disk %s: no memory or grant references for the ring (error %d)", bf->front, -r);
        return r;
    }
    struct evtchn_alloc_unbound alloc = { RR_XEN_DOMID_SELF, bf->backend_id, 0 };
    long e = rr_xen_hypercall2(RR_XEN_HC_EVENT_CHANNEL_OP, EVTCHNOP_ALLOC_UNBOUND, (uintptr_t)&alloc);
    if (e < 0) {
        rr_printk("xen disk %s: no event channel (error %ld)", bf->front, -e);
        return -EIO;
    }
    bf->port = alloc.port;
    disks[ndisks++] = bf;
    rr_xen_port_bind(bf->port, on_event);

    if (write_u64(bf->front, "ring-ref", bf->ring_gref) < 0 ||
        write_u64(bf->front, "event-channel", bf->port) < 0 ||
        write_key(bf->front, "protocol", "x86_64-abi") < 0 ||
        write_u64(bf->front, "state", STATE_INITIALISED) < 0) {
        rr_printk("xen disk %s: xenstore refused the ring's keys", bf->front);
        return -EIO;
    }

    state = backend_state_at_least(bf, STATE_CONNECTED);
    if (state != STATE_CONNECTED) {
        rr_printk("xen disk %s: the back end %s did not connect (state %d)", bf->front, bf->back, state);
        return -ENXIO;
    }
    uint64_t sectors = 0, sector_size = RR_BLKIF_SECTOR, info = 0;
    if (!read_u64(bf->back, "sectors", &sectors)) {
        rr_printk("xen disk %s: the back end gives no size (%s/sectors)", bf->front, bf->back);
        return -ENXIO;
    }
    read_u64(bf->back, "sector-size", &sector_size);
    /* Features are published with the connection (blkback writes them as it connects). */
    uint64_t flag = 0;
    bf->can_flush = read_u64(bf->back, "feature-flush-cache", &flag) && flag;
    read_u64(bf->back, "info", &info);
    if (sector_size == 0 || sector_size % RR_BLKIF_SECTOR) {
        rr_printk("xen disk %s: sectors of %lu bytes are not supported", bf->front, (unsigned long)sector_size);
        return -ENXIO;
    }
    bf->blk.sectors = sectors * (sector_size / RR_BLKIF_SECTOR);
    bf->blk.read_only = (info & RR_VDISK_READONLY) != 0;
    if (write_u64(bf->front, "state", STATE_CONNECTED) < 0) {
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
    if (rr_xs_read(path, bf->back, sizeof(bf->back)) <= 0 || !read_u64(bf->front, "backend-id", &backend_id) ||
        backend_id > 0x7FEF) {
        rr_printk("xen disk %s: no back end named (backend, backend-id)", bf->front);
        rr_free(bf);
        return;
    }
    bf->backend_id = (uint16_t)backend_id;
    if (!read_u64(bf->front, "virtual-device", &vdev))
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

struct names {
    char id[MAX_DISKS * 2][12];
    size_t n;
};

static void collect(const char *name, void *arg)
{
    struct names *names = arg;
    if (names->n < sizeof(names->id) / sizeof(names->id[0]) && rr_strlen(name) < sizeof(names->id[0]))
        rr_strlcpy(names->id[names->n++], name, sizeof(names->id[0]));
}

static int xen_blkfront_init(void)
{
    if (!rr_xen_present())
        return 0;
    /* Names first, then the handshakes: the client holds one request at a time. */
    static struct names names;
    if (rr_xs_directory("device/vbd", collect, &names) <= 0)
        return 0;
    if (rr_gnttab_init() < 0)
        return 0;
    for (size_t i = 0; i < names.n; i++)
        probe(names.id[i]);
    return 0;
}
RR_INIT(2, xen_blkfront_init);
