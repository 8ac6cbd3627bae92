/*
 * The PV console: a page shared with the console daemon in dom0, found
 * through HVM_PARAM_CONSOLE_PFN/EVTCHN, with an output and an input ring.
 * drivers/console.c keeps the line discipline, escapes and ^C; this file only
 * moves bytes. Output is synchronous like the UART's: when the ring is full
 * the daemon is nudged and the CPU yields until it has drained some. Before
 * the ring is known (and if there is none), output goes to Xen's own log
 * through console_io and the debug port 0xE9.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/hvm.h>
#include <rr/xen/event.h>
#include <rr/xen/console_ring.h>

#define CONSOLEIO_WRITE 0
#define SCHEDOP_YIELD   0
/* How long output waits for the daemon before it gives up on a full ring. */
#define DRAIN_LIMIT_NS  2000000000ULL

static volatile struct rr_xencons_interface *ring;
static uint32_t port;
static bool rx_enabled = true;
static void (*input_fn)(void);

void rr_xen_console_setup(void)
{
    uint64_t pfn = 0, evtchn = 0;
    if (rr_xen_hvm_get(RR_XEN_HVM_PARAM_CONSOLE_PFN, &pfn) < 0 || !pfn ||
        rr_xen_hvm_get(RR_XEN_HVM_PARAM_CONSOLE_EVTCHN, &evtchn) < 0)
        return;
    port = (uint32_t)evtchn;
    ring = rr_xen_map_frame(pfn);
}

/* Release builds of Xen drop console_io writes from a domU, but every build
 * prints what an HVM or PVH guest writes to port 0xE9 in its own log as
 * "(dN) ...": both are used, so an early failure is seen somewhere. */
static void early_write(const char *s, size_t n)
{
    rr_xen_hypercall3(RR_XEN_HC_CONSOLE_IO, CONSOLEIO_WRITE, n, (uintptr_t)s);
    for (size_t i = 0; i < n; i++)
        rr_outb(0xE9, (uint8_t)s[i]);
}

static void yield(void)
{
    rr_xen_hypercall2(RR_XEN_HC_SCHED_OP, SCHEDOP_YIELD, 0);
}

/* Waits (bounded) until the daemon has taken bytes; false when it never did. */
static bool wait_for_drain(uint32_t want_space)
{
    uint64_t start = rr_xen_monotonic_ns();
    while (rr_ring_space(ring->out_cons, ring->out_prod, RR_XENCONS_OUT_SIZE) < want_space) {
        rr_xen_notify(port);
        if (rr_xen_monotonic_ns() - start > DRAIN_LIMIT_NS)
            return false;
        yield();
    }
    return true;
}

void rr_xen_console_put(const char *s, size_t n)
{
    if (!ring) {
        early_write(s, n);
        return;
    }
    while (n) {
        uint32_t prod = ring->out_prod;
        size_t put = rr_ring_put((char *)ring->out, RR_XENCONS_OUT_SIZE, ring->out_cons, &prod, s, n);
        /* the bytes must be visible before the index that publishes them */
        __atomic_thread_fence(__ATOMIC_RELEASE);
        ring->out_prod = prod;
        s += put;
        n -= put;
        rr_xen_notify(port);
        if (n && !wait_for_drain(1))
            return;     /* nobody reads the console: drop rather than hang the guest */
    }
}

void rr_xen_console_flush(void)
{
    if (ring)
        wait_for_drain(RR_XENCONS_OUT_SIZE);
}

bool rr_xen_console_rx_ready(void)
{
    return ring && ring->in_cons != ring->in_prod;
}

uint8_t rr_xen_console_getc(void)
{
    uint32_t cons = ring->in_cons;
    char c = 0;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    rr_ring_get((const char *)ring->in, RR_XENCONS_IN_SIZE, &cons, ring->in_prod, &c, 1);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    ring->in_cons = cons;
    /* the daemon waits for room before it writes more */
    rr_xen_notify(port);
    return (uint8_t)c;
}

static void on_event(uint32_t p)
{
    (void)p;
    if (rx_enabled && input_fn)
        input_fn();
}

void rr_xen_console_rx_irq(bool enable)
{
    rx_enabled = enable;
    if (enable && input_fn && rr_xen_console_rx_ready())
        input_fn();
}

void rr_xen_console_start(void (*on_input)(void))
{
    input_fn = on_input;
    if (ring)
        rr_xen_port_bind(port, on_event);
}
