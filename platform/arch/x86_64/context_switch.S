/*
 * Switching kernel stacks between threads. rr_context_switch(save, new)
 * keeps the callee-saved registers on the old stack, stores its rsp in
 * *save and resumes whatever was suspended on the new stack the same way.
 * Everything else a thread needs (FPU/SSE state, FS base, the kernel stack
 * top that syscall_entry.S uses) is swapped by sched/scheduler.c before.
 *
 * A new thread's stack is prepared so that its first switch "returns" into
 * rr_thread_first_run with rsp at a copy of its parent's system-call frame;
 * it then leaves exactly like a system call that returned 0.
 */
    .section .text.rr_switch, "ax", @progbits
    .code64
    .globl rr_context_switch
    .type rr_context_switch, @function
rr_context_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size rr_context_switch, . - rr_context_switch

    .globl rr_thread_first_run
    .type rr_thread_first_run, @function
rr_thread_first_run:
    movq %rsp, %rdi
    call rr_thread_first_return
    jmp rr_syscall_exit
    .size rr_thread_first_run, . - rr_thread_first_run

    .section .note.GNU-stack, "", @progbits
