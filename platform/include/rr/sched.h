/*
 * rr/sched.h — the scheduler (sched/scheduler.c), blocking (sched/wait.c) and
 * the kernel's timers (sched/ktimer.c).
 *
 * Kernel code runs with interrupts off except while a thread waits (the CPU
 * halts with `sti; hlt` when nothing can run). Only program code is preempted:
 * from an interrupt, after a time slice, or when an interrupt made a waiting
 * thread runnable.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>
#include <rr/trap.h>
#include <rr/syscall.h>

/* Internal results of an interrupted system call (never seen by the program):
 * restart it after a handler with SA_RESTART, else -EINTR (ERESTARTSYS); restart
 * it only when no handler ran (ERESTARTNOHAND). Linux's values. */
#define RR_ERESTARTSYS     512
#define RR_ERESTARTNOHAND  514

#define RR_TIME_SLICE_NS   10000000ULL

void rr_sched_init(void);                 /* the running context becomes thread 1 */
bool rr_sched_active(void);
void rr_schedule(void);                   /* interrupts off; the caller set current's state */
void rr_sched_yield(void);
void rr_sched_rearm(void);                /* program the timer for the nearest deadline */
void rr_sched_timer_interrupt(void);      /* from time/timer.c */

/* Like rr_wait_until, but a signal the thread would now take ends the wait
 * with -RR_ERESTARTSYS. For system calls that Linux lets signals interrupt. */
int rr_wait_interruptible(bool (*cond)(void *arg), void *arg, uint64_t deadline_ns);

/* Entry points from arch/x86_64 assembly. */
long rr_syscall_handle(struct rr_syscall_frame *f);
long rr_thread_first_return(struct rr_syscall_frame *f);
struct rr_trap_frame *rr_sched_after_trap(struct rr_trap_frame *f);
void rr_trap_program_tail(struct rr_trap_frame *f);
void rr_context_switch(uint64_t *save_ksp, uint64_t new_ksp);
void rr_thread_first_run(void);
extern struct rr_trap_frame *rr_syscall_iret;

/* sched/ktimer.c: callbacks at monotonic deadlines, run from the timer interrupt. */
struct rr_ktimer {
    uint64_t deadline;
    void (*fn)(struct rr_ktimer *t);
    struct rr_ktimer *next;
    bool queued;
};
void rr_ktimer_start(struct rr_ktimer *t, uint64_t deadline_ns);
void rr_ktimer_stop(struct rr_ktimer *t);
uint64_t rr_ktimer_earliest(void);        /* 0 when none */
void rr_ktimer_expire(uint64_t now_ns);
