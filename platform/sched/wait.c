/*
 * Blocking without busy waiting: with interrupts off, test the condition;
 * if it does not hold, arm the timer for the deadline and halt with `sti;
 * hlt` (the pair is atomic: an interrupt cannot slip in between and be
 * missed). Any interrupt ends the halt and the condition is tested again.
 */
#include <rr/kern.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>

int rr_wait_until(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    uint64_t flags = rr_irq_save();
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
    rr_irq_restore(flags);
    return r;
}
