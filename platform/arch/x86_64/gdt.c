/*
 * The TSS exists only for its interrupt stack table: every vector runs on an
 * IST stack (rr/trap.h) because the interrupted code may be the program,
 * whose red zone below rsp must survive, or a stack that just overflowed.
 */
#include <rr/kern.h>
#include <rr/kva.h>
#include <rr/trap.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));

extern uint64_t rr_gdt[];
static struct tss tss __attribute__((aligned(16)));

void rr_gdt_init(void)
{
    uintptr_t fault = rr_kstack_alloc(4);
    uintptr_t irq = rr_kstack_alloc(2);
    uintptr_t dbl = rr_kstack_alloc(2);
    if (!fault || !irq || !dbl)
        rr_panic("no memory for the interrupt stacks");
    tss.ist[RR_IST_FAULT - 1] = fault;
    tss.ist[RR_IST_IRQ - 1] = irq;
    tss.ist[RR_IST_DOUBLE - 1] = dbl;
    tss.iomap_base = sizeof(tss);

    uint64_t base = (uint64_t)&tss;
    uint64_t limit = sizeof(tss) - 1;
    rr_gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
                (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    rr_gdt[4] = base >> 32;

    struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { 5 * 8 - 1, (uint64_t)rr_gdt };
    __asm__ volatile("lgdt %0" : : "m"(ptr));
    __asm__ volatile("ltr %w0" : : "r"(0x18));
}
