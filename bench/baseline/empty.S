/*
 * The baseline for boot-time figures: a PVH kernel that does nothing but report
 * exit status 0 on the control channel and stop the machine, exactly as a
 * Rumprun.Net image ends (docs/contracts.md §6). What a real image takes beyond
 * this is the platform's and the program's own start-up cost.
 */
    .section .note.baseline.pvh, "a", @note
    .p2align 2
    .long 4, 8, 18          /* name size, descriptor size, XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .p2align 2
    .quad empty_start32
    .p2align 2

    .text
    .code32
    .globl empty_start32
empty_start32:
    mov $0xe9, %dx
    lea message, %esi
1:  lodsb
    test %al, %al
    jz 2f
    out %al, %dx
    jmp 1b
2:  mov $0xf4, %dx
    xor %eax, %eax
    out %eax, %dx
3:  hlt
    jmp 3b

    .section .rodata
message:
    .asciz "rr:exit 0\n"
