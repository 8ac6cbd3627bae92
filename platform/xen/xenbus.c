/*
 * The xenstore side of a split driver's handshake (public io/xenbus.h). The
 * xenstore client is polled (no watches), so waiting for a back end is a
 * bounded loop of reads with pauses between them.
 */
#include <rr/kern.h>
#include <rr/xen/grant_table.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/xen.h>
#include <rr/xen/xenbus.h>
#include <rr/xen/xenstore.h>

#define EVTCHNOP_ALLOC_UNBOUND 6
/* A nested or busy dom0 may take seconds to bring a back end up. */
#define BACKEND_TIMEOUT_NS (30ULL * 1000000000ULL)
#define POLL_NS            (10ULL * 1000000ULL)

struct evtchn_alloc_unbound {
    uint16_t dom;
    uint16_t remote_dom;
    uint32_t port;
};

static bool never(void *arg)
{
    (void)arg;
    return false;
}

void rr_xenbus_pause_ns(uint64_t ns)
{
    rr_wait_until(never, NULL, rr_monotonic_ns() + ns);
}

bool rr_xenbus_read_u64(const char *dir, const char *key, uint64_t *out)
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

int rr_xenbus_write(const char *dir, const char *key, const char *value)
{
    char path[160];
    rr_snprintf(path, sizeof(path), "%s/%s", dir, key);
    return rr_xs_write(path, value, rr_strlen(value));
}

int rr_xenbus_write_u64(const char *dir, const char *key, uint64_t v)
{
    char text[24];
    rr_snprintf(text, sizeof(text), "%lu", (unsigned long)v);
    return rr_xenbus_write(dir, key, text);
}

int rr_xenbus_wait_state(const char *dir, uint64_t want)
{
    uint64_t deadline = rr_monotonic_ns() + BACKEND_TIMEOUT_NS;
    uint64_t state = 0;
    for (;;) {
        bool known = rr_xenbus_read_u64(dir, "state", &state);
        if (known && state >= want)
            return (int)state;
        if (rr_monotonic_ns() >= deadline)
            return known ? (int)state : -1;
        rr_xenbus_pause_ns(POLL_NS);
    }
}

int rr_xenbus_alloc_port(uint16_t remote, uint32_t *port)
{
    struct evtchn_alloc_unbound alloc = { RR_XEN_DOMID_SELF, remote, 0 };
    long e = rr_xen_hypercall2(RR_XEN_HC_EVENT_CHANNEL_OP, EVTCHNOP_ALLOC_UNBOUND, (uintptr_t)&alloc);
    if (e < 0)
        return (int)e;
    *port = alloc.port;
    return 0;
}

struct device_names {
    char id[16][12];
    size_t n;
};

static void collect_name(const char *name, void *arg)
{
    struct device_names *names = arg;
    if (names->n < sizeof(names->id) / sizeof(names->id[0]) && rr_strlen(name) < sizeof(names->id[0]))
        rr_strlcpy(names->id[names->n++], name, sizeof(names->id[0]));
}

void rr_xenbus_probe_devices(const char *dir, void (*probe)(const char *id))
{
    if (!rr_xen_present())
        return;
    static struct device_names names;
    names.n = 0;
    if (rr_xs_directory(dir, collect_name, &names) <= 0)
        return;
    if (rr_gnttab_init() < 0)
        return;
    for (size_t i = 0; i < names.n; i++)
        probe(names.id[i]);
}
