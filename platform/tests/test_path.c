/* Path resolution: absolute/relative, ".", "..", symlinks, loops, trailing slashes, limits. */
#include <stdlib.h>
#include "vfs_helpers.h"

#define ST_INO(p) stat_of(p, 0).st_ino

TEST(path_root_and_dots)
{
    fake_boot();
    uint64_t root = ST_INO("/");
    CHECK_EQ(ST_INO("/."), root);
    CHECK_EQ(ST_INO("/.."), root);
    CHECK_EQ(ST_INO("/../../.."), root);
    CHECK_EQ(ST_INO("//"), root);
    CHECK_EQ(ST_INO("///tmp/..//"), root);
    CHECK_EQ(ST_INO("."), root);
    CHECK_EQ(ST_INO("tmp/.."), root);
    CHECK_EQ(ST_INO("/tmp/."), ST_INO("/tmp"));
    CHECK(RR_S_ISDIR(stat_of("/", 0).st_mode));
    CHECK_EQ(stat_of("/tmp", 0).st_mode, RR_S_IFDIR | 01777);
    CHECK_EQ(stat_of("/root", 0).st_mode, RR_S_IFDIR | 0700);
    CHECK_EQ(stat_of("/home", 0).st_mode, RR_S_IFDIR | 0755);
    CHECK_EQ(stat_of("/etc", 0).st_mode, RR_S_IFDIR | 0755);
    CHECK_EQ(stat_of("/dev", 0).st_mode, RR_S_IFDIR | 0755);
}

TEST(path_relative_to_cwd_and_dirfd)
{
    fake_boot();
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/a", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/a/b", 0755), 0);
    put_file("/tmp/a/b/f", "hello");
    CHECK_EQ(rr_fs_chdir("/tmp/a"), 0);
    CHECK_STR(cwd(), "/tmp/a");
    CHECK_STR(get_file("b/f"), "hello");
    CHECK_STR(get_file("./b/../b/f"), "hello");
    CHECK_STR(get_file("../a/b/f"), "hello");
    long dfd = rr_fs_openat(RR_AT_FDCWD, "b", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    CHECK(dfd >= 0);
    long fd = rr_fs_openat((int)dfd, "f", RR_O_RDONLY, 0);
    CHECK(fd >= 0);
    char buf[8] = {0};
    CHECK_EQ(rr_fs_read((int)fd, buf, sizeof(buf)), 5);
    CHECK_STR(buf, "hello");
    /* an absolute path ignores dirfd, even a bad one */
    CHECK(rr_fs_openat(999, "/tmp/a/b/f", RR_O_RDONLY, 0) >= 0);
    CHECK_EQ(rr_fs_openat(999, "f", RR_O_RDONLY, 0), -EBADF);
    CHECK_EQ(rr_fs_openat((int)fd, "x", RR_O_RDONLY, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_fchdir((int)dfd), 0);
    CHECK_STR(cwd(), "/tmp/a/b");
    CHECK_EQ(rr_fs_fchdir((int)fd), -ENOTDIR);
    CHECK_EQ(rr_fs_chdir("f"), -ENOTDIR);
    CHECK_EQ(rr_fs_chdir("nope"), -ENOENT);
    CHECK_EQ(rr_fs_chdir(""), -ENOENT);
    CHECK_EQ(rr_fs_chdir(NULL), -EFAULT);
    CHECK_EQ(rr_fs_chdir("/"), 0);
    CHECK_STR(cwd(), "/");
}

TEST(path_errors)
{
    fake_boot();
    put_file("/tmp/file", "x");
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/nope", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/nope/x", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/file/x", &st, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/file/", &st, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/file/.", &st, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, NULL, &st, 0), -EFAULT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp", NULL, 0), -EFAULT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp", &st, 0x4), -EINVAL);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/", &st, 0), 0);
}

TEST(path_name_limits)
{
    fake_boot();
    char name[300];
    memset(name, 'n', 255);
    strcpy(name + 255, "");
    char path[5000];
    snprintf(path, sizeof(path), "/tmp/%s", name);
    put_file(path, "long name");
    CHECK_STR(get_file(path), "long name");
    snprintf(path, sizeof(path), "/tmp/%sn", name);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, path, RR_O_RDONLY | RR_O_CREAT, 0644), -ENAMETOOLONG);
    /* 4095 bytes fit (and resolve); 4096 bytes are too long */
    memset(path, '/', sizeof(path));
    memcpy(path, "/tmp", 4);
    path[4095] = 0;
    CHECK_EQ(stat_of(path, 0).st_ino, ST_INO("/tmp"));
    path[4095] = '/';
    path[4096] = 0;
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, path, &st, 0), -ENAMETOOLONG);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, path, 0755), -ENAMETOOLONG);
}

TEST(path_symlinks)
{
    fake_boot();
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d", 0755), 0);
    put_file("/tmp/d/f", "data");
    CHECK_EQ(rr_fs_symlinkat("d", RR_AT_FDCWD, "/tmp/rel"), 0);
    CHECK_EQ(rr_fs_symlinkat("/tmp/d/f", RR_AT_FDCWD, "/tmp/abs"), 0);
    CHECK_EQ(rr_fs_symlinkat("../d", RR_AT_FDCWD, "/tmp/d/up"), 0);
    CHECK_EQ(rr_fs_symlinkat("rel/f", RR_AT_FDCWD, "/tmp/chain"), 0);
    CHECK_EQ(rr_fs_symlinkat("missing", RR_AT_FDCWD, "/tmp/dangling"), 0);
    CHECK_STR(get_file("/tmp/rel/f"), "data");
    CHECK_STR(get_file("/tmp/abs"), "data");
    CHECK_STR(get_file("/tmp/d/up/up/up/f"), "data");
    CHECK_STR(get_file("/tmp/chain"), "data");
    CHECK_STR(get_file("/tmp/rel/../d/f"), "data");
    struct rr_stat st = stat_of("/tmp/abs", RR_AT_SYMLINK_NOFOLLOW);
    CHECK_EQ(st.st_mode, RR_S_IFLNK | 0777);
    CHECK_EQ(st.st_size, 8);
    CHECK(RR_S_ISREG(stat_of("/tmp/abs", 0).st_mode));
    CHECK(RR_S_ISDIR(stat_of("/tmp/rel/", RR_AT_SYMLINK_NOFOLLOW).st_mode));
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/dangling", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/dangling", &st, RR_AT_SYMLINK_NOFOLLOW), 0);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/abs/", &st, 0), -ENOTDIR);
    /* removing "link/" concerns the link, which is not a directory */
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/rel/", 0), -ENOTDIR);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/rel/", RR_AT_REMOVEDIR), -ENOTDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/rel/", RR_AT_FDCWD, "/tmp/rel2", 0), -ENOTDIR);
    CHECK(RR_S_ISLNK(stat_of("/tmp/rel", RR_AT_SYMLINK_NOFOLLOW).st_mode));
    char buf[64];
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/tmp/chain", buf, sizeof(buf)), 5);
    CHECK_MEM(buf, "rel/f", 5);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/tmp/chain", buf, 3), 3);
    CHECK_MEM(buf, "rel", 3);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/tmp/d", buf, sizeof(buf)), -EINVAL);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/tmp/chain", buf, 0), -EINVAL);
    CHECK_EQ(rr_fs_symlinkat("", RR_AT_FDCWD, "/tmp/empty"), -ENOENT);
    CHECK_EQ(rr_fs_symlinkat("x", RR_AT_FDCWD, "/tmp/abs"), -EEXIST);
    /* creating through a dangling link creates its target */
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/dangling", RR_O_WRONLY | RR_O_CREAT, 0600);
    CHECK(fd >= 0);
    CHECK(RR_S_ISREG(stat_of("/tmp/missing", 0).st_mode));
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/abs", RR_O_RDONLY | RR_O_NOFOLLOW, 0), -ELOOP);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/abs", RR_O_WRONLY | RR_O_CREAT | RR_O_EXCL, 0600), -EEXIST);
    /* chdir through a link: getcwd shows the real path */
    CHECK_EQ(rr_fs_chdir("/tmp/rel"), 0);
    CHECK_STR(cwd(), "/tmp/d");
}

TEST(path_symlink_loops)
{
    fake_boot();
    CHECK_EQ(rr_fs_symlinkat("loop2", RR_AT_FDCWD, "/tmp/loop1"), 0);
    CHECK_EQ(rr_fs_symlinkat("loop1", RR_AT_FDCWD, "/tmp/loop2"), 0);
    CHECK_EQ(rr_fs_symlinkat("self/x", RR_AT_FDCWD, "/tmp/self"), 0);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/loop1", &st, 0), -ELOOP);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/loop1", &st, RR_AT_SYMLINK_NOFOLLOW), 0);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/self", &st, 0), -ELOOP);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/loop1", RR_O_RDONLY | RR_O_CREAT, 0644), -ELOOP);
    /* a chain of 40 links resolves, 41 do not */
    put_file("/tmp/end", "end");
    char from[32], to[32];
    for (int i = 1; i <= 41; i++) {
        snprintf(from, sizeof(from), "/tmp/l%d", i);
        if (i == 1)
            snprintf(to, sizeof(to), "end");
        else
            snprintf(to, sizeof(to), "l%d", i - 1);
        CHECK_EQ(rr_fs_symlinkat(to, RR_AT_FDCWD, from), 0);
    }
    CHECK_STR(get_file("/tmp/l40"), "end");
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/l41", &st, 0), -ELOOP);
}

TEST(path_getcwd)
{
    fake_boot();
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/home/user", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/home/user/src", 0755), 0);
    CHECK_EQ(rr_fs_chdir("/home/user/src"), 0);
    char buf[64];
    CHECK_EQ(rr_fs_getcwd(buf, sizeof(buf)), 15);
    CHECK_STR(buf, "/home/user/src");
    CHECK_EQ(rr_fs_getcwd(buf, 15), 15);
    CHECK_EQ(rr_fs_getcwd(buf, 14), -ERANGE);
    CHECK_EQ(rr_fs_getcwd(buf, 0), -ERANGE);
    CHECK_EQ(rr_fs_getcwd(NULL, 10), -EFAULT);
    /* the directory moves: getcwd follows it */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/home/user", RR_AT_FDCWD, "/home/moved", 0), 0);
    CHECK_STR(cwd(), "/home/moved/src");
    /* removed: ENOENT, and relative lookups find nothing */
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/home/moved/src", RR_AT_REMOVEDIR), 0);
    CHECK_EQ(rr_fs_getcwd(buf, sizeof(buf)), -ENOENT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "new", RR_O_RDWR | RR_O_CREAT, 0644), -ENOENT);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "newdir", 0755), -ENOENT);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, ".", &st, 0), 0);
    CHECK_EQ(st.st_nlink, 0);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "..", &st, 0), -ENOENT);
}

TEST(path_mount_points)
{
    fake_boot();
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt", 0755), 0);
    put_file("/mnt/hidden", "under");
    struct rr_mount *m = rr_ramfs_new(0700);
    CHECK(m);
    CHECK_EQ(rr_vfs_mount("/mnt", m), 0);
    CHECK_EQ(rr_vfs_mount("/mnt", m), -EBUSY);
    CHECK_EQ(rr_vfs_mount("/etc/hosts", rr_ramfs_new(0755)), -ENOTDIR);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/mnt/hidden", &st, 0), -ENOENT);
    st = stat_of("/mnt", 0);
    CHECK_EQ(st.st_mode, RR_S_IFDIR | 0700);
    CHECK(st.st_dev != stat_of("/", 0).st_dev);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/sub", 0755), 0);
    put_file("/mnt/sub/f", "over");
    CHECK_EQ(rr_fs_chdir("/mnt/sub"), 0);
    CHECK_STR(cwd(), "/mnt/sub");
    CHECK_STR(get_file("../../mnt/sub/f"), "over");
    CHECK_EQ(ST_INO(".."), ST_INO("/mnt"));
    CHECK_EQ(ST_INO("../.."), ST_INO("/"));
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/mnt/sub/f", RR_AT_FDCWD, "/tmp/f", 0), -EXDEV);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/sub/f", RR_AT_FDCWD, "/tmp/f", 0), -EXDEV);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt", RR_AT_REMOVEDIR), -EBUSY);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt", RR_AT_FDCWD, "/mnt2", 0), -EBUSY);
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/mnt", &sf), 0);
    CHECK_EQ(sf.f_type, RR_TMPFS_MAGIC);
    CHECK_EQ(sf.f_bsize, 4096);
    CHECK_EQ(sf.f_namelen, 255);
    CHECK_EQ(rr_fs_statfs("/nope", &sf), -ENOENT);
}
