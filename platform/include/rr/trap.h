/*
 * rr/trap.h — exceptions and interrupts (arch/x86_64/idt.c, trap.c, trap_entry.S).
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

/* Saved by trap_entry.S; the tail is what the CPU pushed. */
struct rr_trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Vectors: 0..31 exceptions, IOAPIC pin p at RR_VEC_IRQ_BASE + p. */
#define RR_VEC_IRQ_BASE  0x20
#define RR_VEC_TIMER     0xF0
#define RR_VEC_SPURIOUS  0xFF

/* Interrupt stack table slots (arch/x86_64/gdt.c fills the TSS). */
#define RR_IST_FAULT   1   /* exceptions, including page faults that back program memory */
#define RR_IST_IRQ     2   /* device and timer interrupts */
#define RR_IST_DOUBLE  3   /* #DF, NMI, #MC: must work whatever state the others are in */

typedef void (*rr_irq_fn)(struct rr_trap_frame *f);

void rr_gdt_init(void);                      /* final GDT and TSS with IST stacks */
void rr_idt_init(bool use_ist);             /* false: before the TSS exists */
void rr_irq_register(int vector, rr_irq_fn fn);
/* Called by trap_entry.S; returns NULL, or a frame on the current thread's kernel
 * stack to continue from through rr_trap_program_tail (rr/sched.h). */
struct rr_trap_frame *rr_trap_dispatch(struct rr_trap_frame *f);
extern int rr_irq_depth;                     /* > 0 while a device interrupt is handled */

/* kern/fault.c: an exception. Returns only when it was a page fault that
 * demand paging resolved; anything else is reported and ends the guest. */
void rr_exception(struct rr_trap_frame *f);
