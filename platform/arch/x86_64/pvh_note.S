/*
 * The Xen PVH entry note: QEMU, Firecracker, cloud-hypervisor and Xen find the
 * 32-bit entry point here (XEN_ELFNOTE_PHYS32_ENTRY = 18, owner "Xen").
 * The descriptor is 8 bytes in an ELF64 image; the section must be 4-aligned
 * and sit in its own PT_NOTE (image.ld), or QEMU ignores it.
 */
    .section .note.rr.pvh, "a", @note
    .p2align 2
    .long 4                 /* namesz */
    .long 8                 /* descsz */
    .long 18                /* type */
    .asciz "Xen"
    .p2align 2
    .quad rr_start32
    .p2align 2
    .section .note.GNU-stack, "", @progbits
