/*
 * The process: one program, pid 1, started as root (its user and group ids are
 * in syscall/credentials.c). exit_group ends the guest with the status on the
 * control channel, whatever threads remain (the threads' own calls are in
 * syscall/thread.c).
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>

static long sys_exit_group(long status)
{
    rr_exit_program((int)(status & 0xff));
}

static long sys_getpid(void) { return 1; }
static long sys_getppid(void) { return 0; }
static long sys_getpgid(long pid) { return pid == 0 || pid == 1 ? 1 : -ESRCH; }
static long sys_getsid(long pid) { return pid == 0 || pid == 1 ? 1 : -ESRCH; }
static long sys_getpgrp(void) { return 1; }

RR_SYSCALL(__NR_exit_group, sys_exit_group);
RR_SYSCALL(__NR_getpid, sys_getpid);
RR_SYSCALL(__NR_getppid, sys_getppid);
RR_SYSCALL(__NR_getpgid, sys_getpgid);
RR_SYSCALL(__NR_getsid, sys_getsid);
RR_SYSCALL(__NR_getpgrp, sys_getpgrp);
