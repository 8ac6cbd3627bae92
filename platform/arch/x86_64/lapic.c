/*
 * The local APIC in xAPIC mode through its MMIO page (mapped uncached by
 * mm/paging.c). It delivers the IOAPIC's interrupts and owns the one-shot
 * timer (time/timer.c).
 */
#include <rr/kern.h>
#include <rr/apic.h>
#include <rr/trap.h>
#include <rr/x86.h>

#define LAPIC_TPR     0x080
#define LAPIC_EOI     0x0B0
#define LAPIC_SVR     0x0F0
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370

uint32_t rr_lapic_read(uint32_t reg)
{
    return *(volatile uint32_t *)(RR_LAPIC_BASE + reg);
}

void rr_lapic_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)(RR_LAPIC_BASE + reg) = v;
}

void rr_lapic_eoi(void)
{
    rr_lapic_write(LAPIC_EOI, 0);
}

void rr_lapic_init(void)
{
    uint64_t base = rr_rdmsr(RR_MSR_APIC_BASE);
    if ((base & ~0xfffULL) != RR_LAPIC_BASE)
        rr_panic("local APIC at %#lx, expected %#lx", (unsigned long)(base & ~0xfffULL), RR_LAPIC_BASE);
    rr_wrmsr(RR_MSR_APIC_BASE, base | (1u << 11));        /* globally enabled, xAPIC mode */
    rr_lapic_write(LAPIC_SVR, 0x100 | RR_VEC_SPURIOUS);   /* software enable */
    rr_lapic_write(LAPIC_TPR, 0);
    /* Legacy lines: the 8259's ExtINT on LINT0 is not wanted; NMI stays on LINT1. */
    rr_lapic_write(LAPIC_LVT_LINT0, RR_LAPIC_LVT_MASKED);
    rr_lapic_write(LAPIC_LVT_ERROR, RR_LAPIC_LVT_MASKED);
    rr_lapic_write(RR_LAPIC_LVT_TIMER, RR_LAPIC_LVT_MASKED);
}
