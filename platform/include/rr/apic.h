/*
 * rr/apic.h — the local APIC (arch/x86_64/lapic.c), the IOAPIC (ioapic.c) and
 * the legacy 8259 pair, which is only silenced (pic8259.c).
 */
#pragma once

#include <stdint.h>

#define RR_LAPIC_BASE   0xFEE00000UL
#define RR_IOAPIC_BASE  0xFEC00000UL

void rr_lapic_init(void);
void rr_lapic_eoi(void);
uint32_t rr_lapic_read(uint32_t reg);
void rr_lapic_write(uint32_t reg, uint32_t v);

#define RR_LAPIC_LVT_TIMER   0x320
#define RR_LAPIC_TIMER_INIT  0x380
#define RR_LAPIC_TIMER_CUR   0x390
#define RR_LAPIC_TIMER_DIV   0x3E0
#define RR_LAPIC_LVT_MASKED  (1u << 16)

void rr_ioapic_init(void);
/* Routes ISA IRQ line `irq` to vector RR_VEC_IRQ_BASE + irq, edge triggered, unmasked. */
void rr_ioapic_route(int irq);

void rr_pic8259_disable(void);
