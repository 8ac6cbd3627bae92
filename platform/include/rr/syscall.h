/*
 * rr/syscall.h — the system-call layer's internals (syscall/dispatch.c,
 * arch/x86_64/syscall_entry.S).
 */
#pragma once

#include <stdint.h>

/* What syscall_entry.S saves: the program's registers at the syscall
 * instruction (rcx = return address, r11 = rflags, as the CPU leaves them). */
struct rr_syscall_frame {
    uint64_t r15, r14, r13, r12, rbp, rbx;
    uint64_t r9, r8, r10, rdx, rsi, rdi;
    uint64_t rax;
    uint64_t rip, rflags, rsp;
};

void rr_syscall_init(void);                  /* the dispatch table (syscall/dispatch.c) */
void rr_syscall_msr_init(void);              /* LSTAR and friends (arch/x86_64/syscall_msr.c) */
long rr_syscall_dispatch(struct rr_syscall_frame *f);
extern uintptr_t rr_syscall_stack_top;       /* the stack syscall_entry.S switches to */
extern long rr_syscall_current;              /* number being served, -1 when none */
extern struct rr_syscall_frame *rr_syscall_current_frame;
const char *rr_syscall_name(long nr);        /* generated (syscall_names.c); NULL if unknown */
