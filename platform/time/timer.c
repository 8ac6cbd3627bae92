/*
 * Wake-ups come from the LAPIC timer in one-shot mode, armed for the nearest
 * deadline of whoever waits; there is no periodic tick. Its rate is measured
 * against the (already calibrated) TSC. A deadline beyond the counter's range
 * fires early; the waiter re-arms.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/apic.h>
#include <rr/trap.h>
#include <rr/x86.h>

#define DIVIDE_BY_16 0x3
#define MEASURE_NS   1000000ULL

static uint64_t ticks_per_ms;

static void timer_irq(struct rr_trap_frame *f)
{
    (void)f;    /* waking the CPU from hlt is all it is for */
}

void rr_timer_init(void)
{
    rr_lapic_write(RR_LAPIC_TIMER_DIV, DIVIDE_BY_16);
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_LAPIC_LVT_MASKED | RR_VEC_TIMER);
    uint64_t end = rr_rdtsc() + rr_ns_to_tsc(MEASURE_NS);
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0xffffffffu);
    while (rr_rdtsc() < end)
        rr_pause();
    uint32_t used = 0xffffffffu - rr_lapic_read(RR_LAPIC_TIMER_CUR);
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0);
    ticks_per_ms = used * 1000000ULL / MEASURE_NS;
    if (!ticks_per_ms)
        rr_panic("the local APIC timer does not count");
    rr_irq_register(RR_VEC_TIMER, timer_irq);
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_VEC_TIMER);      /* one-shot, unmasked */
}

void rr_timer_arm(uint64_t deadline_ns)
{
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
    rr_lapic_write(RR_LAPIC_TIMER_INIT, 0);
}
