/*
 * Wake-ups on Xen: Xen's single-shot timer for vCPU 0, signalled on the
 * VIRQ_TIMER event channel. The emulated LAPIC timer would also work, but its
 * rate has to be measured against the TSC through trapped register reads,
 * which under a loaded or nested hypervisor can be off by several times; Xen's
 * timer takes an absolute deadline in its own system time, which is the PV
 * clock the platform already reads, so there is nothing to measure.
 */
#include <rr/kern.h>
#include <rr/sched.h>
#include <rr/xen/xen.h>
#include <rr/xen/hypercall.h>
#include <rr/xen/event.h>

#define RR_XEN_HC_VCPU_OP            24
#define VCPUOP_STOP_PERIODIC_TIMER   7
#define VCPUOP_SET_SINGLESHOT_TIMER  8
#define VCPUOP_STOP_SINGLESHOT_TIMER 9
#define EVTCHNOP_BIND_VIRQ           1
#define VIRQ_TIMER                   0
#define MIN_DELAY_NS                 50000ULL

struct singleshot {
    uint64_t timeout_abs_ns;
    uint32_t flags;             /* 0: a deadline already past fires at once */
};

struct bind_virq {
    uint32_t virq;
    uint32_t vcpu;
    uint32_t port;
};

static bool in_handler;

static void on_timer(uint32_t port)
{
    (void)port;
    in_handler = true;
    rr_sched_timer_interrupt();
    in_handler = false;
}

bool rr_xen_timer_init(void)
{
    struct bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = 0 };
    long r = rr_xen_hypercall2(RR_XEN_HC_EVENT_CHANNEL_OP, EVTCHNOP_BIND_VIRQ, (uintptr_t)&bind);
    if (r < 0) {
        rr_printk("xen: VIRQ_TIMER cannot be bound (error %ld); using the local APIC timer", -r);
        return false;
    }
    /* Some Xen versions start a periodic tick for vCPU 0: only deadlines are wanted. */
    rr_xen_hypercall3(RR_XEN_HC_VCPU_OP, VCPUOP_STOP_PERIODIC_TIMER, 0, 0);
    rr_xen_port_bind(bind.port, on_timer);
    return true;
}

void rr_xen_timer_arm(uint64_t deadline_ns)
{
    /* A deadline already past makes Xen raise the event during the hypercall
     * itself. The scheduler re-arms from the timer's own handler; re-armed
     * there for a past deadline, the next event would arrive the moment the
     * handler re-enables interrupts, before the thread that is due could run,
     * and so on for ever (under a slow, nested hypervisor even a short delay
     * is over before the handler returns). So from the handler a past
     * deadline is not armed at all: whatever was interrupted checks deadlines
     * itself after every interrupt (the idle loop, waits, the return to the
     * program) and re-arms from there. Elsewhere a past deadline is moved
     * MIN_DELAY_NS ahead, so that the halt that follows is woken. */
    uint64_t now = rr_monotonic_ns();
    if (in_handler && deadline_ns <= now)
        return;
    if (deadline_ns < now + MIN_DELAY_NS)
        deadline_ns = now + MIN_DELAY_NS;
    struct singleshot s = { .timeout_abs_ns = rr_xen_system_ns_of(deadline_ns), .flags = 0 };
    rr_xen_hypercall3(RR_XEN_HC_VCPU_OP, VCPUOP_SET_SINGLESHOT_TIMER, 0, (uintptr_t)&s);
}

void rr_xen_timer_disarm(void)
{
    rr_xen_hypercall3(RR_XEN_HC_VCPU_OP, VCPUOP_STOP_SINGLESHOT_TIMER, 0, 0);
}
