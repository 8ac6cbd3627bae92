/*
 * Control transfers that C cannot express.
 *
 * rr_enter_program(entry, sp): start the program on its Linux initial stack
 * with every other register cleared and interrupts on (the program runs with
 * IF set so that the console and the timer can interrupt it).
 *
 * rr_run_on_stack(top, fn): continue the boot on another stack; fn never returns.
 */
    .section .text.rr_enter, "ax", @progbits
    .code64
    .globl rr_enter_program
    .type rr_enter_program, @function
rr_enter_program:
    movq %rdi, %rax
    movq %rsi, %rsp
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %edi, %edi
    xorl %ebp, %ebp
    xorl %r8d, %r8d
    xorl %r9d, %r9d
    xorl %r10d, %r10d
    xorl %r11d, %r11d
    xorl %r12d, %r12d
    xorl %r13d, %r13d
    xorl %r14d, %r14d
    xorl %r15d, %r15d
    sti
    jmpq *%rax
    .size rr_enter_program, . - rr_enter_program

    .globl rr_run_on_stack
    .type rr_run_on_stack, @function
rr_run_on_stack:
    movq %rdi, %rsp
    xorl %ebp, %ebp
    call *%rsi
1:  hlt
    jmp 1b
    .size rr_run_on_stack, . - rr_run_on_stack

    .section .note.GNU-stack, "", @progbits
