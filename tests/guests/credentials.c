/* User and group ids as a daemon changes them: supplementary groups, then the group,
 * then the user; what an unprivileged process may still do; the saved and fs ids.
 * Run as root, natively and in the guest. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, strerror(errno));
    else
        printf("%s = %ld\n", what, r);
}

static void ids(const char *when)
{
    uid_t r, e, s;
    gid_t gr, ge, gs;
    getresuid(&r, &e, &s);
    getresgid(&gr, &ge, &gs);
    gid_t list[8];
    int n = getgroups(8, list);
    printf("%s: uid %u/%u/%u gid %u/%u/%u groups %d:", when, r, e, s, gr, ge, gs, n);
    for (int i = 0; i < n; i++)
        printf(" %u", list[i]);
    printf("\n");
}

int main(void)
{
    if (geteuid() != 0) {
        printf("run me as root\n");
        return 2;
    }
    gid_t few[2] = { 65534, 100 };
    report("setgroups 2", setgroups(2, few));
    report("getgroups 0", getgroups(0, NULL));
    gid_t one[1];
    report("getgroups 1 (too small)", getgroups(1, one));
    ids("groups set");
    report("setgroups 0", setgroups(0, NULL));
    report("setresgid", setresgid(65534, 65534, 0));
    ids("setresgid");
    report("setregid -1 65534", setregid(-1, 65534));
    report("setgid 65534", setgid(65534));
    ids("setgid");
    report("seteuid 1000", seteuid(1000));
    ids("seteuid");
    report("seteuid back to 0 (saved id)", seteuid(0));
    report("setfsuid 42 (answers the old fsuid)", setfsuid(42));
    report("setfsuid -1", setfsuid(-1));
    report("setuid 65534", setuid(65534));
    ids("setuid");
    report("setuid 0 after dropping", setuid(0));
    report("seteuid 0 after dropping", seteuid(0));
    report("setgroups unprivileged", setgroups(0, NULL));
    report("setresuid to own ids", setresuid(65534, -1, 65534));
    report("setreuid to someone else", setreuid(1234, -1));
    printf("getuid %u geteuid %u getgid %u getegid %u\n", getuid(), geteuid(), getgid(), getegid());
    return 0;
}
