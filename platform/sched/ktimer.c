/*
 * Kernel timers: callbacks at monotonic deadlines (interval timers, alarm,
 * POSIX timers). A list sorted by deadline; the scheduler keeps the LAPIC
 * armed for its head, and the timer interrupt runs what has expired. A
 * callback runs with interrupts off in interrupt context and may start its
 * timer again.
 */
#include <rr/kern.h>
#include <rr/sched.h>
#include <rr/x86.h>

static struct rr_ktimer *head;

static void unlink(struct rr_ktimer *t)
{
    for (struct rr_ktimer **pp = &head; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->queued = false;
    t->next = NULL;
}

void rr_ktimer_start(struct rr_ktimer *t, uint64_t deadline_ns)
{
    uint64_t flags = rr_irq_save();
    if (t->queued)
        unlink(t);
    t->deadline = deadline_ns ? deadline_ns : 1;
    struct rr_ktimer **pp = &head;
    while (*pp && (*pp)->deadline <= t->deadline)
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    t->queued = true;
    rr_sched_rearm();
    rr_irq_restore(flags);
}

void rr_ktimer_stop(struct rr_ktimer *t)
{
    uint64_t flags = rr_irq_save();
    if (t->queued)
        unlink(t);
    rr_irq_restore(flags);
}

uint64_t rr_ktimer_earliest(void)
{
    return head ? head->deadline : 0;
}

void rr_ktimer_expire(uint64_t now_ns)
{
    while (head && head->deadline <= now_ns) {
        struct rr_ktimer *t = head;
        unlink(t);
        t->fn(t);
    }
}
