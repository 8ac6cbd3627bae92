/*
 * rr/signal.h — signals.
 *
 * rr_signal_raise() is what other platform parts call (SIGPIPE on a write to a
 * pipe without readers, SIGINT from ^C on the console): a process-directed
 * signal that takes effect as the program's dispositions and masks say,
 * exactly as if another process had sent it.
 *
 * The rest is the signal machinery shared by sched/ and syscall/ (pending sets
 * in sched/signal_queue.c, delivery in sched/signal_deliver.c, frames in
 * sched/signal_frame.c).
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

void rr_signal_raise(int sig);
/* The same, naming the origin in the report when the signal ends the guest. */
void rr_signal_raise_why(int sig, const char *why);

struct rr_thread;
struct rr_ksiginfo;
struct rr_trap_frame;

#define RR_SIG_DFL 0
#define RR_SIG_IGN 1
#define RR_SA_SIGINFO   0x00000004UL
#define RR_SA_ONSTACK   0x08000000UL
#define RR_SA_RESTART   0x10000000UL
#define RR_SA_NODEFER   0x40000000UL
#define RR_SA_RESETHAND 0x80000000UL
#define RR_SA_RESTORER  0x04000000UL
#define RR_SS_ONSTACK   1
#define RR_SS_DISABLE   2
#define RR_SIGSTOP      19
#define RR_SIGALRM      14
#define RR_SIGVTALRM    26
#define RR_SIGPROF      27

/* The kernel's struct sigaction on x86-64 (what rt_sigaction passes). */
struct rr_sigaction {
    unsigned long handler, flags, restorer;
    uint64_t mask;
};
extern struct rr_sigaction rr_sigactions[65];
extern uint64_t rr_process_pending;
/* rr_process_info[64] (sched/signal_queue.c) needs rr/thread.h */

/* Generation: target NULL = process-directed. why names the origin if the
 * default action ends the guest. Returns 0 or -EINVAL. */
int rr_signal_send(struct rr_thread *target, int sig, const struct rr_ksiginfo *info, const char *why);
uint64_t rr_signal_deliverable(const struct rr_thread *t);
/* Takes the lowest signal in `set` pending for t (its own, then the process's). */
int rr_signal_dequeue(struct rr_thread *t, uint64_t set, struct rr_ksiginfo *info);
RR_NORETURN void rr_signal_terminate(int sig, const char *why);
bool rr_signal_default_ignores(int sig);
/* A synchronous fault in program code: true when the program has a handler
 * for it that can run (it is then queued for the current thread). */
bool rr_signal_fault(int sig, int code, uintptr_t addr);
/* Hook for timer_getoverrun: the timer's signal was just taken. */
void rr_posix_timer_delivered(int id, int overrun);

/* Delivery on the way back to the program: f holds all its registers; nr is
 * the system call whose result is in f->rax, or -1. */
void rr_signal_deliver(struct rr_trap_frame *f, long nr);
/* rt_sigreturn: registers, FPU state and mask from the ucontext at user_rsp. */
bool rr_sigframe_restore(uintptr_t user_rsp);
/* Builds the Linux rt_sigframe for a handler; false when it cannot be written. */
bool rr_sigframe_build(struct rr_trap_frame *f, int sig, const struct rr_ksiginfo *info,
                       const struct rr_sigaction *act, uint64_t saved_mask);
