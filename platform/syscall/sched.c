/*
 * Scheduling calls for a single CPU: sched_yield gives the CPU to the next
 * runnable thread; affinity calls accept any thread of the program.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/thread.h>
#include <rr/sched.h>

#define CPUSET_BYTES 8

static long sys_sched_yield(void)
{
    rr_sched_yield();
    return 0;
}

static bool known(long pid)
{
    return pid == 0 || pid == 1 || rr_thread_by_tid((int)pid);
}

static long sys_sched_getaffinity(long pid, unsigned long len, uint8_t *mask)
{
    if (!known(pid))
        return -ESRCH;
    if (len < CPUSET_BYTES || (len & 7))
        return -EINVAL;
    if (!rr_user_range_ok(mask, CPUSET_BYTES))
        return -EFAULT;
    rr_memset(mask, 0, CPUSET_BYTES);
    mask[0] = 1;
    return CPUSET_BYTES;
}

static long sys_sched_setaffinity(long pid, unsigned long len, const uint8_t *mask)
{
    if (!known(pid))
        return -ESRCH;
    if (!len || !rr_user_range_ok(mask, 1))
        return -EFAULT;
    return (mask[0] & 1) ? 0 : -EINVAL;
}

static long sys_getcpu(unsigned *cpu, unsigned *node)
{
    if (cpu && rr_user_range_ok(cpu, 4))
        *cpu = 0;
    if (node && rr_user_range_ok(node, 4))
        *node = 0;
    return 0;
}

RR_SYSCALL(__NR_sched_yield, sys_sched_yield);
RR_SYSCALL(__NR_sched_getaffinity, sys_sched_getaffinity);
RR_SYSCALL(__NR_sched_setaffinity, sys_sched_setaffinity);
RR_SYSCALL(__NR_getcpu, sys_getcpu);
