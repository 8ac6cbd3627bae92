/*
 * Signal generation and pending sets. Dispositions are the process's (all
 * threads share them); masks and pending sets are per thread, plus one
 * pending set for signals sent to the process that every thread blocks.
 *
 * A signal sent to the process goes to a thread that does not block it: the
 * main thread, as on Linux, else the running thread if it runs program code,
 * else one waiting in an interruptible call, else any. One instance of each signal is kept pending
 * (a second one while the first is pending is merged, real-time signals
 * included).
 *
 * As on Linux, a signal whose action is to ignore it is discarded when sent
 * (unless blocked), and a signal whose default action ends the process ends
 * the guest at once when no thread blocks it, with 128 + the signal.
 */
#include <rr/kern.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/program.h>
#include <rr/x86.h>

struct rr_sigaction rr_sigactions[65];
uint64_t rr_process_pending;
struct rr_ksiginfo rr_process_info[RR_NSIGNALS];

bool rr_signal_default_ignores(int sig)
{
    /* SIGCHLD, SIGCONT, SIGURG, SIGWINCH; the stop signals have nothing to stop;
     * the real-time ones as the platform always treated them */
    return sig == 17 || sig == 18 || sig == 19 || sig == 20 || sig == 21 || sig == 22 || sig == 23 ||
           sig == 28 || sig >= 32;
}

static bool ignored(int sig)
{
    unsigned long h = rr_sigactions[sig].handler;
    return h == RR_SIG_IGN || (h == RR_SIG_DFL && rr_signal_default_ignores(sig));
}

static bool fatal(int sig)
{
    return sig == RR_SIGKILL || (rr_sigactions[sig].handler == RR_SIG_DFL && !rr_signal_default_ignores(sig));
}

void rr_signal_terminate(int sig, const char *why)
{
    char what[96];
    if (why)
        rr_snprintf(what, sizeof(what), "%s (%s)", rr_signal_name(sig), why);
    else
        rr_snprintf(what, sizeof(what), "%s", rr_signal_name(sig));
    rr_printk("program terminated by %s", rr_signal_name(sig));
    rr_exit_fault(128 + sig, what);
}

uint64_t rr_signal_deliverable(const struct rr_thread *t)
{
    return (t->pending | rr_process_pending) & ~t->blocked;
}

static struct rr_thread *choose_thread(int sig)
{
    struct rr_thread *cur = rr_current;
    if (!cur)
        return NULL;
    struct rr_thread *main_thread = rr_thread_by_tid(1);
    if (main_thread && !(main_thread->blocked & rr_sigbit(sig)))
        return main_thread;
    if (cur->state == RR_THREAD_RUNNING && !cur->in_kernel && !(cur->blocked & rr_sigbit(sig)))
        return cur;
    struct rr_thread *t = cur, *any = NULL;
    for (int i = 0; i <= rr_thread_count; i++, t = t->next) {
        if (t->state == RR_THREAD_DEAD || (t->blocked & rr_sigbit(sig)))
            continue;
        if (t->state == RR_THREAD_WAITING && t->wait_interruptible)
            return t;
        if (!any)
            any = t;
    }
    return any;
}

int rr_signal_send(struct rr_thread *target, int sig, const struct rr_ksiginfo *info, const char *why)
{
    if (sig < 0 || sig > RR_NSIGNALS)
        return -EINVAL;
    if (sig == 0)
        return 0;
    uint64_t flags = rr_irq_save();
    uint64_t bit = rr_sigbit(sig);
    if (!target)
        target = choose_thread(sig);
    bool blocked = target ? (target->blocked & bit) != 0 : true;
    if (sig == RR_SIGKILL || (fatal(sig) && !blocked))
        rr_signal_terminate(sig, why);
    if (ignored(sig) && !blocked) {
        rr_irq_restore(flags);
        return 0;
    }
    uint64_t *pending = target ? &target->pending : &rr_process_pending;
    struct rr_ksiginfo *slot = target ? &target->info[sig - 1] : &rr_process_info[sig - 1];
    if (!(*pending & bit)) {
        *pending |= bit;
        *slot = *info;
        slot->signo = sig;
    } else if (info->code == RR_SI_TIMER && slot->code == RR_SI_TIMER && slot->timer.id == info->timer.id) {
        slot->timer.overrun++;
    }
    rr_irq_restore(flags);
    return 0;
}

int rr_signal_dequeue(struct rr_thread *t, uint64_t set, struct rr_ksiginfo *info)
{
    uint64_t mine = t->pending & set, shared = rr_process_pending & set;
    uint64_t any = mine | shared;
    if (!any)
        return 0;
    int sig = __builtin_ctzll(any) + 1;
    uint64_t bit = rr_sigbit(sig);
    if (mine & bit) {
        t->pending &= ~bit;
        *info = t->info[sig - 1];
    } else {
        rr_process_pending &= ~bit;
        *info = rr_process_info[sig - 1];
    }
    if (info->code == RR_SI_TIMER)
        rr_posix_timer_delivered(info->timer.id, info->timer.overrun);
    return sig;
}

void rr_signal_raise_why(int sig, const char *why)
{
    struct rr_ksiginfo info = { .code = RR_SI_KERNEL };
    rr_signal_send(NULL, sig, &info, why);
}

void rr_signal_raise(int sig)
{
    rr_signal_raise_why(sig, "sent by the platform");
}

bool rr_signal_fault(int sig, int code, uintptr_t addr)
{
    struct rr_thread *cur = rr_current;
    unsigned long h = rr_sigactions[sig].handler;
    if (!cur || h == RR_SIG_DFL || h == RR_SIG_IGN || (cur->blocked & rr_sigbit(sig)))
        return false;
    struct rr_ksiginfo info = { .signo = sig, .code = code, .fault.addr = addr };
    cur->pending |= rr_sigbit(sig);
    cur->info[sig - 1] = info;
    return true;
}
