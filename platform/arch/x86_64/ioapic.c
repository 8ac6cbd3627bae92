/*
 * The IOAPIC (microvm and pc both have one at the standard address). ISA lines
 * are identity-wired to its pins for the devices we use (COM1 = pin 4); the
 * timer (pin 2) is never routed, the LAPIC timer serves instead.
 */
#include <rr/kern.h>
#include <rr/apic.h>
#include <rr/trap.h>

static uint32_t ioapic_read(uint32_t reg)
{
    *(volatile uint32_t *)RR_IOAPIC_BASE = reg;
    return *(volatile uint32_t *)(RR_IOAPIC_BASE + 0x10);
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)RR_IOAPIC_BASE = reg;
    *(volatile uint32_t *)(RR_IOAPIC_BASE + 0x10) = v;
}

static int pins;

void rr_ioapic_init(void)
{
    pins = ((ioapic_read(1) >> 16) & 0xff) + 1;
    for (int p = 0; p < pins; p++) {
        ioapic_write(0x10 + 2 * p, 1u << 16);    /* masked */
        ioapic_write(0x11 + 2 * p, 0);
    }
}

void rr_ioapic_route(int irq)
{
    RR_ASSERT(irq < pins);
    ioapic_write(0x11 + 2 * irq, 0);             /* destination: APIC id 0 */
    ioapic_write(0x10 + 2 * irq, RR_VEC_IRQ_BASE + irq);   /* fixed, edge, active high, unmasked */
}
