/*
 * Signals, as far as one program without handlers-in-flight needs them:
 * dispositions and the mask are stored and returned. A signal the program
 * sends itself (kill, tkill, tgkill, so raise() and abort()) takes its
 * default action: ignored, or the guest ends with 128 + the signal like a
 * killed process. A blocked signal stays pending until unblocked. Caught
 * signals are not delivered yet (their handlers are not run).
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/program.h>
#include <rr/signal.h>

#define SIG_DFL 0
#define SIG_IGN 1
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SS_DISABLE 2

struct k_sigaction {
    unsigned long handler, flags, restorer;
    uint64_t mask;
};

struct stack_t {
    unsigned long sp;
    int flags;
    unsigned long size;
};

static struct k_sigaction actions[RR_NSIG];
static uint64_t blocked, pending;
static struct stack_t altstack = { 0, SS_DISABLE, 0 };

static uint64_t bit(int sig) { return 1ULL << (sig - 1); }

static bool default_ignores(int sig)
{
    /* SIGCHLD, SIGCONT, SIGURG, SIGWINCH are ignored; the stop signals have nothing to stop */
    return sig == 17 || sig == 18 || sig == 19 || sig == 20 || sig == 21 || sig == 22 || sig == 23 ||
           sig == 28 || sig >= 32;
}

static void take_action(int sig)
{
    if (blocked & bit(sig) && sig != RR_SIGKILL) {
        pending |= bit(sig);
        return;
    }
    unsigned long h = actions[sig].handler;
    if (sig != RR_SIGKILL && (h == SIG_IGN || (h == SIG_DFL && default_ignores(sig))))
        return;
    if (sig != RR_SIGKILL && h != SIG_DFL) {
        static uint64_t told;
        if (!(told & bit(sig)))
            rr_printk("signal handlers are not run yet: %s to self ignored", rr_signal_name(sig));
        told |= bit(sig);
        return;
    }
    char what[48];
    rr_snprintf(what, sizeof(what), "%s (sent by the program to itself)", rr_signal_name(sig));
    rr_printk("program terminated by %s", rr_signal_name(sig));
    rr_exit_fault(128 + sig, what);
}

static void run_unblocked_pending(void)
{
    uint64_t ready = pending & ~blocked;
    for (int sig = 1; ready && sig < RR_NSIG; sig++) {
        if (ready & bit(sig)) {
            pending &= ~bit(sig);
            ready &= ~bit(sig);
            take_action(sig);
        }
    }
}

static long sys_rt_sigaction(long sig, const struct k_sigaction *act, struct k_sigaction *old, unsigned long size)
{
    if (size != 8 || sig < 1 || sig >= RR_NSIG)
        return -EINVAL;
    if (act && (sig == RR_SIGKILL || sig == 19))
        return -EINVAL;
    if ((act && !rr_user_range_ok(act, sizeof(*act))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    struct k_sigaction prev = actions[sig];
    if (act)
        actions[sig] = *act;
    if (old)
        *old = prev;
    return 0;
}

static long sys_rt_sigprocmask(long how, const uint64_t *set, uint64_t *old, unsigned long size)
{
    if (size != 8)
        return -EINVAL;
    if ((set && !rr_user_range_ok(set, 8)) || (old && !rr_user_range_ok(old, 8)))
        return -EFAULT;
    uint64_t prev = blocked;
    if (set) {
        uint64_t s = *set & ~(bit(RR_SIGKILL) | bit(19));
        switch (how) {
        case SIG_BLOCK: blocked |= s; break;
        case SIG_UNBLOCK: blocked &= ~s; break;
        case SIG_SETMASK: blocked = s; break;
        default: return -EINVAL;
        }
    }
    if (old)
        *old = prev;
    run_unblocked_pending();
    return 0;
}

static long sys_rt_sigpending(uint64_t *set, unsigned long size)
{
    if (size != 8 || !rr_user_range_ok(set, 8))
        return size != 8 ? -EINVAL : -EFAULT;
    *set = pending;
    return 0;
}

static long send_to_self(long sig)
{
    if (sig < 0 || sig >= RR_NSIG)
        return -EINVAL;
    if (sig)
        take_action((int)sig);
    return 0;
}

void rr_signal_raise(int sig)
{
    if (sig > 0 && sig < RR_NSIG)
        take_action(sig);
}

static long sys_kill(long pid, long sig)
{
    if (pid != 1 && pid != 0 && pid != -1)
        return -ESRCH;
    return send_to_self(sig);
}

static long sys_tkill(long tid, long sig)
{
    return tid == 1 ? send_to_self(sig) : -ESRCH;
}

static long sys_tgkill(long tgid, long tid, long sig)
{
    return tgid == 1 && tid == 1 ? send_to_self(sig) : -ESRCH;
}

static long sys_sigaltstack(const struct stack_t *ss, struct stack_t *old)
{
    if ((ss && !rr_user_range_ok(ss, sizeof(*ss))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    struct stack_t prev = altstack;
    if (ss)
        altstack = *ss;
    if (old)
        *old = prev;
    return 0;
}

RR_SYSCALL(__NR_rt_sigaction, sys_rt_sigaction);
RR_SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask);
RR_SYSCALL(__NR_rt_sigpending, sys_rt_sigpending);
RR_SYSCALL(__NR_kill, sys_kill);
RR_SYSCALL(__NR_tkill, sys_tkill);
RR_SYSCALL(__NR_tgkill, sys_tgkill);
RR_SYSCALL(__NR_sigaltstack, sys_sigaltstack);
