/*
 * getrandom: the platform generator is seeded before the program starts, so
 * it never blocks and every flag combination is served alike.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define MAX_PER_CALL 33554431L

static long sys_getrandom(void *buf, unsigned long len, unsigned long flags)
{
    if (flags & ~(unsigned long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (len > MAX_PER_CALL)
        len = MAX_PER_CALL;
    if (len && !rr_user_range_ok(buf, len))
        return -EFAULT;
    rr_random_bytes(buf, len);
    return (long)len;
}

RR_SYSCALL(__NR_getrandom, sys_getrandom);
