/*
 * Resource limits and usage. The limits are what a Linux login would show
 * (an 8 MiB stack, which is also the size of the main stack region); setting
 * them is remembered but enforces nothing.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/layout.h>

#define RLIM_INFINITY (~0UL)
#define RLIMIT_CORE 4
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_NLIMITS 16
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct rlimit { unsigned long cur, max; };
struct timeval { long tv_sec, tv_usec; };
struct rusage {
    struct timeval utime, stime;
    long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv,
        nsignals, nvcsw, nivcsw;
};

static struct rlimit limits[RLIMIT_NLIMITS];
static bool limits_ready;

static struct rlimit *limit(long resource)
{
    if (!limits_ready) {
        for (int i = 0; i < RLIMIT_NLIMITS; i++)
            limits[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
        limits[RLIMIT_STACK].cur = RR_PROG_STACK_SIZE;
        limits[RLIMIT_CORE].cur = 0;
        limits[RLIMIT_NOFILE] = (struct rlimit){ 1024, 1024 };
        limits[RLIMIT_MEMLOCK] = (struct rlimit){ 8 << 20, 8 << 20 };
        limits_ready = true;
    }
    return resource >= 0 && resource < RLIMIT_NLIMITS ? &limits[resource] : NULL;
}

static long sys_prlimit64(long pid, long resource, const struct rlimit *new, struct rlimit *old)
{
    if (pid != 0 && pid != 1)
        return -ESRCH;
    struct rlimit *l = limit(resource);
    if (!l)
        return -EINVAL;
    if ((new && !rr_user_range_ok(new, sizeof(*new))) || (old && !rr_user_range_ok(old, sizeof(*old))))
        return -EFAULT;
    struct rlimit prev = *l;
    if (new) {
        if (new->cur > new->max)
            return -EINVAL;
        *l = *new;
    }
    if (old)
        *old = prev;
    return 0;
}

static long sys_getrlimit(long resource, struct rlimit *old)
{
    return sys_prlimit64(0, resource, NULL, old);
}

static long sys_setrlimit(long resource, const struct rlimit *new)
{
    return sys_prlimit64(0, resource, new, NULL);
}

static long sys_getrusage(long who, struct rusage *ru)
{
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
        return -EINVAL;
    if (!rr_user_range_ok(ru, sizeof(*ru)))
        return -EFAULT;
    rr_memset(ru, 0, sizeof(*ru));
    if (who != RUSAGE_CHILDREN) {
        uint64_t us = rr_monotonic_ns() / 1000;
        ru->utime = (struct timeval){ (long)(us / 1000000), (long)(us % 1000000) };
        ru->maxrss = (long)((rr_pages_total() - rr_pages_free()) * (RR_PAGE_SIZE / 1024));
    }
    return 0;
}

RR_SYSCALL(__NR_prlimit64, sys_prlimit64);
RR_SYSCALL(__NR_getrlimit, sys_getrlimit);
RR_SYSCALL(__NR_setrlimit, sys_setrlimit);
RR_SYSCALL(__NR_getrusage, sys_getrusage);
