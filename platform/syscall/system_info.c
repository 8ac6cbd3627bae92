/*
 * uname and sysinfo. The system answers as Linux: the program talks the
 * Linux system-call ABI, and software that checks uname (build scripts,
 * feature probes) should take its Linux paths.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>

struct utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

struct sysinfo {
    long uptime;
    unsigned long loads[3];
    unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    unsigned short procs, pad;
    unsigned long totalhigh, freehigh;
    unsigned int mem_unit;
};

static long sys_uname(struct utsname *u)
{
    if (!rr_user_range_ok(u, sizeof(*u)))
        return -EFAULT;
    rr_memset(u, 0, sizeof(*u));
    rr_strlcpy(u->sysname, "Linux", sizeof(u->sysname));
    rr_strlcpy(u->nodename, rr_config.hostname[0] ? rr_config.hostname : "rumprun", sizeof(u->nodename));
    rr_strlcpy(u->release, "6.1.0-rumprun", sizeof(u->release));
    rr_strlcpy(u->version, "#1 Rumprun.Net unikernel", sizeof(u->version));
    rr_strlcpy(u->machine, "x86_64", sizeof(u->machine));
    rr_strlcpy(u->domainname, "(none)", sizeof(u->domainname));
    return 0;
}

static long sys_sysinfo(struct sysinfo *si)
{
    if (!rr_user_range_ok(si, sizeof(*si)))
        return -EFAULT;
    rr_memset(si, 0, sizeof(*si));
    si->uptime = (long)(rr_monotonic_ns() / 1000000000ULL);
    si->totalram = rr_pages_total() * RR_PAGE_SIZE;
    si->freeram = rr_pages_free() * RR_PAGE_SIZE;
    si->procs = 1;
    si->mem_unit = 1;
    return 0;
}

RR_SYSCALL(__NR_uname, sys_uname);
RR_SYSCALL(__NR_sysinfo, sys_sysinfo);
