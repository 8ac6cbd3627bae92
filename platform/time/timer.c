/*
 * Wake-ups come from the LAPIC timer in one-shot mode, armed for the nearest
 * deadline of whoever waits; there is no periodic tick. Its rate is measured
 * against the TSC when the first deadline is armed (a program that never waits
 * never pays for it). A deadline beyond the counter's range fires early; the
 * waiter re-arms. Once threads run, the scheduler alone arms it (rr/sched.h):
 * for the nearest of kernel timers, waiters' deadlines and the time slice.
 * On Xen, Xen's single-shot timer takes the LAPIC timer's place (xen/timer.c).
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/apic.h>
#include <rr/trap.h>
#include <rr/x86.h>
#include <rr/sched.h>
#include <rr/xen/xen.h>

#define DIVIDE_BY_16 0x3
#define MEASURE_NS   1000000ULL

static uint64_t ticks_per_ms;
static bool xen_timer;      /* Xen's own timer replaces the LAPIC's (xen/timer.c) */

static void timer_irq(struct rr_trap_frame *f)
{
    (void)f;    /* besides waking the CPU from hlt: kernel timers, the next deadline */
    rr_sched_timer_interrupt();
}

/* The LAPIC count and the TSC at one moment: the closest-together pair of
 * reads out of a few, so that a host preemption between them does not count. */
static uint32_t lapic_sample(uint64_t *tsc)
{
    uint64_t best = UINT64_MAX;
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t a = rr_rdtsc();
        uint32_t v = rr_lapic_read(RR_LAPIC_TIMER_CUR);
        uint64_t b = rr_rdtsc();
        if (b - a < best) {
            best = b - a;
            value = v;
            *tsc = a + (b - a) / 2;
        }
    }
    return value;
}

static void measure_rate(void)
{
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_LAPIC_LVT_MASKED | RR_VEC_TIMER);
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0xffffffffu);
    uint64_t t0, t1;
    uint32_t c0 = lapic_sample(&t0);
    while (rr_rdtsc() < t0 + rr_ns_to_tsc(MEASURE_NS))
        rr_pause();
    uint32_t c1 = lapic_sample(&t1);
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0);
    uint64_t ns = rr_tsc_to_ns(t1 - t0);
    ticks_per_ms = ns ? (uint64_t)(c0 - c1) * 1000000ULL / ns : 0;
    if (!ticks_per_ms)
        rr_panic("the local APIC timer does not count");
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_VEC_TIMER);      /* one-shot, unmasked */
}

void rr_timer_init(void)
{
    if (rr_xen_present() && rr_xen_timer_init()) {
        xen_timer = true;
        return;
    }
    rr_lapic_write(RR_LAPIC_TIMER_DIV, DIVIDE_BY_16);
    rr_irq_register(RR_VEC_TIMER, timer_irq);
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_VEC_TIMER);      /* one-shot, unmasked, not counting */
}

void rr_timer_arm(uint64_t deadline_ns)
{
    if (RR_XEN_BUILD && xen_timer) {
        rr_xen_timer_arm(deadline_ns);
        return;
    }
    if (!ticks_per_ms)
        measure_rate();
    uint64_t now = rr_monotonic_ns();
    uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
    if (delta > 60000000000ULL)
        delta = 60000000000ULL;
    uint64_t ticks = delta / 1000 * ticks_per_ms / 1000 + 1;
    if (ticks > 0xffffffffu)
        ticks = 0xffffffffu;
    rr_lapic_write(RR_LAPIC_TIMER_INIT, (uint32_t)ticks);
}

void rr_timer_disarm(void)
{
    if (RR_XEN_BUILD && xen_timer) {
        rr_xen_timer_disarm();
        return;
    }
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0);
}
