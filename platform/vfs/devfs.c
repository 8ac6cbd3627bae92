/* /dev: device nodes in the root file system, served by the character device switch. */
#include <rr/vfs_calls.h>
#include <rr/vfs_tty.h>
#include <rr/vfs_init.h>

static const struct {
    const char *path;
    uint32_t mode;
    uint64_t rdev;
} nodes[] = {
    { "/dev/null", 0666, RR_DEV_NULL },
    { "/dev/zero", 0666, RR_DEV_ZERO },
    { "/dev/full", 0666, RR_DEV_FULL },
    { "/dev/random", 0666, RR_DEV_RANDOM },
    { "/dev/urandom", 0666, RR_DEV_URANDOM },
    { "/dev/tty", 0666, RR_DEV_TTY },
    { "/dev/console", 0600, RR_DEV_CONSOLE },
};

/* as on Linux, through /proc: a redirected descriptor is reached, not the console */
static const char *const links[][2] = {
    { "/dev/stdin", "/proc/self/fd/0" },
    { "/dev/stdout", "/proc/self/fd/1" },
    { "/dev/stderr", "/proc/self/fd/2" },
    { "/dev/fd", "/proc/self/fd" },
};

int rr_devfs_populate(void)
{
    int e = rr_fs_mkdirat(RR_AT_FDCWD, "/dev", 0755);
    if (e && e != -EEXIST)
        return e;
    for (size_t i = 0; i < RR_ARRAY_SIZE(nodes); i++) {
        e = (int)rr_fs_mknodat(RR_AT_FDCWD, nodes[i].path, RR_S_IFCHR | nodes[i].mode, nodes[i].rdev);
        if (!e)
            e = (int)rr_fs_fchmodat(RR_AT_FDCWD, nodes[i].path, nodes[i].mode, 0);   /* past the umask */
        if (e && e != -EEXIST)
            return e;
    }
    for (size_t i = 0; i < RR_ARRAY_SIZE(links); i++) {
        e = (int)rr_fs_symlinkat(links[i][1], RR_AT_FDCWD, links[i][0]);
        if (e && e != -EEXIST)
            return e;
    }
    return 0;
}
