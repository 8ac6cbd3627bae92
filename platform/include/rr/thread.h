/*
 * rr/thread.h — the program's threads (sched/thread.c, sched/scheduler.c).
 *
 * One address space, one CPU. Each thread owns a kernel stack (slot 2, guard
 * page below) that serves its system calls and, after an interrupt that
 * preempts it or delivers it a signal, holds a copy of its interrupt frame
 * (see sched/scheduler.c). Thread 1 is the program's main thread and keeps
 * the boot's kernel stack.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <rr/trap.h>
#include <rr/syscall.h>

#define RR_NSIGNALS 64          /* signals 1..64 */

/* What a pending signal carries into the program's siginfo_t (Linux layout:
 * signo, errno, code, then the union at offset 16). */
struct rr_ksiginfo {
    int32_t signo, err, code, pad;
    union {
        struct { int32_t pid; uint32_t uid; uint64_t value; } kill;     /* SI_USER, SI_TKILL, SI_QUEUE */
        struct { int32_t id; int32_t overrun; uint64_t value; } timer;  /* SI_TIMER */
        struct { uint64_t addr; } fault;                                 /* SIGSEGV, SIGBUS, ... */
    };
};

#define RR_SI_USER    0
#define RR_SI_KERNEL  0x80
#define RR_SI_QUEUE   (-1)
#define RR_SI_TIMER   (-2)
#define RR_SI_TKILL   (-6)

struct rr_altstack {
    uintptr_t sp;
    int flags;
    size_t size;
};

enum rr_thread_state {
    RR_THREAD_RUNNING,          /* the current thread */
    RR_THREAD_RUNNABLE,
    RR_THREAD_WAITING,          /* in rr_wait_until: cond/deadline/signal makes it runnable */
    RR_THREAD_DEAD,             /* exited; its stack is freed once another thread runs */
};

struct rr_thread {
    uint8_t fpu[512];           /* fxsave image while switched out (16-aligned: the page starts here) */
    struct rr_trap_frame iret;  /* registers for a full return (signal frames, rt_sigreturn) */
    bool iret_pending;          /* the next return to the program uses iret */

    uint64_t ksp;               /* kernel rsp while switched out */
    uintptr_t kstack_top;
    size_t kstack_pages;        /* 0: the boot stack, never freed */
    int tid;
    enum rr_thread_state state;
    bool in_kernel;             /* serving a system call or an interrupt's aftermath */
    uint64_t fsbase;

    long syscall_nr;            /* rr_syscall_current while switched out */
    struct rr_syscall_frame *syscall_frame;

    int *clear_child_tid;
    uintptr_t robust_list;
    size_t robust_len;

    bool (*wait_cond)(void *arg);
    void *wait_arg;
    uint64_t wait_deadline;     /* monotonic ns, 0 = none */
    bool wait_interruptible;

    uint64_t blocked;           /* bit sig-1 */
    uint64_t pending;
    uint64_t saved_mask;        /* rt_sigsuspend's mask to restore */
    bool restore_mask;
    struct rr_altstack altstack;
    struct rr_ksiginfo info[RR_NSIGNALS];

    struct rr_thread *next;     /* all live threads, circular */
};

extern struct rr_thread *rr_current;     /* NULL until the program starts */
extern int rr_thread_count;             /* live threads */

static inline uint64_t rr_sigbit(int sig) { return 1ULL << (sig - 1); }

/* sched/thread.c */
struct rr_thread *rr_thread_alloc(void);           /* zeroed, with a kernel stack; NULL if no memory */
void rr_thread_free(struct rr_thread *t);
struct rr_thread *rr_thread_by_tid(int tid);
void rr_thread_link(struct rr_thread *t);          /* into the list of live threads */
void rr_thread_unlink(struct rr_thread *t);
RR_NORETURN void rr_thread_exit(int status);        /* this thread only (SYS_exit) */
int rr_thread_new_tid(void);

/* syscall/futex.c */
int rr_futex_wake(uint32_t *uaddr, int n, uint32_t bitset);

/* sched/robust.c: the Linux robust-futex list walk at thread exit */
void rr_robust_list_release(struct rr_thread *t);

/* FPU/SSE state of the program: the platform's own code never touches it
 * (-mgeneral-regs-only), so the live registers always belong to the current thread. */
static inline void rr_fpu_save(void *area) { __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory"); }
static inline void rr_fpu_restore(const void *area) { __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory"); }
