/*
 * One 16-byte stub per vector pushes a dummy error code where the CPU pushes
 * none, then the vector, and joins the common path, which saves the general
 * registers as struct rr_trap_frame and calls rr_trap_dispatch(frame).
 * Every vector runs on an IST stack (rr/trap.h), so the interrupted code's
 * stack, red zone included, is never written.
 *
 * When the interrupted code was the program and the scheduler wants the
 * thread to switch away or take a signal, rr_trap_dispatch returns a copy of
 * the frame on the thread's own kernel stack (the IST stack must be free for
 * the next interrupt); we move there and run rr_trap_program_tail, which may
 * switch threads and return much later, then return from the copy.
 * rr_trap_return is also the system-call path's full return (iretq from a
 * complete frame).
 */
    .section .text.rr_trap, "ax", @progbits
    .code64
    .p2align 4
    .globl rr_trap_stubs
rr_trap_stubs:
    .set vec, 0
    .rept 256
    .p2align 4
    .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    pushq $vec
    .else
    pushq $0
    pushq $vec
    .endif
    jmp rr_trap_common
    .set vec, vec + 1
    .endr

    .p2align 4
rr_trap_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    cld
    movq %rsp, %rdi
    call rr_trap_dispatch
    testq %rax, %rax
    jz rr_trap_return
    movq %rax, %rsp
    movq %rax, %rdi
    call rr_trap_program_tail
    .globl rr_trap_return
rr_trap_return:
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp
    iretq

    .section .note.GNU-stack, "", @progbits
