/*
 * rr/x86.h — thin wrappers over x86-64 instructions the platform needs
 * (port I/O, MSRs, control registers, CPUID, TSC, interrupt flag).
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

#define RR_MSR_EFER        0xC0000080u
#define RR_MSR_STAR        0xC0000081u
#define RR_MSR_LSTAR       0xC0000082u
#define RR_MSR_FMASK       0xC0000084u
#define RR_MSR_FS_BASE     0xC0000100u
#define RR_MSR_GS_BASE     0xC0000101u
#define RR_MSR_APIC_BASE   0x0000001Bu

#define RR_RFLAGS_TF  (1ul << 8)
#define RR_RFLAGS_IF  (1ul << 9)
#define RR_RFLAGS_DF  (1ul << 10)
#define RR_RFLAGS_NT  (1ul << 14)
#define RR_RFLAGS_AC  (1ul << 18)

static inline void rr_outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void rr_outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void rr_outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t rr_inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rr_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void rr_wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rr_read_cr2(void) { uint64_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint64_t rr_read_cr3(void) { uint64_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline void rr_write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void rr_invlpg(uintptr_t va) { __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory"); }

static inline void rr_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

static inline uint64_t rr_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Interrupt state: the platform runs with interrupts off except while the
 * program runs and while rr_wait_until() halts. */
static inline uint64_t rr_irq_save(void)
{
    uint64_t f;
    __asm__ volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
    return f;
}
static inline void rr_irq_restore(uint64_t f)
{
    if (f & RR_RFLAGS_IF)
        __asm__ volatile("sti" : : : "memory");
}
static inline void rr_cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void rr_pause(void) { __asm__ volatile("pause"); }
