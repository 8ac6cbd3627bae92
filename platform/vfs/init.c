/* rr_vfs_init: the root file system every program starts with (see rr/kern.h). */
#include <rr/vfs_calls.h>
#include <rr/vfs_tty.h>
#include <rr/vfs_init.h>

/* A directory the root file system image may already have brought: then its mode stays. */
static int make_dir(const char *path, uint32_t mode)
{
    int e = (int)rr_fs_mkdirat(RR_AT_FDCWD, path, mode);
    if (!e)
        e = (int)rr_fs_fchmodat(RR_AT_FDCWD, path, mode, 0);   /* the mode exactly, umask or not */
    return e == -EEXIST ? 0 : e;
}

static int mount_proc(void)
{
    int e = make_dir("/proc", 0555);
    if (e)
        return e;
    struct rr_mount *m = rr_procfs_new();
    return m ? rr_vfs_mount("/proc", m) : -ENOMEM;
}

static int open_standard_streams(void)
{
    struct rr_file *f;
    int e = rr_vfs_open(RR_AT_FDCWD, "/dev/console", RR_O_RDWR, 0, &f);
    if (e)
        return e;
    for (int fd = 0; fd < 3 && e >= 0; fd++)
        e = rr_fd_install_at(f, fd, false);
    rr_file_unref(f);
    return e < 0 ? e : 0;
}

int rr_vfs_init(void)
{
    int e = rr_memdev_register();
    if (!e)
        e = rr_console_dev_register();
    if (e)
        return e;
    struct rr_mount *root = rr_ramfs_new(0755);
    if (!root)
        return -ENOMEM;
    e = rr_vfs_mount("/", root);
    if (e)
        return e;
    rr_vfs_set_cwd(rr_vfs_root());
    /* the program's own files first: everything generated below gives way to them */
    if (rr_rootfs_unpack)
        rr_rootfs_unpack();
    static const struct { const char *path; uint32_t mode; } dirs[] = {
        { "/tmp", 01777 }, { "/root", 0700 }, { "/home", 0755 },
    };
    for (size_t i = 0; i < RR_ARRAY_SIZE(dirs) && !e; i++)
        e = make_dir(dirs[i].path, dirs[i].mode);
    if (!e)
        e = mount_proc();
    if (!e)
        e = rr_devfs_populate();
    if (!e)
        e = rr_etc_populate();
    if (!e)
        e = open_standard_streams();
    return e;
}
