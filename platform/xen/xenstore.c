/*
 * A xenstore client for the few keys the platform needs: one request at a
 * time, no transactions, no watches, polled rather than interrupt-driven,
 * because it runs at boot before interrupts are on and at the very end with
 * them off. The daemon is nudged through the store event channel and the
 * CPU yields to dom0 while waiting; a daemon silent for 5 s is an error.
 */
#include <rr/kern.h>
#include <rr/errno.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/hvm.h>
#include <rr/xen/event.h>
#include <rr/xen/console_ring.h>
#include <rr/xen/xenstore_wire.h>
#include <rr/xen/xenstore.h>

#define SCHEDOP_YIELD 0
#define REPLY_LIMIT_NS 5000000000ULL
#define MSG_MAX (sizeof(struct rr_xsd_sockmsg) + RR_XS_PAYLOAD_MAX)

static volatile struct rr_xenstore_interface *xs;
static uint32_t xs_port;
static uint32_t next_id = 1;
static char msg[MSG_MAX + 1];
static char home[64];

bool rr_xs_init(void)
{
    uint64_t pfn = 0, evtchn = 0;
    if (rr_xen_hvm_get(RR_XEN_HVM_PARAM_STORE_PFN, &pfn) < 0 || !pfn ||
        rr_xen_hvm_get(RR_XEN_HVM_PARAM_STORE_EVTCHN, &evtchn) < 0)
        return false;
    xs_port = (uint32_t)evtchn;
    xs = rr_xen_map_frame(pfn);
    return true;
}

static void yield(void)
{
    rr_xen_hypercall2(RR_XEN_HC_SCHED_OP, SCHEDOP_YIELD, 0);
}

static bool timed_out(uint64_t start)
{
    return rr_xen_monotonic_ns() - start > REPLY_LIMIT_NS;
}

static int send(const char *buf, size_t n, uint64_t start)
{
    while (n) {
        uint32_t prod = xs->req_prod;
        size_t put = rr_ring_put((char *)xs->req, RR_XS_RING_SIZE, xs->req_cons, &prod, buf, n);
        __atomic_thread_fence(__ATOMIC_RELEASE);
        xs->req_prod = prod;
        rr_xen_notify(xs_port);
        buf += put;
        n -= put;
        if (n) {
            if (timed_out(start))
                return -ETIMEDOUT;
            yield();
        }
    }
    return 0;
}

/* Reads exactly n more reply bytes into dst. */
static int receive(char *dst, size_t n, uint64_t start)
{
    while (n) {
        uint32_t cons = xs->rsp_cons;
        uint32_t prod = xs->rsp_prod;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        size_t got = rr_ring_get((const char *)xs->rsp, RR_XS_RING_SIZE, &cons, prod, dst, n);
        __atomic_thread_fence(__ATOMIC_RELEASE);
        xs->rsp_cons = cons;
        if (got)
            rr_xen_notify(xs_port);
        dst += got;
        n -= got;
        if (n) {
            if (timed_out(start))
                return -ETIMEDOUT;
            yield();
        }
    }
    return 0;
}

static int errno_of(const char *name)
{
    static const struct { const char *name; int err; } known[] = {
        { "ENOENT", ENOENT }, { "EACCES", EACCES }, { "EINVAL", EINVAL }, { "EEXIST", EEXIST },
        { "ENOSPC", ENOSPC }, { "E2BIG", E2BIG }, { "EAGAIN", EAGAIN }, { "EPERM", EPERM },
    };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (!rr_strcmp(name, known[i].name))
            return known[i].err;
    return EIO;
}

/* One request and its reply; on success the payload is in msg at *payload. */
static long transact(uint32_t type, const char *const *parts, const size_t *lens, int nparts, bool last_nul,
                     const char **payload, size_t *plen)
{
    if (!xs)
        return -ENODEV;
    uint32_t id = next_id++;
    size_t n = rr_xs_frame(msg, sizeof(msg), type, id, parts, lens, nparts, last_nul);
    if (!n)
        return -E2BIG;
    uint64_t start = rr_xen_monotonic_ns();
    int r = send(msg, n, start);
    if (r < 0)
        return r;
    r = receive(msg, sizeof(struct rr_xsd_sockmsg), start);
    if (r < 0)
        return r;
    struct rr_xsd_sockmsg h;
    rr_memcpy(&h, msg, sizeof(h));
    if (h.len > RR_XS_PAYLOAD_MAX)
        return -EIO;
    r = receive(msg + sizeof(h), h.len, start);
    if (r < 0)
        return r;
    const char *err = NULL;
    switch (rr_xs_reply(msg, sizeof(h) + h.len, type, id, payload, plen, &err)) {
    case RR_XS_REPLY_OK:
        return 0;
    case RR_XS_REPLY_ERROR:
        return -errno_of(err);
    default:
        return -EIO;
    }
}

long rr_xs_read(const char *path, char *buf, size_t bufsize)
{
    const char *parts[] = { path };
    size_t lens[] = { rr_strlen(path) };
    const char *payload;
    size_t plen;
    long r = transact(RR_XS_READ, parts, lens, 1, true, &payload, &plen);
    if (r < 0)
        return r;
    size_t n = plen < bufsize - 1 ? plen : bufsize - 1;
    rr_memcpy(buf, payload, n);
    buf[n] = '\0';
    return (long)plen;
}

int rr_xs_write(const char *path, const char *value, size_t len)
{
    const char *parts[] = { path, value };
    size_t lens[] = { rr_strlen(path), len };
    const char *payload;
    size_t plen;
    return (int)transact(RR_XS_WRITE, parts, lens, 2, false, &payload, &plen);
}

int rr_xs_directory(const char *path, void (*fn)(const char *name, void *arg), void *arg)
{
    const char *parts[] = { path };
    size_t lens[] = { rr_strlen(path) };
    const char *payload;
    size_t plen;
    long r = transact(RR_XS_DIRECTORY, parts, lens, 1, true, &payload, &plen);
    if (r < 0)
        return (int)r;
    return rr_xs_each_name(payload, plen, fn, arg);
}

const char *rr_xs_home(void)
{
    if (!home[0]) {
        char id[16];
        if (rr_xs_read("domid", id, sizeof(id)) > 0)
            rr_snprintf(home, sizeof(home), "/local/domain/%s", id);
    }
    return home;
}
