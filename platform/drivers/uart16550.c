/*
 * COM1, a 16550: 115200 8N1 with the 16-byte FIFOs on, so one interrupt takes
 * up to 16 input bytes instead of one. Switching the FIFOs on clears them (and
 * a byte already waiting), so the host must not send input before this: the
 * console announces `rr:ready` on the control channel once the FIFOs are on,
 * and rr-run holds input until then (docs/contracts.md §6). Transmit polls
 * THRE. Receive interrupts can be switched off: the console does so when its
 * queue is full, and QEMU then holds further input instead of dropping it.
 */
#include <rr/kern.h>
#include <rr/uart.h>
#include <rr/x86.h>

#define RBR 0
#define THR 0
#define IER 1
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define DLL 0
#define DLM 1

#define LSR_DR   0x01
#define LSR_THRE 0x20
#define IER_RDA  0x01
/* enable, clear both FIFOs, interrupt at 14 bytes (or after the FIFO's idle timeout) */
#define FCR_ENABLE_CLEAR_TRIGGER14 0xC7

void rr_uart_init(void)
{
    rr_outb(RR_COM1_PORT + IER, 0);
    rr_outb(RR_COM1_PORT + LCR, 0x80);          /* divisor latch */
    rr_outb(RR_COM1_PORT + DLL, 1);             /* 115200 */
    rr_outb(RR_COM1_PORT + DLM, 0);
    rr_outb(RR_COM1_PORT + LCR, 0x03);          /* 8N1 */
    rr_outb(RR_COM1_PORT + FCR, FCR_ENABLE_CLEAR_TRIGGER14);
    rr_outb(RR_COM1_PORT + MCR, 0x0B);          /* DTR, RTS, OUT2 (routes the interrupt) */
}

void rr_uart_putc(uint8_t c)
{
    while (!(rr_inb(RR_COM1_PORT + LSR) & LSR_THRE))
        rr_pause();
    rr_outb(RR_COM1_PORT + THR, c);
}

bool rr_uart_rx_ready(void)
{
    return rr_inb(RR_COM1_PORT + LSR) & LSR_DR;
}

uint8_t rr_uart_getc(void)
{
    return rr_inb(RR_COM1_PORT + RBR);
}

void rr_uart_rx_irq(bool enable)
{
    rr_outb(RR_COM1_PORT + IER, enable ? IER_RDA : 0);
}
