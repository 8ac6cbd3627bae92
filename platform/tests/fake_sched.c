/* Host stand-ins for the scheduler's waits and kernel timers: one thread, no signals. */
#include <rr/kern.h>
#include <rr/sched.h>
#include <rr/thread.h>

int rr_wait_interruptible(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns)
{
    return rr_wait_until(cond, arg, deadline_ns);
}

void rr_ktimer_start(struct rr_ktimer *t, uint64_t deadline_ns)
{
    t->deadline = deadline_ns;
    t->queued = true;
}

void rr_ktimer_stop(struct rr_ktimer *t)
{
    t->queued = false;
}

/* no threads on the host: ppoll's and pselect's masks are not applied */
struct rr_thread *rr_current;
