/*
 * The console (docs/contracts.md §6) on COM1. Input from the host is
 * escape-coded (FF FF = byte FF, FF 00 = end of input); decoded bytes go to
 * the tty line discipline (drivers/tty.c) or, in raw mode, straight into the
 * queue that read(2) drains. When the queue cannot take a byte, the byte is
 * held and the UART's receive interrupt switched off until a reader makes
 * room: QEMU keeps the rest, nothing is lost. Output is synchronous, with
 * ONLCR in tty mode and unchanged in raw mode.
 */
#include <rr/kern.h>
#include <rr/sched.h>
#include <rr/console_internal.h>
#include <rr/uart.h>
#include <rr/apic.h>
#include <rr/trap.h>
#include <rr/x86.h>
#include <rr/xen/xen.h>

/* The byte source: COM1, or on Xen the PV console ring (xen/console.c). */
static inline bool rx_ready(void) { return rr_xen_present() ? rr_xen_console_rx_ready() : rr_uart_rx_ready(); }
static inline uint8_t rx_getc(void) { return rr_xen_present() ? rr_xen_console_getc() : rr_uart_getc(); }
static inline void rx_irq(bool on)
{
    if (rr_xen_present())
        rr_xen_console_rx_irq(on);
    else
        rr_uart_rx_irq(on);
}

#define QUEUE_SIZE 4096

static uint8_t queue[QUEUE_SIZE];
static size_t q_head, q_count;
static unsigned eof_marks;
static bool tty = true, host_eof, saw_ff, rx_stopped, started;
static int held = -1;

bool rr_console_queue_put(uint8_t c)
{
    if (q_count == QUEUE_SIZE)
        return false;
    queue[(q_head + q_count++) % QUEUE_SIZE] = c;
    return true;
}

size_t rr_console_queue_space(void)
{
    return QUEUE_SIZE - q_count;
}

void rr_console_queue_eof_mark(void)
{
    eof_marks++;
}

static bool deliver(uint8_t c)
{
    return tty ? rr_tty_input(c) : rr_console_queue_put(c);
}

/* Moves what the UART holds into the queue; interrupts are off. */
static void pump(void)
{
    if (held >= 0) {
        if (!deliver((uint8_t)held))
            return;
        held = -1;
    }
    while (!host_eof && rx_ready()) {
        uint8_t b = rx_getc();
        if (saw_ff) {
            saw_ff = false;
            if (b == 0x00) {
                host_eof = true;
                if (tty)
                    rr_tty_flush_partial();
                break;
            }
        } else if (b == 0xFF) {
            saw_ff = true;
            continue;
        }
        if (!deliver(b)) {
            held = b;
            rx_irq(false);
            rx_stopped = true;
            return;
        }
    }
    if (rx_stopped && started) {
        rx_stopped = false;
        rx_irq(true);
    }
}

static void uart_irq(struct rr_trap_frame *f)
{
    (void)f;
    pump();
}

void rr_console_init(void)
{
    /* First thing at boot: which console exists depends on whether Xen is below. */
    if (RR_XEN_BUILD)
        rr_xen_detect();
    if (rr_xen_present())
        return;     /* the PV console needs no set-up and has no FIFO to wait for */
    rr_uart_init();
    /* From here the UART keeps what arrives (QEMU holds the rest until there is room). */
    rr_control_write_line("rr:ready");
}

void rr_console_start(bool as_tty)
{
    tty = as_tty;
    started = true;
    if (rr_xen_present()) {
        rr_xen_console_start(pump);
        pump();
        return;
    }
    rr_irq_register(RR_VEC_IRQ_BASE + RR_COM1_IRQ, uart_irq);
    rr_ioapic_route(RR_COM1_IRQ);
    rr_uart_rx_irq(true);
    pump();
}

bool rr_console_is_tty(void)
{
    return tty;
}

bool rr_console_readable(void)
{
    return q_count || eof_marks || host_eof;
}

static bool readable_cond(void *arg)
{
    (void)arg;
    return rr_console_readable();
}

long rr_console_read(void *buf, size_t n, bool nonblock)
{
    if (n == 0)
        return 0;
    uint64_t flags = rr_irq_save();
    pump();
    if (!rr_console_readable()) {
        if (nonblock) {
            rr_irq_restore(flags);
            return -EAGAIN;
        }
        if (rr_wait_interruptible(readable_cond, NULL, 0) < 0) {
            rr_irq_restore(flags);
            return -RR_ERESTARTSYS;     /* a signal: restarted after SA_RESTART handlers, else EINTR */
        }
    }
    size_t got = 0;
    if (q_count == 0) {
        if (eof_marks)
            eof_marks--;
    } else {
        uint8_t *out = buf;
        while (got < n && q_count) {
            uint8_t c = queue[q_head];
            q_head = (q_head + 1) % QUEUE_SIZE;
            q_count--;
            out[got++] = c;
            if (tty && c == '\n')
                break;      /* canonical mode: one line per read */
        }
        pump();
    }
    rr_irq_restore(flags);
    return (long)got;
}

/* ONLCR in tty mode, in runs so the ring gets whole pieces rather than single bytes. */
static void xen_put(const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (tty && s[i] == '\n') {
            rr_xen_console_put(s + start, i - start);
            rr_xen_console_put("\r", 1);
            start = i;
        }
    }
    rr_xen_console_put(s + start, n - start);
}

void rr_console_put(const char *s, size_t n)
{
    if (rr_xen_present()) {
        xen_put(s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (tty && s[i] == '\n')
            rr_uart_putc('\r');
        rr_uart_putc((uint8_t)s[i]);
    }
}

long rr_console_write(const void *buf, size_t n)
{
    rr_console_put(buf, n);
    return (long)n;
}
