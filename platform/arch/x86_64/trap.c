/*
 * Where every vector lands: exceptions go to demand paging or the fault
 * report, device vectors to their registered handler followed by an EOI.
 * Then the scheduler looks at what was interrupted: if it was program code
 * that should give way or take a signal, it gets a frame to continue from
 * on the thread's kernel stack (trap_entry.S).
 */
#include <rr/kern.h>
#include <rr/trap.h>
#include <rr/apic.h>
#include <rr/vm.h>
#include <rr/sched.h>

static rr_irq_fn handlers[256];
int rr_irq_depth;

void rr_irq_register(int vector, rr_irq_fn fn)
{
    RR_ASSERT(vector >= 32 && vector < 256 && !handlers[vector]);
    handlers[vector] = fn;
}

struct rr_trap_frame *rr_trap_dispatch(struct rr_trap_frame *f)
{
    if (f->vector < 32) {
        rr_exception(f);
        return rr_sched_after_trap(f);
    }
    if (f->vector == RR_VEC_SPURIOUS)
        return NULL;    /* the LAPIC expects no EOI for its spurious vector */
    rr_irq_depth++;
    if (handlers[f->vector])
        handlers[f->vector](f);
    rr_irq_depth--;
    rr_lapic_eoi();
    return rr_sched_after_trap(f);
}
