/*
 * arch_prctl: the thread pointer. musl sets FS to its TLS block at start-up;
 * the platform itself never uses FS or GS, so they are the program's.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>
#include <rr/x86.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

static bool canonical(unsigned long a)
{
    return a < 0x0000800000000000UL || a >= 0xffff800000000000UL;
}

static long sys_arch_prctl(long code, unsigned long addr)
{
    switch (code) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (!canonical(addr))
            return -EPERM;
        rr_wrmsr(code == ARCH_SET_FS ? RR_MSR_FS_BASE : RR_MSR_GS_BASE, addr);
        return 0;
    case ARCH_GET_FS:
    case ARCH_GET_GS:
        if (!rr_user_range_ok((void *)addr, 8))
            return -EFAULT;
        *(unsigned long *)addr = rr_rdmsr(code == ARCH_GET_FS ? RR_MSR_FS_BASE : RR_MSR_GS_BASE);
        return 0;
    default:
        return -EINVAL;
    }
}

RR_SYSCALL(__NR_arch_prctl, sys_arch_prctl);
