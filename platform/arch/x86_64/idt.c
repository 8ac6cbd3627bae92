/*
 * Interrupt gates (IF cleared on entry) for all 256 vectors; the IST slot
 * depends on the kind of vector (rr/trap.h). The first table, set up before
 * the TSS exists, uses the current stack, so that a fault early in the boot is
 * reported instead of resetting the machine.
 */
#include <rr/kern.h>
#include <rr/trap.h>

struct gate {
    uint16_t off0, sel;
    uint8_t ist, type;
    uint16_t off1;
    uint32_t off2, reserved;
} __attribute__((packed));

extern char rr_trap_stubs[];
static struct gate idt[256] __attribute__((aligned(16)));

static int ist_for(int v)
{
    if (v == 2 || v == 8 || v == 18)
        return RR_IST_DOUBLE;
    return v < 32 ? RR_IST_FAULT : RR_IST_IRQ;
}

void rr_idt_init(bool use_ist)
{
    for (int v = 0; v < 256; v++) {
        uint64_t a = (uint64_t)(rr_trap_stubs + 16 * v);
        idt[v] = (struct gate){
            .off0 = a & 0xffff, .sel = 0x08, .ist = use_ist ? ist_for(v) : 0, .type = 0x8e,
            .off1 = (a >> 16) & 0xffff, .off2 = a >> 32,
        };
    }
    struct { uint16_t limit; uint64_t base; } __attribute__((packed)) ptr = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}
