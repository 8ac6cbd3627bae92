/*
 * The target of LSTAR. The program runs in ring 0, so `syscall` changes
 * neither privilege nor stack: the caller's 128-byte red zone lies below rsp
 * and is live (musl issues syscall inline). So the first thing done is to
 * leave that stack without pushing anything. FMASK has already cleared IF,
 * DF, TF and AC, and interrupts stay off until the program runs again.
 *
 * The stack switched to is the current thread's kernel stack: the scheduler
 * stores its top in rr_syscall_stack_top at every switch, and a thread that
 * blocks inside a system call keeps its stack until it returns.
 *
 * Fast return: restore RFLAGS from the saved r11 with IF still clear, take
 * the program's rsp, then `sti; jmp *%rcx` (sti's shadow covers the jump, so
 * no interrupt lands between the stack switch and the program). Not sysret:
 * that would drop to ring 3. r11 keeps the flags value and rcx the return
 * address, as Linux leaves them.
 *
 * Full return: when a signal handler is entered or rt_sigreturn restored a
 * context, every register matters (rcx and r11 included), so C leaves a
 * complete interrupt frame in rr_syscall_iret and we leave through iretq.
 */
#define RFLAGS_IF_BIT 9

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
    call rr_syscall_handle
    .globl rr_syscall_exit
rr_syscall_exit:                /* rsp = the frame, rax = the program's rax */
    movq rr_syscall_iret(%rip), %rdx
    testq %rdx, %rdx
    jnz 1f
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
    addq $8, %rsp
    popq %rcx
    movq (%rsp), %r11
    btrq $RFLAGS_IF_BIT, (%rsp)
    popfq
    popq %rsp
    sti
    jmpq *%rcx
1:  movq $0, rr_syscall_iret(%rip)
    movq %rdx, %rsp
    jmp rr_trap_return
    .size rr_syscall_entry, . - rr_syscall_entry

    .section .bss.rr_syscall, "aw", @nobits
    .p2align 3
rr_syscall_user_rsp:
    .skip 8

    .section .note.GNU-stack, "", @progbits
