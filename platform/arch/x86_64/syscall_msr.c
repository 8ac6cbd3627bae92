/*
 * SYSCALL from ring 0 to ring 0: STAR's kernel selector pair is our code
 * segment (SS = CS + 8 follows the GDT order), LSTAR the entry, and FMASK
 * clears IF, DF, TF, AC and NT on entry so that the platform's C code starts
 * in a known state.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/syscall.h>

extern char rr_syscall_entry[];

void rr_syscall_msr_init(void)
{
    rr_wrmsr(RR_MSR_EFER, rr_rdmsr(RR_MSR_EFER) | 1);
    rr_wrmsr(RR_MSR_STAR, 0x08ULL << 32);
    rr_wrmsr(RR_MSR_LSTAR, (uint64_t)rr_syscall_entry);
    rr_wrmsr(RR_MSR_FMASK, RR_RFLAGS_IF | RR_RFLAGS_DF | RR_RFLAGS_TF | RR_RFLAGS_AC | RR_RFLAGS_NT);
}
