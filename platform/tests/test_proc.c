/* /proc through the system calls: links, the descriptor directory, generated files. */
#include "vfs_helpers.h"
#include <rr/vfs_init.h>

static const char *link_of(const char *path)
{
    static char buf[256];
    long n = rr_fs_readlinkat(RR_AT_FDCWD, path, buf, sizeof(buf) - 1);
    if (n < 0)
        return "error";
    buf[n] = 0;
    return buf;
}

TEST(proc_links)
{
    fake_boot();
    CHECK_STR(link_of("/proc/self"), "1");
    CHECK_STR(link_of("/proc/self/exe"), "/program");
    CHECK_STR(link_of("/proc/self/fd/0"), "/dev/console");
    CHECK_STR(link_of("/proc/self/fd/3"), "error");
    CHECK_STR(link_of("/dev/stdin"), "/proc/self/fd/0");
    CHECK_EQ(stat_of("/dev/stdout", 0).st_rdev, RR_MKDEV(5, 1));
    CHECK_EQ(stat_of("/proc/self/fd/1", RR_AT_SYMLINK_NOFOLLOW).st_mode, RR_S_IFLNK | 0700);
    put_file("/tmp/a", "abc");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/a", RR_O_RDONLY, 0);
    CHECK_EQ(fd, 3);
    CHECK_STR(link_of("/proc/self/fd/3"), "/tmp/a");
    CHECK_EQ(stat_of("/proc/self/fd/3", RR_AT_SYMLINK_NOFOLLOW).st_mode, RR_S_IFLNK | 0500);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/a", RR_AT_FDCWD, "/tmp/b", 0), 0);
    CHECK_STR(link_of("/proc/1/fd/3"), "/tmp/b");
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/b", 0), 0);
    CHECK_STR(link_of("/proc/1/fd/3"), "/tmp/b (deleted)");
    /* the link reopens the file itself, deleted or not */
    long again = rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd/3", RR_O_RDONLY, 0);
    CHECK(again >= 0);
    char buf[8];
    CHECK_EQ(rr_fs_read((int)again, buf, sizeof(buf)), 3);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd/3", RR_O_RDONLY | RR_O_NOFOLLOW, 0), -ELOOP);
    CHECK_EQ(rr_fs_chdir("/tmp"), 0);
    CHECK_STR(link_of("/proc/self/cwd"), "/tmp");
    CHECK_EQ(rr_fs_chdir("/proc/self/cwd/.."), 0);
    CHECK_STR(cwd(), "/");
}

TEST(proc_fd_directory)
{
    fake_boot();
    rr_fs_dup2(0, 7);
    long d = rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    CHECK_EQ(d, 3);
    char buf[512], names[64] = "";
    long n = rr_fs_getdents64((int)d, buf, sizeof(buf));
    CHECK(n > 0);
    for (long off = 0; off < n;) {
        struct rr_dirent64 *e = (struct rr_dirent64 *)(buf + off);
        strcat(names, e->d_name);
        strcat(names, " ");
        off += e->d_reclen;
    }
    CHECK_STR(names, ". .. 0 1 2 3 7 ");
    CHECK_EQ(rr_fs_getdents64((int)d, buf, sizeof(buf)), 0);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd/8", RR_O_RDONLY, 0), -ENOENT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd/07", RR_O_RDONLY, 0), -ENOENT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/self/fd/x", RR_O_RDONLY, 0), -ENOENT);
}

TEST(proc_generated_files)
{
    fake_boot();
    const char *mi = get_file("/proc/meminfo");
    CHECK(strncmp(mi, "MemTotal:         262144 kB\nMemFree:", 36) == 0);
    CHECK_STR(get_file("/proc/mounts"), "ramfs / ramfs rw 0 0\nproc /proc proc rw 0 0\n");
    CHECK_STR(get_file("/proc/self/comm"), "program\n");
    CHECK_STR(get_file("/proc/self/cmdline"), "program");
    CHECK(strncmp(get_file("/proc/cpuinfo"), "processor\t: 0\nvendor_id\t: ", 26) == 0);
    CHECK(strncmp(get_file("/proc/self/status"), "Name:\tprogram\nUmask:\t0022\n", 26) == 0);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/meminfo", RR_O_WRONLY, 0), -EACCES);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/proc/new", RR_O_WRONLY | RR_O_CREAT, 0644), -EACCES);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/proc/dir", 0755), -EPERM);
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/proc", &sf), 0);
    CHECK_EQ(sf.f_type, 0x9fa0);
    CHECK_EQ(stat_of("/proc", 0).st_ino, 1);
    CHECK_EQ(stat_of("/proc/self/", 0).st_ino, 2);
    CHECK_EQ(rr_fs_chdir("/proc/self/fd"), 0);
    CHECK_STR(cwd(), "/proc/1/fd");
}

TEST(proc_etc_files_keep_existing)
{
    fake_boot();
    put_file("/etc/hosts", "custom\n");
    /* a second population (as after a root file system image) keeps what is there */
    CHECK_EQ(rr_etc_populate(), 0);
    CHECK_STR(get_file("/etc/hosts"), "custom\n");
    CHECK_STR(get_file("/etc/group"), "root:x:0:\nnogroup:x:65534:\n");
}
