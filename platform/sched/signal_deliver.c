/*
 * Delivery, where a real kernel does it: on the way back to the program from
 * a system call and from an interrupt or exception that hit program code.
 * One handler frame per return; a further pending signal is delivered when
 * that handler's rt_sigreturn returns. A signal whose action became "ignore"
 * while it was pending is dropped; one whose default action ends the process
 * (it was blocked when sent) ends the guest now.
 *
 * An interrupted system call (result -ERESTARTSYS or -ERESTARTNOHAND) is
 * restarted when no handler runs, or after a handler with SA_RESTART for
 * -ERESTARTSYS; otherwise it returns -EINTR.
 */
#include <rr/kern.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/sched.h>
#include <rr/program.h>

static void restart(struct rr_trap_frame *f, long nr)
{
    f->rip -= 2;    /* back onto the 2-byte `syscall` */
    f->rcx = f->rip;
    f->rax = (uint64_t)nr;
}

void rr_signal_deliver(struct rr_trap_frame *f, long nr)
{
    struct rr_thread *t = rr_current;
    long result = (long)f->rax;
    bool interrupted = nr >= 0 && (result == -RR_ERESTARTSYS || result == -RR_ERESTARTNOHAND);
    bool handled = false;
    struct rr_ksiginfo info;
    int sig;
    while (!handled && (sig = rr_signal_dequeue(t, ~t->blocked, &info))) {
        struct rr_sigaction act = rr_sigactions[sig];
        if (act.handler == RR_SIG_IGN || (act.handler == RR_SIG_DFL && rr_signal_default_ignores(sig)))
            continue;
        if (act.handler == RR_SIG_DFL)
            rr_signal_terminate(sig, NULL);
        if (interrupted) {
            if (result == -RR_ERESTARTSYS && (act.flags & RR_SA_RESTART))
                restart(f, nr);
            else
                f->rax = (uint64_t)-EINTR;
            interrupted = false;
        }
        uint64_t saved = t->restore_mask ? t->saved_mask : t->blocked;
        if (!rr_sigframe_build(f, sig, &info, &act, saved)) {
            rr_printk("the signal frame for %s does not fit on the stack at 0x%lx", rr_signal_name(sig),
                      (unsigned long)f->rsp);
            rr_signal_terminate(RR_SIGSEGV, "no room for a signal frame");
        }
        t->restore_mask = false;
        uint64_t block = act.mask | ((act.flags & RR_SA_NODEFER) ? 0 : rr_sigbit(sig));
        t->blocked |= block & ~(rr_sigbit(RR_SIGKILL) | rr_sigbit(RR_SIGSTOP));
        if (act.flags & RR_SA_RESETHAND) {
            rr_sigactions[sig].handler = RR_SIG_DFL;
            rr_sigactions[sig].flags &= ~RR_SA_SIGINFO;
        }
        handled = true;
    }
    if (interrupted)
        restart(f, nr);
    if (t->restore_mask) {
        t->blocked = t->saved_mask;
        t->restore_mask = false;
    }
}
