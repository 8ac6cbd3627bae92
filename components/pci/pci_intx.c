/*
 * Legacy INTx interrupts. On pc and q35 the firmware writes the IOAPIC pin
 * it routed each function's INTx to into the Interrupt Line register; those
 * lines are level triggered and active high (QEMU's MADT overrides say so),
 * and several functions may share one. The redirection entry is written
 * here rather than through rr_ioapic_route(), which programs edge-triggered
 * ISA lines: a level entry re-delivers for as long as any sharer still
 * holds the line after the EOI, so no interrupt is lost between sharers.
 */
#include <rr/kern.h>
#include <rr/apic.h>
#include <rr/trap.h>
#include "pci_internal.h"

#define IOAPIC_PINS 24
#define MAX_SHARERS 8
#define REDIR_LEVEL (1u << 15)

struct sharer {
    void (*fn)(void *arg);
    void *arg;
};

static struct sharer sharers[IOAPIC_PINS][MAX_SHARERS];
static uint8_t nsharers[IOAPIC_PINS];

static void line_irq(struct rr_trap_frame *f)
{
    int pin = (int)f->vector - RR_VEC_IRQ_BASE;
    if (pin < 0 || pin >= IOAPIC_PINS)
        return;
    for (int i = 0; i < nsharers[pin]; i++)
        sharers[pin][i].fn(sharers[pin][i].arg);
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)RR_IOAPIC_BASE = reg;
    *(volatile uint32_t *)(RR_IOAPIC_BASE + 0x10) = v;
}

int rr_pci_intx_register(struct rr_pci_device *d, void (*fn)(void *arg), void *arg)
{
    int pin = d->irq_line;
    if (d->irq_pin == 0 || pin == 0 || pin >= IOAPIC_PINS || pin == 2)
        return -ENODEV;
    if (nsharers[pin] == MAX_SHARERS)
        return -ENOSPC;
    sharers[pin][nsharers[pin]++] = (struct sharer){ fn, arg };
    if (nsharers[pin] == 1) {
        int vector = RR_VEC_IRQ_BASE + pin;
        rr_irq_register(vector, line_irq);
        ioapic_write(0x11 + 2 * (uint32_t)pin, 0);                          /* destination: APIC id 0 */
        ioapic_write(0x10 + 2 * (uint32_t)pin, (uint32_t)vector | REDIR_LEVEL);  /* fixed, active high, unmasked */
    }
    return 0;
}
