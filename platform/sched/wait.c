/*
 * Blocking without busy waiting. Once the program runs, a waiting thread
 * records what it waits for and gives the CPU to the scheduler, which halts
 * with `sti; hlt` when no thread can run (sched/scheduler.c); any interrupt
 * gets the conditions tested again. Before that (boot, component
 * initialisers) there is one context: test the condition with interrupts
 * off, and if it does not hold, arm the timer for the deadline and halt
 * (`sti; hlt` is atomic: an interrupt cannot slip in between and be missed).
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/thread.h>
#include <rr/sched.h>
#include <rr/signal.h>
#include <rr/trap.h>
#include <rr/x86.h>

static int wait_alone(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    int r;
    for (;;) {
        if (cond && cond(arg)) {
            r = 0;
            break;
        }
        if (deadline_ns && rr_monotonic_ns() >= deadline_ns) {
            r = -ETIMEDOUT;
            break;
        }
        if (deadline_ns)
            rr_timer_arm(deadline_ns);
        __asm__ volatile("sti; hlt; cli" : : : "memory");
    }
    if (deadline_ns)
        rr_timer_disarm();
    return r;
}

static int wait_thread(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns, bool interruptible)
{
    struct rr_thread *self = rr_current;
    int r;
    for (;;) {
        if (cond && cond(arg)) {
            r = 0;
            break;
        }
        if (deadline_ns && rr_monotonic_ns() >= deadline_ns) {
            r = -ETIMEDOUT;
            break;
        }
        if (interruptible && rr_signal_deliverable(self)) {
            r = -RR_ERESTARTSYS;
            break;
        }
        self->wait_cond = cond;
        self->wait_arg = arg;
        self->wait_deadline = deadline_ns;
        self->wait_interruptible = interruptible;
        self->state = RR_THREAD_WAITING;
        rr_schedule();
    }
    self->wait_cond = NULL;
    self->wait_arg = NULL;
    self->wait_deadline = 0;
    self->wait_interruptible = false;
    return r;
}

static int wait(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns, bool interruptible)
{
    uint64_t flags = rr_irq_save();
    int r = rr_sched_active() && !rr_irq_depth ? wait_thread(cond, arg, deadline_ns, interruptible)
                                               : wait_alone(cond, arg, deadline_ns);
    rr_irq_restore(flags);
    return r;
}

int rr_wait_until(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    return wait(cond, arg, deadline_ns, false);
}

int rr_wait_interruptible(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    return wait(cond, arg, deadline_ns, true);
}
