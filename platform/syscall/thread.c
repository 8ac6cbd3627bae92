/*
 * Threads of the one process: clone with the flags of pthread_create, exit
 * of one thread, thread ids, the robust-futex list head.
 *
 * A clone that is not a thread of this process (fork, vfork, posix_spawn:
 * no CLONE_VM/CLONE_THREAD...) answers -ENOSYS and names its flags once:
 * there is one program and no second address space, and ENOSYS tells the
 * caller at once that retrying will not help (EAGAIN would invite retries).
 *
 * The child starts as if it returned from this clone with 0: its kernel
 * stack holds a copy of the parent's system-call frame with the new stack
 * pointer, and its first switch enters rr_thread_first_run
 * (arch/x86_64/context_switch.S).
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/syscall.h>
#include <rr/thread.h>
#include <rr/sched.h>
#include <rr/x86.h>

#define CLONE_VM             0x00000100UL
#define CLONE_FS             0x00000200UL
#define CLONE_FILES          0x00000400UL
#define CLONE_SIGHAND        0x00000800UL
#define CLONE_PIDFD          0x00001000UL
#define CLONE_PTRACE         0x00002000UL
#define CLONE_VFORK          0x00004000UL
#define CLONE_PARENT         0x00008000UL
#define CLONE_THREAD         0x00010000UL
#define CLONE_SYSVSEM        0x00040000UL
#define CLONE_SETTLS         0x00080000UL
#define CLONE_PARENT_SETTID  0x00100000UL
#define CLONE_CHILD_CLEARTID 0x00200000UL
#define CLONE_DETACHED       0x00400000UL
#define CLONE_CHILD_SETTID   0x01000000UL
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define ACCEPTED (THREAD_FLAGS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
                  CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID)

static bool canonical(unsigned long a)
{
    return a < 0x0000800000000000UL || a >= 0xffff800000000000UL;
}

static long not_a_thread(unsigned long flags)
{
    static bool told;
    if (!told)
        rr_printk("clone with flags %#lx would make a new process (fork, vfork, posix_spawn): "
                  "a unikernel has one program, returning ENOSYS", flags);
    told = true;
    return -ENOSYS;
}

static long sys_clone(unsigned long flags, uintptr_t stack, int *ptid, int *ctid, unsigned long tls)
{
    if ((flags & THREAD_FLAGS) != THREAD_FLAGS)
        return not_a_thread(flags);
    if ((flags & ~0xffUL & ~ACCEPTED) || (flags & 0xff) || !stack)
        return -EINVAL;
    if ((flags & CLONE_SETTLS) && !canonical(tls))
        return -EPERM;
    if (((flags & CLONE_PARENT_SETTID) && !rr_user_range_ok(ptid, sizeof(*ptid))) ||
        ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) && !rr_user_range_ok(ctid, sizeof(*ctid))))
        return -EFAULT;
    struct rr_thread *parent = rr_current, *t = rr_thread_alloc();
    if (!t)
        return -EAGAIN;
    t->tid = rr_thread_new_tid();
    t->blocked = parent->blocked;
    t->fsbase = (flags & CLONE_SETTLS) ? tls : rr_rdmsr(RR_MSR_FS_BASE);
    rr_fpu_save(t->fpu);
    if (flags & CLONE_CHILD_CLEARTID)
        t->clear_child_tid = ctid;
    if (flags & CLONE_PARENT_SETTID)
        *ptid = t->tid;
    if (flags & CLONE_CHILD_SETTID)
        *ctid = t->tid;

    struct rr_syscall_frame *f = (struct rr_syscall_frame *)(t->kstack_top - sizeof(*f));
    *f = *rr_syscall_current_frame;
    f->rsp = stack;
    uint64_t *sp = (uint64_t *)f;
    *--sp = (uint64_t)rr_thread_first_run;
    for (int i = 0; i < 6; i++)
        *--sp = 0;      /* rbp rbx r12 r13 r14 r15 for rr_context_switch to pop */
    t->ksp = (uint64_t)sp;
    t->state = RR_THREAD_RUNNABLE;
    rr_thread_link(t);
    rr_sched_rearm();   /* the slice matters now that two threads can run */
    return t->tid;
}

static long sys_fork(void)
{
    return not_a_thread(0x11 /* SIGCHLD */);
}

static long sys_vfork(void)
{
    return not_a_thread(CLONE_VM | CLONE_VFORK | 0x11);
}

static long sys_exit(long status)
{
    rr_thread_exit((int)(status & 0xff));
}

static long sys_set_tid_address(int *tidptr)
{
    rr_current->clear_child_tid = tidptr;
    return rr_current->tid;
}

static long sys_gettid(void)
{
    return rr_current->tid;
}

static long sys_set_robust_list(uintptr_t head, size_t len)
{
    if (len != 3 * sizeof(long))
        return -EINVAL;
    rr_current->robust_list = head;
    rr_current->robust_len = len;
    return 0;
}

static long sys_get_robust_list(long tid, uintptr_t *head, size_t *len)
{
    struct rr_thread *t = tid ? rr_thread_by_tid((int)tid) : rr_current;
    if (!t)
        return -ESRCH;
    if (!rr_user_range_ok(head, sizeof(*head)) || !rr_user_range_ok(len, sizeof(*len)))
        return -EFAULT;
    *head = t->robust_list;
    *len = 3 * sizeof(long);
    return 0;
}

RR_SYSCALL(__NR_clone, sys_clone);
RR_SYSCALL(__NR_fork, sys_fork);
RR_SYSCALL(__NR_vfork, sys_vfork);
RR_SYSCALL(__NR_exit, sys_exit);
RR_SYSCALL(__NR_set_tid_address, sys_set_tid_address);
RR_SYSCALL(__NR_gettid, sys_gettid);
RR_SYSCALL(__NR_set_robust_list, sys_set_robust_list);
RR_SYSCALL(__NR_get_robust_list, sys_get_robust_list);
