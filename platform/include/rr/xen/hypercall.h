/*
 * rr/xen/hypercall.h — calls into Xen through the hypercall page
 * (xen/hypercall_page.S) that Xen fills once the guest names it in the MSR
 * CPUID reported. Each call is a 32-byte stub at offset number * 32; the
 * stubs take rdi, rsi, rdx, r10, r8 and return in rax, and clobber rcx and
 * r11 like the system-call instruction they may use.
 */
#pragma once

#include <stdint.h>

/* Hypercall numbers (public xen.h). */
#define RR_XEN_HC_MEMORY_OP        12
#define RR_XEN_HC_XEN_VERSION      17
#define RR_XEN_HC_CONSOLE_IO       18
#define RR_XEN_HC_SCHED_OP         29
#define RR_XEN_HC_EVENT_CHANNEL_OP 32
#define RR_XEN_HC_HVM_OP           34

#define RR_XEN_DOMID_SELF 0x7FF0u

extern char rr_xen_hypercall_page[4096];

static inline long rr_xen_hypercall2(unsigned nr, uint64_t a1, uint64_t a2)
{
    register uint64_t rdi __asm__("rdi") = a1;
    register uint64_t rsi __asm__("rsi") = a2;
    long ret;
    __asm__ volatile("call *%[stub]"
                     : "=a"(ret), "+r"(rdi), "+r"(rsi)
                     : [stub] "r"(rr_xen_hypercall_page + nr * 32)
                     : "rcx", "r11", "rdx", "r10", "r8", "memory");
    return ret;
}

static inline long rr_xen_hypercall3(unsigned nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t rdi __asm__("rdi") = a1;
    register uint64_t rsi __asm__("rsi") = a2;
    register uint64_t rdx __asm__("rdx") = a3;
    long ret;
    __asm__ volatile("call *%[stub]"
                     : "=a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx)
                     : [stub] "r"(rr_xen_hypercall_page + nr * 32)
                     : "rcx", "r11", "r10", "r8", "memory");
    return ret;
}
