/*
 * The multiboot2 header, so that GRUB's `multiboot2` command (and other
 * multiboot2 loaders) can boot the image from a disk or an ISO. It carries no
 * address tag: the loader takes the ELF segments and entry point as they are,
 * and enters rr_start32 with eax = 0x36D76289 and ebx = its boot information.
 * QEMU's -kernel looks only for multiboot v1 and the PVH note, so it ignores
 * this header. The specification wants it 8-aligned within the file's first
 * 32 KiB: image.ld puts it right after the PVH note, in the first segment.
 */
#define MB2_HEADER_MAGIC 0xE85250D6
#define MB2_ARCH_I386    0
#define MB2_TAG_END      0

    .section .rr_multiboot2, "a", @progbits
    .p2align 3
rr_multiboot2_header:
    .long MB2_HEADER_MAGIC
    .long MB2_ARCH_I386
    .long .Lheader_end - rr_multiboot2_header
    /* magic + architecture + length + checksum must be 0 modulo 2^32 */
    .long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (.Lheader_end - rr_multiboot2_header))
    .p2align 3
    .short MB2_TAG_END
    .short 0
    .long 8
.Lheader_end:

    .section .note.GNU-stack, "", @progbits
