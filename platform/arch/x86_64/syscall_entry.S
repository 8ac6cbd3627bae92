/*
 * The target of LSTAR. The program runs in ring 0, so `syscall` changes
 * neither privilege nor stack: the caller's 128-byte red zone lies below rsp
 * and is live (musl issues syscall inline). So the first thing done is to
 * leave that stack without pushing anything. FMASK has already cleared IF,
 * DF, TF and AC.
 *
 * Return: restore RFLAGS from the saved r11 and jump to the saved rcx, on
 * the program's own rsp. Not sysret: that would drop to ring 3. r11 keeps the
 * flags value and rcx the return address, as Linux leaves them.
 */
    .section .text.rr_syscall, "ax", @progbits
    .code64
    .globl rr_syscall_entry
    .type rr_syscall_entry, @function
rr_syscall_entry:
    movq %rsp, rr_syscall_user_rsp(%rip)
    movq rr_syscall_stack_top(%rip), %rsp
    pushq rr_syscall_user_rsp(%rip)
    pushq %r11
    pushq %rcx
    pushq %rax
    pushq %rdi
    pushq %rsi
    pushq %rdx
    pushq %r10
    pushq %r8
    pushq %r9
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi
    call rr_syscall_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    popq %r9
    popq %r8
    popq %r10
    popq %rdx
    popq %rsi
    popq %rdi
    addq $8, %rsp               /* rax holds the result */
    popq %rcx
    movq (%rsp), %r11
    popfq
    popq %rsp
    jmpq *%rcx
    .size rr_syscall_entry, . - rr_syscall_entry

    .section .bss.rr_syscall, "aw", @nobits
    .p2align 3
rr_syscall_user_rsp:
    .skip 8

    .section .note.GNU-stack, "", @progbits
