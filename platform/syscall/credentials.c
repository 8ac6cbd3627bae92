/*
 * User and group ids. The program starts as root and may change them with the
 * set*id calls under Linux's rules, where the privilege to set any id is
 * root's effective uid (a daemon that drops to "nobody" then cannot go back).
 * The ids are recorded and reported; nothing else in the guest checks them,
 * since one program owns everything in it.
 */
#include <rr/kern.h>
#include <rr/syscall_nr.h>

#define NGROUPS_MAX 65536
#define GROUPS_KEPT 64   /* what setgroups stores; more is refused with ENOMEM */
#define UNCHANGED ((uint32_t)-1)

static uint32_t ruid, euid, suid, fsuid;
static uint32_t rgid, egid, sgid, fsgid;
static uint32_t groups[GROUPS_KEPT];
static int ngroups;

static bool privileged(void)
{
    return euid == 0;
}

static bool one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
    return id == a || id == b || id == c;
}

/* setresuid/setresgid: an unprivileged caller may only pick among its current ids. */
static long set_res(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs, long nr, long ne, long ns)
{
    uint32_t want[3] = { (uint32_t)nr, (uint32_t)ne, (uint32_t)ns };
    if (!privileged())
        for (int i = 0; i < 3; i++)
            if (want[i] != UNCHANGED && !one_of(want[i], *r, *e, *s))
                return -EPERM;
    if (want[0] != UNCHANGED)
        *r = want[0];
    if (want[1] != UNCHANGED)
        *e = want[1];
    if (want[2] != UNCHANGED)
        *s = want[2];
    *fs = *e;
    return 0;
}

/* setreuid/setregid: the saved id follows the effective one when the real one is set or
 * the effective one moves away from the real one. */
static long set_re(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs, long nr, long ne)
{
    uint32_t wr = (uint32_t)nr, we = (uint32_t)ne;
    if (!privileged()) {
        if (wr != UNCHANGED && wr != *r && wr != *e)
            return -EPERM;
        if (we != UNCHANGED && !one_of(we, *r, *e, *s))
            return -EPERM;
    }
    uint32_t old_r = *r;
    if (wr != UNCHANGED)
        *r = wr;
    if (we != UNCHANGED)
        *e = we;
    if (wr != UNCHANGED || (we != UNCHANGED && we != old_r))
        *s = *e;
    *fs = *e;
    return 0;
}

/* setuid/setgid: all three ids when privileged, else only the effective one, to the real or saved id. */
static long set_one(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs, long id)
{
    uint32_t w = (uint32_t)id;
    if (w == UNCHANGED)
        return -EINVAL;
    if (privileged())
        *r = *s = w;
    else if (w != *r && w != *s)
        return -EPERM;
    *e = *fs = w;
    return 0;
}

static long put_res(uint32_t r, uint32_t e, uint32_t s, uint32_t *ur, uint32_t *ue, uint32_t *us)
{
    if (!rr_user_range_ok(ur, 4) || !rr_user_range_ok(ue, 4) || !rr_user_range_ok(us, 4))
        return -EFAULT;
    *ur = r;
    *ue = e;
    *us = s;
    return 0;
}

static long sys_getuid(void) { return ruid; }
static long sys_geteuid(void) { return euid; }
static long sys_getgid(void) { return rgid; }
static long sys_getegid(void) { return egid; }

static long sys_setuid(long id) { return set_one(&ruid, &euid, &suid, &fsuid, id); }

static long sys_setgid(long id) { return set_one(&rgid, &egid, &sgid, &fsgid, id); }
static long sys_setreuid(long r, long e) { return set_re(&ruid, &euid, &suid, &fsuid, r, e); }
static long sys_setregid(long r, long e) { return set_re(&rgid, &egid, &sgid, &fsgid, r, e); }
static long sys_setresuid(long r, long e, long s) { return set_res(&ruid, &euid, &suid, &fsuid, r, e, s); }
static long sys_setresgid(long r, long e, long s) { return set_res(&rgid, &egid, &sgid, &fsgid, r, e, s); }

static long sys_getresuid(long r, long e, long s)
{
    return put_res(ruid, euid, suid, (uint32_t *)r, (uint32_t *)e, (uint32_t *)s);
}

static long sys_getresgid(long r, long e, long s)
{
    return put_res(rgid, egid, sgid, (uint32_t *)r, (uint32_t *)e, (uint32_t *)s);
}

/* setfsuid/setfsgid answer the previous id whatever happens, as Linux does. */
static long sys_setfsuid(long id)
{
    uint32_t old = fsuid, w = (uint32_t)id;
    if (w != UNCHANGED && (privileged() || one_of(w, ruid, euid, suid) || w == fsuid))
        fsuid = w;
    return old;
}

static long sys_setfsgid(long id)
{
    uint32_t old = fsgid, w = (uint32_t)id;
    if (w != UNCHANGED && (privileged() || one_of(w, rgid, egid, sgid) || w == fsgid))
        fsgid = w;
    return old;
}

static long sys_getgroups(long size, long list)
{
    if (size < 0)
        return -EINVAL;
    if (size == 0)
        return ngroups;
    if (size < ngroups)
        return -EINVAL;
    if (ngroups && !rr_user_range_ok((void *)list, (size_t)ngroups * 4))
        return -EFAULT;
    rr_memcpy((void *)list, groups, (size_t)ngroups * 4);
    return ngroups;
}

static long sys_setgroups(long size, long list)
{
    if (!privileged())
        return -EPERM;
    if (size < 0 || size > NGROUPS_MAX)
        return -EINVAL;
    if (size > GROUPS_KEPT)
        return -ENOMEM;
    if (size && !rr_user_range_ok((void *)list, (size_t)size * 4))
        return -EFAULT;
    rr_memcpy(groups, (void *)list, (size_t)size * 4);
    ngroups = (int)size;
    /* kept in order, as Linux keeps them (getgroups shows it) */
    for (int i = 1; i < ngroups; i++)
        for (int j = i; j > 0 && groups[j - 1] > groups[j]; j--) {
            uint32_t t = groups[j];
            groups[j] = groups[j - 1];
            groups[j - 1] = t;
        }
    return 0;
}

RR_SYSCALL(__NR_getuid, sys_getuid);
RR_SYSCALL(__NR_geteuid, sys_geteuid);
RR_SYSCALL(__NR_getgid, sys_getgid);
RR_SYSCALL(__NR_getegid, sys_getegid);
RR_SYSCALL(__NR_setuid, sys_setuid);
RR_SYSCALL(__NR_setgid, sys_setgid);
RR_SYSCALL(__NR_setreuid, sys_setreuid);
RR_SYSCALL(__NR_setregid, sys_setregid);
RR_SYSCALL(__NR_setresuid, sys_setresuid);
RR_SYSCALL(__NR_setresgid, sys_setresgid);
RR_SYSCALL(__NR_getresuid, sys_getresuid);
RR_SYSCALL(__NR_getresgid, sys_getresgid);
RR_SYSCALL(__NR_setfsuid, sys_setfsuid);
RR_SYSCALL(__NR_setfsgid, sys_setfsgid);
RR_SYSCALL(__NR_getgroups, sys_getgroups);
RR_SYSCALL(__NR_setgroups, sys_setgroups);
