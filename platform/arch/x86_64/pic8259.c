/*
 * The pc machine also has the two 8259s. They are moved off the exception
 * vectors (in case one ever fires) and fully masked; the IOAPIC is used
 * instead. On microvm the ports are simply not decoded.
 */
#include <rr/kern.h>
#include <rr/apic.h>
#include <rr/x86.h>

void rr_pic8259_disable(void)
{
    rr_outb(0x20, 0x11);  rr_outb(0xA0, 0x11);   /* ICW1: init, ICW4 follows */
    rr_outb(0x21, 0x30);  rr_outb(0xA1, 0x38);   /* ICW2: vectors 0x30.., 0x38.. */
    rr_outb(0x21, 0x04);  rr_outb(0xA1, 0x02);   /* ICW3: cascade on line 2 */
    rr_outb(0x21, 0x01);  rr_outb(0xA1, 0x01);   /* ICW4: 8086 mode */
    rr_outb(0x21, 0xff);  rr_outb(0xA1, 0xff);
}
