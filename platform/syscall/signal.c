/*
 * Signal system calls: dispositions (shared by all threads), per-thread
 * masks and alternate stacks, sending (kill to the process, tkill/tgkill to
 * one thread), and rt_sigreturn. Generation and delivery are in
 * sched/signal_queue.c and sched/signal_deliver.c; waiting for signals in
 * syscall/signal_wait.c.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/syscall.h>
#include <rr/program.h>
#include <rr/thread.h>
#include <rr/signal.h>
#include <rr/x86.h>

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define MINSIGSTKSZ 2048

struct stack_t {
    unsigned long sp;
    int flags;
    unsigned long size;
};

static const uint64_t unblockable = (1ULL << (RR_SIGKILL - 1)) | (1ULL << (RR_SIGSTOP - 1));

static long sys_rt_sigaction(long sig, const struct rr_sigaction *act, struct rr_sigaction *old, unsigned long size)
{
    if (size != 8 || sig < 1 || sig >= RR_NSIG)
        return -EINVAL;
    if (act && (sig == RR_SIGKILL || sig == RR_SIGSTOP))
        return -EINVAL;
    if ((act && !rr_user_range_ok(act, sizeof(*act))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    struct rr_sigaction prev = rr_sigactions[sig];
    if (act) {
        rr_sigactions[sig] = *act;
        rr_sigactions[sig].mask &= ~unblockable;
        /* POSIX: setting a pending signal to be ignored discards it */
        unsigned long h = act->handler;
        if (h == RR_SIG_IGN || (h == RR_SIG_DFL && rr_signal_default_ignores((int)sig))) {
            uint64_t bit = rr_sigbit((int)sig);
            rr_process_pending &= ~bit;
            struct rr_thread *t = rr_current;
            for (int i = 0; i < rr_thread_count; i++, t = t->next)
                t->pending &= ~bit;
        }
    }
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
    struct rr_thread *t = rr_current;
    uint64_t prev = t->blocked;
    if (set) {
        uint64_t s = *set & ~unblockable;
        switch (how) {
        case SIG_BLOCK: t->blocked |= s; break;
        case SIG_UNBLOCK: t->blocked &= ~s; break;
        case SIG_SETMASK: t->blocked = s; break;
        default: return -EINVAL;
        }
    }
    if (old)
        *old = prev;
    return 0;    /* what became unblocked is delivered on the way out */
}

static long sys_rt_sigpending(uint64_t *set, unsigned long size)
{
    if (size > 8)
        return -EINVAL;
    if (!rr_user_range_ok(set, 8))
        return -EFAULT;
    *set = (rr_current->pending | rr_process_pending) & rr_current->blocked;
    return 0;
}

static long check_sig(long sig)
{
    return sig < 0 || sig >= RR_NSIG ? -EINVAL : 0;
}

static long sys_kill(long pid, long sig)
{
    if (pid != 1 && pid != 0 && pid != -1)
        return -ESRCH;
    if (check_sig(sig))
        return -EINVAL;
    struct rr_ksiginfo info = { .code = RR_SI_USER, .kill = { 1, 0, 0 } };
    return rr_signal_send(NULL, (int)sig, &info, "sent by the program to itself");
}

static long to_thread(long tid, long sig)
{
    if (check_sig(sig) || tid <= 0)
        return -EINVAL;
    struct rr_thread *t = rr_thread_by_tid((int)tid);
    if (!t)
        return -ESRCH;
    struct rr_ksiginfo info = { .code = RR_SI_TKILL, .kill = { 1, 0, 0 } };
    return rr_signal_send(t, (int)sig, &info, "sent by the program to itself");
}

static long sys_tkill(long tid, long sig)
{
    return to_thread(tid, sig);
}

static long sys_tgkill(long tgid, long tid, long sig)
{
    if (tgid <= 0)
        return -EINVAL;
    return tgid == 1 ? to_thread(tid, sig) : -ESRCH;
}

static long queue_info(long sig, const struct rr_ksiginfo *uinfo, struct rr_ksiginfo *info)
{
    if (check_sig(sig))
        return -EINVAL;
    if (!rr_user_range_ok(uinfo, sizeof(*uinfo)))
        return -EFAULT;
    *info = *uinfo;
    /* like Linux, a program may not pose as the kernel or as kill() */
    if (info->code >= 0 || info->code == RR_SI_TKILL)
        return -EPERM;
    return 0;
}

static long sys_rt_sigqueueinfo(long pid, long sig, const struct rr_ksiginfo *uinfo)
{
    struct rr_ksiginfo info;
    long r = queue_info(sig, uinfo, &info);
    if (r < 0)
        return r;
    if (pid != 1 && pid != 0)
        return -ESRCH;
    return rr_signal_send(NULL, (int)sig, &info, "sent by the program to itself");
}

static long sys_rt_tgsigqueueinfo(long tgid, long tid, long sig, const struct rr_ksiginfo *uinfo)
{
    struct rr_ksiginfo info;
    long r = queue_info(sig, uinfo, &info);
    if (r < 0)
        return r;
    struct rr_thread *t = tgid == 1 ? rr_thread_by_tid((int)tid) : NULL;
    if (!t)
        return -ESRCH;
    return rr_signal_send(t, (int)sig, &info, "sent by the program to itself");
}

static long sys_sigaltstack(const struct stack_t *ss, struct stack_t *old)
{
    if ((ss && !rr_user_range_ok(ss, sizeof(*ss))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    struct rr_thread *t = rr_current;
    struct rr_altstack *a = &t->altstack;
    uintptr_t sp = rr_syscall_current_frame ? rr_syscall_current_frame->rsp : 0;
    bool on = !(a->flags & RR_SS_DISABLE) && sp > a->sp && sp <= a->sp + a->size;
    struct stack_t prev = { a->sp, (a->flags & RR_SS_DISABLE) ? RR_SS_DISABLE : on ? RR_SS_ONSTACK : 0, a->size };
    if (ss) {
        if (on)
            return -EPERM;
        int mode = ss->flags & ~(int)(1u << 31);     /* SS_AUTODISARM is accepted and ignored */
        if (mode != 0 && mode != RR_SS_DISABLE && mode != RR_SS_ONSTACK)
            return -EINVAL;
        if (mode == RR_SS_DISABLE) {
            *a = (struct rr_altstack){ 0, RR_SS_DISABLE, 0 };
        } else {
            if (ss->size < MINSIGSTKSZ)
                return -ENOMEM;
            *a = (struct rr_altstack){ ss->sp, 0, ss->size };
        }
    }
    if (old)
        *old = prev;
    return 0;
}

static long sys_rt_sigreturn(void)
{
    struct rr_syscall_frame *f = rr_syscall_current_frame;
    if (!rr_sigframe_restore(f->rsp)) {
        rr_printk("rt_sigreturn with no signal frame at 0x%lx", (unsigned long)f->rsp);
        rr_signal_terminate(RR_SIGSEGV, "bad signal frame");
    }
    return (long)rr_current->iret.rax;
}

RR_SYSCALL(__NR_rt_sigaction, sys_rt_sigaction);
RR_SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask);
RR_SYSCALL(__NR_rt_sigpending, sys_rt_sigpending);
RR_SYSCALL(__NR_kill, sys_kill);
RR_SYSCALL(__NR_tkill, sys_tkill);
RR_SYSCALL(__NR_tgkill, sys_tgkill);
RR_SYSCALL(__NR_rt_sigqueueinfo, sys_rt_sigqueueinfo);
RR_SYSCALL(__NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo);
RR_SYSCALL(__NR_sigaltstack, sys_sigaltstack);
RR_SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn);
