/*
 * Drives lwIP without a thread of its own. Frames from devices go in from
 * the drivers' receive interrupt; loopback frames and lwIP's timers are
 * handled by rr_net_pump, which every socket call runs on its way out and a
 * kernel timer runs at lwIP's next deadline. This is safe without locks
 * because kernel code runs with interrupts off and only ever waits outside
 * lwIP calls (see README.md).
 */
#include <rr/kern.h>
#include <rr/sched.h>
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "net_stack.h"

static struct rr_ktimer timer;
static bool started;
static bool pumping;

static void timer_fired(struct rr_ktimer *t)
{
    (void)t;
    rr_net_pump();
}

static void rearm(void)
{
    u32_t sleep = sys_timeouts_sleeptime();
    if (sleep == SYS_TIMEOUTS_SLEEPTIME_INFINITE) {
        rr_ktimer_stop(&timer);
        return;
    }
    uint64_t when = rr_monotonic_ns() + (uint64_t)sleep * 1000000u;
    if (timer.queued && timer.deadline <= when)
        return;
    rr_ktimer_stop(&timer);
    rr_ktimer_start(&timer, when);
}

void rr_net_pump(void)
{
    if (!started || pumping)
        return;
    pumping = true;
    /* loopback delivery can queue answers (ACKs, replies): run until quiet */
    for (int round = 0; round < 64; round++) {
        struct netif *n;
        NETIF_FOREACH(n)
            netif_poll(n);
        sys_check_timeouts();
        bool more = false;
        NETIF_FOREACH(n)
            if (n->loop_first)
                more = true;
        if (!more)
            break;
    }
    rearm();
    pumping = false;
}

bool rr_net_started(void)
{
    return started;
}

bool rr_net_pumping(void)
{
    return pumping;
}

void rr_net_run_until(bool (*done)(void *arg), void *arg, uint64_t deadline_ns)
{
    for (;;) {
        rr_net_pump();
        if (done(arg) || rr_monotonic_ns() >= deadline_ns)
            return;
        u32_t sleep = sys_timeouts_sleeptime();
        uint64_t next = rr_monotonic_ns() + (sleep == SYS_TIMEOUTS_SLEEPTIME_INFINITE ? 100000000ull : (uint64_t)sleep * 1000000u);
        if (next > deadline_ns)
            next = deadline_ns;
        /* the scheduler is not running yet: nothing runs the kernel timer */
        rr_wait_until(done, arg, next);
    }
}

static int net_stack_init(void)
{
    timer.fn = timer_fired;
    lwip_init();
    started = true;
    rr_net_pump();
    return 0;
}

/* after the device drivers (order 2) and the transports that find them (4) */
RR_INIT(6, net_stack_init);
