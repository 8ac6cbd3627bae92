/*
 * PVH entry: 32-bit protected mode, paging off, ebx = hvm_start_info.
 * eax is undefined under PVH, so the boot protocol is recognised by the magic
 * at ebx first; only then does eax = the multiboot2 magic mean a multiboot2
 * loader (GRUB) with its boot information at ebx. We clear .bss, identity-map
 * the first GiB with 2 MiB pages (enough for the early allocations, which take
 * the lowest free pages), enable long mode with NX and SYSCALL, switch on SSE
 * for the program, and call rr_kernel_main(boot_info, protocol) on the boot stack.
 */
#define PVH_MAGIC   0x336ec578
#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define PROTOCOL_PVH        0   /* RR_BOOT_PVH in rr/boot.h */
#define PROTOCOL_MULTIBOOT2 1   /* RR_BOOT_MULTIBOOT2 */
#define CR0_PE      (1 << 0)
#define CR0_MP      (1 << 1)
#define CR0_EM      (1 << 2)
#define CR0_TS      (1 << 3)
#define CR0_NE      (1 << 5)
#define CR0_WP      (1 << 16)
#define CR0_PG      (1 << 31)
#define CR4_PAE     (1 << 5)
#define CR4_OSFXSR  (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define EFER_SCE    (1 << 0)
#define EFER_LME    (1 << 8)
#define EFER_NXE    (1 << 11)

    .section .text.rr_boot32, "ax", @progbits
    .code32
    .globl rr_start32
    .type rr_start32, @function
rr_start32:
    cli
    cld
    movl $PROTOCOL_PVH, %ebp        /* ebp survives everything up to the call */
    cmpl $PVH_MAGIC, (%ebx)
    je 0f
    movl $PROTOCOL_MULTIBOOT2, %ebp
    cmpl $MB2_BOOTLOADER_MAGIC, %eax
    jne .Lnot_pvh
0:  movl %ebx, %esi                 /* bss clearing below keeps esi */

    movl $__bss_start, %edi
    movl $__bss_end, %ecx
    subl %edi, %ecx
    shrl $2, %ecx                   /* the bounds are 8-aligned (image.ld); 4 bytes a turn */
    xorl %eax, %eax
    rep stosl

    /* boot_pml4[0] -> boot_pdpt, boot_pdpt[0] -> boot_pd, boot_pd = 512 x 2 MiB */
    movl $boot_pdpt, %eax
    orl $3, %eax
    movl %eax, boot_pml4
    movl $boot_pd, %eax
    orl $3, %eax
    movl %eax, boot_pdpt
    movl $boot_pd, %edi
    movl $0x83, %eax                /* present, writable, 2 MiB */
    movl $512, %ecx
1:  movl %eax, (%edi)
    movl $0, 4(%edi)
    addl $0x200000, %eax
    addl $8, %edi
    loop 1b

    movl %cr4, %eax
    orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    movl %eax, %cr4
    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl $0xC0000080, %ecx
    rdmsr
    orl $(EFER_LME | EFER_NXE | EFER_SCE), %eax
    wrmsr
    movl %cr0, %eax
    andl $~(CR0_EM | CR0_TS), %eax
    orl $(CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG), %eax
    movl %eax, %cr0

    lgdt rr_gdt_pointer32
    ljmp $0x08, $.Llong_mode

.Lnot_pvh:
    /* Nothing is set up; say why on the control channel and stop. */
    movl $.Lnot_pvh_msg, %esi
    movw $0xe9, %dx
2:  lodsb
    testb %al, %al
    jz 3f
    outb %al, %dx
    jmp 2b
3:  movw $0xf4, %dx
    movl $134, %eax
    outl %eax, %dx
4:  hlt
    jmp 4b

    .code64
.Llong_mode:
    movl $0x10, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movq $rr_boot_stack_top, %rsp
    fninit
    movl %esi, %edi
    movl %ebp, %esi
    xorl %ebp, %ebp
    call rr_kernel_main
5:  hlt
    jmp 5b
    .size rr_start32, . - rr_start32

    .section .rodata.rr_boot32, "a", @progbits
.Lnot_pvh_msg:
    .asciz "rr:panic 134 not started through the PVH or multiboot2 entry (no hvm_start_info or multiboot2 magic)\n"
    .p2align 3
    /* lgdt in 32-bit mode reads a 6-byte pointer with a 32-bit base */
rr_gdt_pointer32:
    .word rr_gdt_end - rr_gdt - 1
    .long rr_gdt

    /* The only GDT: null, 64-bit code (0x08), data (0x10), and the TSS
     * descriptor (0x18) that gdt.c fills in once the IST stacks exist. */
    .section .data.rr_gdt, "aw", @progbits
    .p2align 4
    .globl rr_gdt, rr_gdt_end
rr_gdt:
    .quad 0
    .quad 0x00af9a000000ffff
    .quad 0x00cf92000000ffff
    .quad 0, 0
rr_gdt_end:

    .section .bss.rr_boot, "aw", @nobits
    .p2align 12
boot_pml4:  .skip 4096
boot_pdpt:  .skip 4096
boot_pd:    .skip 4096
    .p2align 4
    .skip 8192
    .globl rr_boot_stack_top
rr_boot_stack_top:

    .section .note.GNU-stack, "", @progbits
