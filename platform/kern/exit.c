/*
 * The end of the guest (docs/contracts.md §6): one line on the isa-debugcon
 * control port 0xE9, then isa-debug-exit at 0xF4 stops QEMU. The status on
 * the control line is the real one; QEMU's own exit code ((v << 1) | 1) only
 * tells the host that the guest stopped on purpose. Without that device the
 * CPU halts with interrupts off.
 */
#include <rr/kern.h>
#include <rr/x86.h>
#include <rr/mount.h>
#include <rr/xen/xen.h>

#define CONTROL_PORT 0xE9
#define EXIT_PORT    0xF4

static RR_NORETURN void stop(const char *kind, int status, const char *what)
{
    rr_cli();
    if (rr_xen_present())
        rr_xen_stop(kind, status, what);
    char line[256];
    int n = what ? rr_snprintf(line, sizeof(line) - 1, "rr:%s %d %s", kind, status, what)
                 : rr_snprintf(line, sizeof(line) - 1, "rr:%s %d", kind, status);
    if (n > (int)sizeof(line) - 2)
        n = sizeof(line) - 2;
    line[n++] = '\n';
    for (int i = 0; i < n; i++)
        rr_outb(CONTROL_PORT, line[i] == '\n' && i != n - 1 ? ' ' : line[i]);
    rr_outl(EXIT_PORT, (uint32_t)status);
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* Data written to the network before the end still leaves, within these
 * bounds (docs/contracts.md §9); shorter after a fault, whose program may be
 * in no state to have meant what it sent. The stack is a component the image
 * may lack, hence the weak reference. */
#define NET_FLUSH_EXIT_NS  2000000000ull
#define NET_FLUSH_FAULT_NS  500000000ull

static void flush_network(uint64_t budget_ns)
{
    extern void rr_net_flush(uint64_t budget_ns) __attribute__((weak));
    if (rr_net_flush)
        rr_net_flush(budget_ns);
}

void rr_exit_program(int status)
{
    flush_network(NET_FLUSH_EXIT_NS);
    rr_block_unmount_all();
    stop("exit", status & 0xff, NULL);
}

void rr_exit_fault(int status, const char *what)
{
    flush_network(NET_FLUSH_FAULT_NS);
    rr_block_unmount_all();
    stop("fault", status, what);
}

void rr_exit_config(const char *message)
{
    rr_printk("configuration error: %s", message);
    stop("config", 78, message);
}

void rr_exit_panic(const char *message)
{
    stop("panic", 134, message);
}
