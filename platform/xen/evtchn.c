/*
 * Event channels, 2-level ABI. Xen raises the upcall vector when a port that
 * is not masked becomes pending, and again while the vCPU's upcall_pending
 * flag stays set; with it it sets a selector bit per 64-port word. The
 * handler clears the flag first (a new event then raises the vector again)
 * and scans only the words the selector names. Every port starts masked; binding a handler unmasks one. Unmasking
 * goes through Xen so that an event which arrived while masked is delivered.
 */
#include <rr/kern.h>
#include <rr/trap.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/hvm.h>
#include <rr/xen/event.h>
#include <rr/xen/shared_info.h>

#define EVTCHNOP_UNMASK 9
#define MAX_PORTS 4096
#define BOUND_PORTS 256     /* console and xenstore get low numbers; more is never needed */

static rr_xen_port_fn handlers[BOUND_PORTS];

static void upcall(struct rr_trap_frame *f)
{
    (void)f;
    volatile struct rr_xen_shared_info *s = rr_xen_shared;
    volatile struct rr_xen_vcpu_info *v = &s->vcpu[0];
    /* One pass only. A handler may cause a new event at once (re-arming Xen's
     * timer for a deadline already past does): that sets upcall_pending again
     * and Xen raises the vector after this handler returns, so the scheduler
     * runs in between, as it would after a LAPIC interrupt. Looping here
     * instead would never leave the handler. */
    v->upcall_pending = 0;
    uint64_t sel = __atomic_exchange_n(&v->pending_sel, 0, __ATOMIC_SEQ_CST);
    while (sel) {
        unsigned w = (unsigned)__builtin_ctzll(sel);
        sel &= sel - 1;
        uint64_t bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];
        while (bits) {
            unsigned b = (unsigned)__builtin_ctzll(bits);
            bits &= bits - 1;
            __atomic_fetch_and(&s->evtchn_pending[w], ~(1ULL << b), __ATOMIC_SEQ_CST);
            uint32_t port = w * 64 + b;
            if (port < BOUND_PORTS && handlers[port])
                handlers[port](port);
        }
    }
}

bool rr_xen_events_init(void)
{
    volatile struct rr_xen_shared_info *s = rr_xen_shared;
    for (int w = 0; w < MAX_PORTS / 64; w++)
        s->evtchn_mask[w] = ~0ULL;
    rr_irq_register(RR_VEC_XEN_UPCALL, upcall);
    long r = rr_xen_hvm_set(RR_XEN_HVM_PARAM_CALLBACK_IRQ, RR_XEN_CALLBACK_VECTOR(RR_VEC_XEN_UPCALL));
    if (r < 0) {
        rr_printk("xen: the event upcall vector was refused (error %ld); console input is polled", -r);
        return false;
    }
    s->vcpu[0].upcall_mask = 0;
    return true;
}

void rr_xen_port_mask(uint32_t port, bool masked)
{
    if (port >= MAX_PORTS)
        return;
    volatile uint64_t *word = &rr_xen_shared->evtchn_mask[port / 64];
    if (masked) {
        __atomic_fetch_or(word, 1ULL << (port % 64), __ATOMIC_SEQ_CST);
    } else {
        uint32_t p = port;
        rr_xen_hypercall2(RR_XEN_HC_EVENT_CHANNEL_OP, EVTCHNOP_UNMASK, (uintptr_t)&p);
    }
}

void rr_xen_port_bind(uint32_t port, rr_xen_port_fn fn)
{
    if (port >= BOUND_PORTS) {
        rr_printk("xen: event channel %u is beyond the %d this platform binds", port, BOUND_PORTS);
        return;
    }
    handlers[port] = fn;
    rr_xen_port_mask(port, false);
}

void rr_xen_notify(uint32_t port)
{
    uint32_t p = port;
    rr_xen_hypercall2(RR_XEN_HC_EVENT_CHANNEL_OP, RR_XEN_EVTCHNOP_SEND, (uintptr_t)&p);
}

bool rr_xen_port_test_and_clear(uint32_t port)
{
    uint64_t bit = 1ULL << (port % 64);
    return __atomic_fetch_and(&rr_xen_shared->evtchn_pending[port / 64], ~bit, __ATOMIC_SEQ_CST) & bit;
}
