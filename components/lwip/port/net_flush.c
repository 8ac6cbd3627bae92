/*
 * What the program sent before it ended still leaves (docs/contracts.md §9).
 * The platform calls rr_net_flush (weakly: it does not depend on this
 * component) before its exit control line. As Linux's exit closes the
 * process's descriptors, every TCP socket is closed: its FIN follows the data
 * it holds, or a reset goes out when it holds data the program never read.
 * Then the stack keeps running (timers, receive interrupts) until no
 * connection has unsent or unacknowledged data, no FIN of ours waits for its
 * acknowledgement, every interface's transmit queue is empty and its device
 * has finished with every frame, and a short grace has passed since the last
 * frame left (QEMU's user networking passes frames on from its own event
 * loop), or until the budget runs out.
 *
 * This runs on the stack of whatever ends the program (the exiting thread's
 * system call, or the exception stack after a fault; device interrupts have a
 * stack of their own) with interrupts off except while it halts. Marking the
 * thread as in the kernel keeps the scheduler from handing the CPU to the
 * program, whose threads the end of the process has already stopped.
 */
#include <rr/kern.h>
#include <rr/sched.h>
#include <rr/thread.h>
#include <rr/trap.h>
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "net_stack.h"
#include "netif_dev.h"

/* how often the conditions are looked at when no interrupt comes */
#define CHECK_NS   5000000ull
/* after the last frame a device took: time for the host's side (QEMU's event
 * loop passes frames on to host sockets) and for answers such as ARP replies
 * that let waiting packets leave */
#define GRACE_NS   30000000ull

static struct rr_ktimer wake;

static void woken(struct rr_ktimer *t)
{
    (void)t;
}

/* Halts until an interrupt or the time given; the interrupt handlers run lwIP. */
static void idle_until(uint64_t when)
{
    wake.fn = woken;
    rr_ktimer_start(&wake, when);
    __asm__ volatile("sti; hlt; cli" : : : "memory");
    rr_ktimer_stop(&wake);
}

static bool pcb_settled(const struct tcp_pcb *pcb)
{
    switch (pcb->state) {
    case FIN_WAIT_1:
    case CLOSING:
    case LAST_ACK:
        return false;       /* our FIN is not acknowledged yet */
    case ESTABLISHED:
    case CLOSE_WAIT:
        return !pcb->unsent && !pcb->unacked;
    default:
        return true;        /* SYN_SENT, SYN_RCVD: nothing of the program's; FIN_WAIT_2, TIME_WAIT: done */
    }
}

static unsigned unsettled(void)
{
    unsigned n = 0;
    for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
        if (!pcb_settled(pcb))
            n++;
    return n;
}

__attribute__((visibility("default"))) void rr_net_flush(uint64_t budget_ns)
{
    /* not from inside lwIP or an interrupt handler (a fault there is a panic anyway) */
    if (!rr_net_started() || rr_net_pumping() || rr_irq_depth > 0)
        return;
    if (rr_current)
        rr_current->in_kernel = true;
    rr_sock_close_all();
    uint64_t deadline = rr_monotonic_ns() + budget_ns;
    for (;;) {
        rr_net_pump();
        unsigned left = unsettled();
        bool idle = rr_netif_tx_idle();
        uint64_t now = rr_monotonic_ns();
        uint64_t quiet = rr_netif_last_tx_ns() + GRACE_NS;
        if (!left && idle && (quiet == GRACE_NS || now >= quiet))
            break;
        if (now >= deadline) {
            if (left || !idle)
                rr_printk("network: %u connection(s) still sending at exit%s (gave up after %lu ms)", left,
                          idle ? "" : ", frames still queued", (unsigned long)(budget_ns / 1000000));
            break;
        }
        uint64_t next = now + CHECK_NS;
        if (next > deadline)
            next = deadline;
        idle_until(next);
    }
}
