/*
 * The scheduler: round robin over the live threads on one CPU.
 *
 * Switch points. A thread gives the CPU away only from kernel code: when it
 * waits (rr_wait_until), yields, exits, or is preempted. Preemption happens
 * when an interrupt arrives while the program runs: trap_entry.S saved the
 * program's registers on an IST stack, which the next interrupt reuses, so
 * rr_sched_after_trap copies that frame to the top of the thread's own kernel
 * stack (empty while the thread runs program code) and trap_entry.S moves
 * there and calls rr_trap_program_tail. That tail runs like a system call of
 * the thread: it may switch to another thread and come back much later, then
 * delivers signals into the copied frame and returns through iretq.
 * Preemption is wanted when the slice (10 ms) is over or the interrupt made a
 * waiting thread runnable, and another thread can run.
 *
 * Waiting threads are not queued anywhere: a thread in rr_wait_until keeps
 * its condition, deadline and interruptibility, and the scheduler tests them
 * whenever it looks for a thread to run, after interrupts that hit the
 * program, and before a system call returns. A condition is a predicate on
 * platform state that interrupt handlers or other threads change, so
 * nothing has to notify waiters. When nothing can run the CPU halts with
 * `sti; hlt` on the stack of the thread that gave up the CPU (which may be
 * dead: it is freed only after the next switch).
 *
 * Timer: one LAPIC one-shot deadline, the nearest of the kernel timers
 * (sched/ktimer.c), the waiters' deadlines and, while another thread is
 * runnable, the end of the current slice. There is no periodic tick.
 */
#include <rr/kern.h>
#include <rr/thread.h>
#include <rr/sched.h>
#include <rr/signal.h>
#include <rr/syscall.h>
#include <rr/timekeeping.h>
#include <rr/x86.h>

struct rr_trap_frame *rr_syscall_iret;

static bool active;
static uint64_t slice_end;
static uint64_t armed;              /* deadline the LAPIC is set for, 0 = none */
static bool preempt_pending;
static struct rr_thread *reap_me;   /* dead thread whose stack was in use at the last switch */

bool rr_sched_active(void)
{
    return active;
}

void rr_sched_init(void)
{
    struct rr_thread *t = rr_page_alloc();
    if (!t)
        rr_panic("no memory for the main thread");
    t->kstack_top = rr_syscall_stack_top;
    t->tid = 1;
    t->state = RR_THREAD_RUNNING;
    t->syscall_nr = -1;
    t->altstack.flags = RR_SS_DISABLE;
    rr_thread_link(t);
    rr_current = t;
    active = true;
}

static bool waiter_ready(struct rr_thread *t, uint64_t *now)
{
    if (t->wait_cond && t->wait_cond(t->wait_arg))
        return true;
    if (t->wait_deadline) {
        if (!*now)
            *now = rr_monotonic_ns();
        if (*now >= t->wait_deadline)
            return true;
    }
    return t->wait_interruptible && rr_signal_deliverable(t);
}

/* Makes every waiter whose wait is over runnable; returns how many. */
static int wake_waiters(void)
{
    uint64_t now = 0;
    int woken = 0;
    struct rr_thread *t = rr_current;
    for (int i = 0; i < rr_thread_count; i++) {
        t = t->next;
        if (t->state == RR_THREAD_WAITING && waiter_ready(t, &now)) {
            t->state = RR_THREAD_RUNNABLE;
            woken++;
        }
    }
    return woken;
}

static bool others_runnable(void)
{
    struct rr_thread *t = rr_current;
    for (int i = 0; i < rr_thread_count; i++) {
        t = t->next;
        if (t != rr_current && t->state == RR_THREAD_RUNNABLE)
            return true;
    }
    return false;
}

/* The next thread after the current one that can run (the current one last). */
static struct rr_thread *pick_next(void)
{
    uint64_t now = 0;
    struct rr_thread *t = rr_current;
    for (int i = 0; i < rr_thread_count; i++) {
        t = t->next;
        if (t->state == RR_THREAD_RUNNABLE || t->state == RR_THREAD_RUNNING)
            return t;
        if (t->state == RR_THREAD_WAITING && waiter_ready(t, &now)) {
            t->state = RR_THREAD_RUNNABLE;
            return t;
        }
    }
    return NULL;
}

static void rearm(bool with_slice)
{
    uint64_t d = rr_ktimer_earliest();
    struct rr_thread *t = rr_current;
    for (int i = 0; i < rr_thread_count; i++) {
        t = t->next;
        if (t->state == RR_THREAD_WAITING && t->wait_deadline && (!d || t->wait_deadline < d))
            d = t->wait_deadline;
    }
    if (with_slice && others_runnable() && (!d || slice_end < d))
        d = slice_end;
    if (d == armed)
        return;
    armed = d;
    if (d)
        rr_timer_arm(d);
    else
        rr_timer_disarm();
}

void rr_sched_rearm(void)
{
    if (active)
        rearm(rr_current->state == RR_THREAD_RUNNING);
}

void rr_sched_timer_interrupt(void)
{
    if (!active)
        return;
    armed = 0;
    rr_ktimer_expire(rr_monotonic_ns());
    rearm(rr_current->state == RR_THREAD_RUNNING);
}

static void reap(void)
{
    if (reap_me && reap_me != rr_current) {
        rr_thread_free(reap_me);
        reap_me = NULL;
    }
}

static void switch_to(struct rr_thread *next)
{
    struct rr_thread *prev = rr_current;
    if (prev->state == RR_THREAD_DEAD) {
        RR_ASSERT(!reap_me);
        reap_me = prev;
    } else {
        rr_fpu_save(prev->fpu);
        prev->fsbase = rr_rdmsr(RR_MSR_FS_BASE);
    }
    prev->syscall_nr = rr_syscall_current;
    prev->syscall_frame = rr_syscall_current_frame;

    rr_wrmsr(RR_MSR_FS_BASE, next->fsbase);
    rr_fpu_restore(next->fpu);
    rr_syscall_stack_top = next->kstack_top;
    rr_syscall_current = next->syscall_nr;
    rr_syscall_current_frame = next->syscall_frame;
    next->state = RR_THREAD_RUNNING;
    rr_current = next;
    slice_end = rr_monotonic_ns() + RR_TIME_SLICE_NS;
    rr_context_switch(&prev->ksp, next->ksp);
    reap();
}

void rr_schedule(void)
{
    for (;;) {
        struct rr_thread *next = pick_next();
        if (next) {
            if (next != rr_current)
                switch_to(next);
            else
                next->state = RR_THREAD_RUNNING;
            return;
        }
        rearm(false);
        __asm__ volatile("sti; hlt; cli" : : : "memory");
    }
}

void rr_sched_yield(void)
{
    uint64_t flags = rr_irq_save();
    rr_current->state = RR_THREAD_RUNNABLE;
    rr_schedule();
    rr_irq_restore(flags);
}

struct rr_trap_frame *rr_sched_after_trap(struct rr_trap_frame *f)
{
    struct rr_thread *cur = rr_current;
    if (!active || rr_irq_depth || cur->in_kernel || cur->state != RR_THREAD_RUNNING)
        return NULL;
    bool want = rr_signal_deliverable(cur) != 0;
    if (f->vector >= 32 && rr_thread_count > 1) {
        int woken = wake_waiters();
        if (others_runnable() && (woken || rr_monotonic_ns() >= slice_end)) {
            preempt_pending = true;
            want = true;
        } else {
            rearm(true);
        }
    }
    if (!want)
        return NULL;
    struct rr_trap_frame *copy = (struct rr_trap_frame *)(cur->kstack_top - sizeof(*copy));
    *copy = *f;
    return copy;
}

static void leave_kernel(void)
{
    rearm(true);
    rr_current->in_kernel = false;
}

void rr_trap_program_tail(struct rr_trap_frame *f)
{
    struct rr_thread *cur = rr_current;
    cur->in_kernel = true;
    if (preempt_pending) {
        preempt_pending = false;
        cur->state = RR_THREAD_RUNNABLE;
        rr_schedule();
    }
    rr_signal_deliver(f, -1);
    leave_kernel();
}

/* The registers a system call leaves, as a full frame: rcx and r11 hold the
 * return address and flags, as after `syscall`. */
static void syscall_to_trap(const struct rr_syscall_frame *s, long rax, struct rr_trap_frame *t)
{
    *t = (struct rr_trap_frame){
        .r15 = s->r15, .r14 = s->r14, .r13 = s->r13, .r12 = s->r12, .r11 = s->rflags,
        .r10 = s->r10, .r9 = s->r9, .r8 = s->r8, .rbp = s->rbp, .rdi = s->rdi, .rsi = s->rsi,
        .rdx = s->rdx, .rcx = s->rip, .rbx = s->rbx, .rax = (uint64_t)rax,
        .rip = s->rip, .cs = 0x08, .rflags = s->rflags | RR_RFLAGS_IF, .rsp = s->rsp, .ss = 0x10,
    };
}

static long syscall_exit(struct rr_syscall_frame *f, long r)
{
    struct rr_thread *cur = rr_current;
    if (rr_thread_count > 1) {
        wake_waiters();
        if (others_runnable() && rr_monotonic_ns() >= slice_end) {
            cur->state = RR_THREAD_RUNNABLE;
            rr_schedule();
        }
    }
    long nr = (long)f->rax;
    bool restart = r == -RR_ERESTARTSYS || r == -RR_ERESTARTNOHAND;
    if (cur->iret_pending || cur->restore_mask || rr_signal_deliverable(cur)) {
        struct rr_trap_frame *t = &cur->iret;
        if (cur->iret_pending)
            nr = -1;     /* rt_sigreturn: the registers are the restored ones */
        else
            syscall_to_trap(f, r, t);
        cur->iret_pending = false;
        rr_signal_deliver(t, restart ? nr : -1);
        rr_syscall_iret = t;
        r = (long)t->rax;
    } else if (restart) {
        f->rip -= 2;     /* `syscall` is 0f 05: run it again with the same registers */
        r = nr;
    }
    leave_kernel();
    return r;
}

long rr_syscall_handle(struct rr_syscall_frame *f)
{
    rr_current->in_kernel = true;
    long r = rr_syscall_dispatch(f);
    return syscall_exit(f, r);
}

long rr_thread_first_return(struct rr_syscall_frame *f)
{
    reap();
    rr_current->in_kernel = true;
    return syscall_exit(f, 0);
}
