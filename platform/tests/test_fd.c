/* Descriptors and open file descriptions: numbering, dup, flags, fcntl, O_APPEND, O_PATH, limits. */
#include <stdlib.h>
#include "vfs_helpers.h"

TEST(fd_standard_streams)
{
    fake_boot();
    struct rr_stat st;
    for (int fd = 0; fd < 3; fd++) {
        CHECK_EQ(rr_fs_fstat(fd, &st), 0);
        CHECK_EQ(st.st_mode, RR_S_IFCHR | 0600);
        CHECK_EQ(st.st_rdev, RR_MKDEV(5, 1));
        CHECK_EQ(rr_fs_fcntl(fd, RR_F_GETFL, 0), RR_O_RDWR | RR_O_LARGEFILE);
        CHECK_EQ(rr_fs_fcntl(fd, RR_F_GETFD, 0), 0);
    }
    CHECK_EQ(rr_fs_fstat(3, &st), -EBADF);
    CHECK_EQ(rr_fs_write(1, "out", 3), 3);
    CHECK_EQ(rr_fs_write(2, "err", 3), 3);
    size_t len;
    const char *out = fake_console_output(&len);
    CHECK_EQ(len, 6);
    CHECK_STR(out, "outerr");
    /* the three share one open file description */
    CHECK_EQ(rr_fs_fcntl(0, RR_F_SETFL, RR_O_NONBLOCK), 0);
    CHECK_EQ(rr_fs_fcntl(2, RR_F_GETFL, 0) & RR_O_NONBLOCK, RR_O_NONBLOCK);
}

TEST(fd_lowest_free_and_close)
{
    fake_boot();
    long a = rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0);
    long b = rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0);
    long c = rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0);
    CHECK_EQ(a, 3);
    CHECK_EQ(b, 4);
    CHECK_EQ(c, 5);
    CHECK_EQ(rr_fs_close(4), 0);
    CHECK_EQ(rr_fs_close(4), -EBADF);
    CHECK_EQ(rr_fs_close(-1), -EBADF);
    CHECK_EQ(rr_fs_close(5000), -EBADF);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0), 4);
    CHECK_EQ(rr_fs_close(0), 0);
    CHECK_EQ(rr_fs_dup(3), 0);
    CHECK_EQ(rr_fs_close_range(3, ~0U, 0), 0);
    CHECK_EQ(rr_fs_close(3), -EBADF);
    CHECK_EQ(rr_fs_close(5), -EBADF);
    CHECK_EQ(rr_fs_close(1), 0);
    CHECK_EQ(rr_fs_close_range(5, 4, 0), -EINVAL);
}

TEST(fd_limit)
{
    fake_boot();
    for (int fd = 3; fd < RR_FD_MAX; fd++)
        CHECK_EQ(rr_fs_dup(0), fd);
    CHECK_EQ(rr_fs_dup(0), -EMFILE);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/new", RR_O_RDWR | RR_O_CREAT, 0644), -EMFILE);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/new", &st, 0), -ENOENT);   /* nothing created */
    CHECK_EQ(rr_fs_fcntl(0, RR_F_DUPFD, 0), -EMFILE);
    CHECK_EQ(rr_fs_fcntl(0, RR_F_DUPFD, RR_FD_MAX), -EINVAL);
    CHECK_EQ(rr_fs_dup2(0, RR_FD_MAX), -EBADF);
    CHECK_EQ(rr_fs_dup2(0, RR_FD_MAX - 1), RR_FD_MAX - 1);
}

TEST(fd_dup_shares_offset_and_flags)
{
    fake_boot();
    put_file("/tmp/f", "abcdef");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY | RR_O_CLOEXEC, 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETFD, 0), RR_FD_CLOEXEC);
    long d = rr_fs_dup((int)fd);
    CHECK_EQ(rr_fs_fcntl((int)d, RR_F_GETFD, 0), 0);   /* dup clears close-on-exec */
    char c;
    CHECK_EQ(rr_fs_read((int)fd, &c, 1), 1);
    CHECK_EQ(rr_fs_read((int)d, &c, 1), 1);
    CHECK_EQ(c, 'b');
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_CUR), 2);
    CHECK_EQ(rr_fs_dup2((int)fd, 10), 10);
    CHECK_EQ(rr_fs_read(10, &c, 1), 1);
    CHECK_EQ(c, 'c');
    CHECK_EQ(rr_fs_dup2((int)fd, (int)fd), fd);
    CHECK_EQ(rr_fs_dup2(77, 78), -EBADF);
    CHECK_EQ(rr_fs_dup2(77, 77), -EBADF);
    CHECK_EQ(rr_fs_dup3((int)fd, (int)fd, 0), -EINVAL);
    CHECK_EQ(rr_fs_dup3((int)fd, 11, 0x1), -EINVAL);
    CHECK_EQ(rr_fs_dup3((int)fd, 11, RR_O_CLOEXEC), 11);
    CHECK_EQ(rr_fs_fcntl(11, RR_F_GETFD, 0), RR_FD_CLOEXEC);
    CHECK_EQ(rr_fs_fcntl(11, RR_F_SETFD, 0), 0);
    CHECK_EQ(rr_fs_fcntl(11, RR_F_GETFD, 0), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_DUPFD_CLOEXEC, 20), 20);
    CHECK_EQ(rr_fs_fcntl(20, RR_F_GETFD, 0), RR_FD_CLOEXEC);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_DUPFD, 20), 21);
    CHECK_EQ(rr_fs_ioctl(21, RR_FIOCLEX, 0), 0);
    CHECK_EQ(rr_fs_fcntl(21, RR_F_GETFD, 0), RR_FD_CLOEXEC);
    CHECK_EQ(rr_fs_ioctl(21, RR_FIONCLEX, 0), 0);
    CHECK_EQ(rr_fs_fcntl(21, RR_F_GETFD, 0), 0);
    /* dup2 onto an open descriptor closes it first */
    long other = rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_dup2((int)fd, (int)other), other);
    CHECK_EQ(rr_fs_read((int)other, &c, 1), 1);
    CHECK_EQ(c, 'd');
}

TEST(fd_status_flags)
{
    fake_boot();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_WRONLY | RR_O_CREAT | RR_O_TRUNC | RR_O_APPEND, 0644);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETFL, 0), RR_O_WRONLY | RR_O_APPEND | RR_O_LARGEFILE);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_SETFL, RR_O_NONBLOCK | RR_O_RDWR | RR_O_CREAT), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETFL, 0), RR_O_WRONLY | RR_O_NONBLOCK | RR_O_LARGEFILE);
    CHECK_EQ(rr_fs_fcntl((int)fd, 9999, 0), -EINVAL);
    int on = 0;
    CHECK_EQ(rr_fs_ioctl((int)fd, RR_FIONBIO, (unsigned long)&on), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETFL, 0) & RR_O_NONBLOCK, 0);
    char buf[4];
    CHECK_EQ(rr_fs_read((int)fd, buf, 1), -EBADF);
    long r = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_write((int)r, "x", 1), -EBADF);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp", RR_O_WRONLY, 0), -EISDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp", RR_O_RDWR, 0), -EISDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp", RR_O_RDONLY | RR_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/", RR_O_RDONLY | RR_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/new/", RR_O_RDWR | RR_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY | RR_O_DIRECTORY, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/f/", RR_O_RDONLY, 0), -ENOTDIR);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/none", RR_O_RDONLY, 0), -ENOENT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/nodir/x", RR_O_RDONLY | RR_O_CREAT, 0644), -ENOENT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, NULL, RR_O_RDONLY, 0), -EFAULT);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_TMPFILE | RR_O_RDWR, 0600), -EOPNOTSUPP);
}

TEST(fd_append)
{
    fake_boot();
    put_file("/tmp/log", "one\n");
    long a = rr_fs_openat(RR_AT_FDCWD, "/tmp/log", RR_O_WRONLY | RR_O_APPEND, 0);
    long b = rr_fs_openat(RR_AT_FDCWD, "/tmp/log", RR_O_RDWR, 0);
    CHECK_EQ(rr_fs_write((int)b, "ONE\n", 4), 4);        /* overwrites at 0 */
    CHECK_EQ(rr_fs_write((int)a, "two\n", 4), 4);        /* appends */
    CHECK_EQ(rr_fs_lseek((int)a, 0, RR_SEEK_CUR), 8);
    CHECK_EQ(rr_fs_lseek((int)a, 0, RR_SEEK_SET), 0);
    CHECK_EQ(rr_fs_write((int)a, "three\n", 6), 6);      /* still appends */
    CHECK_EQ(rr_fs_pwrite((int)a, "four\n", 5, 0), 5);   /* even pwrite, as on Linux */
    CHECK_STR(get_file("/tmp/log"), "ONE\ntwo\nthree\nfour\n");
    struct rr_iovec iov[2] = { { "fi", 2 }, { "ve\n", 3 } };
    CHECK_EQ(rr_fs_writev((int)a, iov, 2), 5);
    CHECK_STR(get_file("/tmp/log"), "ONE\ntwo\nthree\nfour\nfive\n");
}

TEST(fd_truncate_on_open)
{
    fake_boot();
    put_file("/tmp/t", "content");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_RDONLY | RR_O_TRUNC, 0);
    CHECK(fd >= 0);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 0);   /* Linux truncates even for O_RDONLY */
    put_file("/tmp/t", "content");
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_WRONLY | RR_O_CREAT, 0644), 4);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 7);
    /* creat() */
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_CREAT | RR_O_WRONLY | RR_O_TRUNC, 0644), 5);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 0);
}

TEST(fd_vectors)
{
    fake_boot();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/v", RR_O_RDWR | RR_O_CREAT, 0644);
    struct rr_iovec w[3] = { { "hello", 5 }, { NULL, 0 }, { " world", 6 } };
    CHECK_EQ(rr_fs_writev((int)fd, w, 3), 11);
    char a[3], b[20];
    struct rr_iovec r[2] = { { a, 3 }, { b, 20 } };
    CHECK_EQ(rr_fs_preadv((int)fd, r, 2, 1), 10);
    CHECK_MEM(a, "ell", 3);
    CHECK_MEM(b, "o world", 7);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_SET), 0);
    CHECK_EQ(rr_fs_readv((int)fd, r, 2), 11);
    CHECK_EQ(rr_fs_pwritev((int)fd, w, 1, 100), 5);
    CHECK_EQ(stat_of("/tmp/v", 0).st_size, 105);
    CHECK_EQ(rr_fs_readv((int)fd, r, -1), -EINVAL);
    CHECK_EQ(rr_fs_readv((int)fd, r, 1025), -EINVAL);
    CHECK_EQ(rr_fs_readv((int)fd, NULL, 1), -EFAULT);
    CHECK_EQ(rr_fs_readv((int)fd, NULL, 0), 0);
    struct rr_iovec huge[2] = { { a, (uint64_t)1 << 63 }, { b, 2 } };
    CHECK_EQ(rr_fs_readv((int)fd, huge, 2), -EINVAL);
    CHECK_EQ(rr_fs_readv(99, r, 2), -EBADF);
    CHECK_EQ(rr_fs_preadv((int)fd, r, 2, -1), -EINVAL);
    CHECK_EQ(rr_fs_preadv(0, r, 2, 0), -ESPIPE);
}

TEST(fd_o_path)
{
    fake_boot();
    put_file("/tmp/p", "x");
    CHECK_EQ(rr_fs_symlinkat("p", RR_AT_FDCWD, "/tmp/lnk"), 0);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/p", RR_O_PATH | RR_O_RDWR, 0);
    CHECK(fd >= 0);
    char c;
    CHECK_EQ(rr_fs_read((int)fd, &c, 1), -EBADF);
    CHECK_EQ(rr_fs_write((int)fd, "y", 1), -EBADF);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstat((int)fd, &st), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETFL, 0), RR_O_PATH);
    CHECK_EQ(rr_fs_fchmod((int)fd, 0600), -EBADF);
    CHECK_EQ(rr_fs_ioctl((int)fd, RR_FIONREAD, (unsigned long)&st), -EBADF);
    long l = rr_fs_openat(RR_AT_FDCWD, "/tmp/lnk", RR_O_PATH | RR_O_NOFOLLOW, 0);
    CHECK(l >= 0);
    CHECK_EQ(rr_fs_fstat((int)l, &st), 0);
    CHECK(RR_S_ISLNK(st.st_mode));
    char buf[8];
    CHECK_EQ(rr_fs_readlinkat((int)l, "", buf, sizeof(buf)), 1);
    CHECK_EQ(buf[0], 'p');
    long d = rr_fs_openat(RR_AT_FDCWD, "/tmp", RR_O_PATH | RR_O_DIRECTORY, 0);
    CHECK_EQ(rr_fs_openat((int)d, "p", RR_O_RDONLY, 0) >= 0, 1);
    CHECK_EQ(rr_fs_fchdir((int)d), 0);
    CHECK_STR(cwd(), "/tmp");
}

TEST(fd_locks_and_sync)
{
    fake_boot();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/l", RR_O_RDWR | RR_O_CREAT, 0644);
    struct rr_flock fl = { .l_type = RR_F_WRLCK, .l_whence = RR_SEEK_SET };
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_SETLK, (unsigned long)&fl), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_SETLKW, (unsigned long)&fl), 0);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_GETLK, (unsigned long)&fl), 0);
    CHECK_EQ(fl.l_type, RR_F_UNLCK);
    fl.l_type = 7;
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_SETLK, (unsigned long)&fl), -EINVAL);
    CHECK_EQ(rr_fs_fcntl((int)fd, RR_F_SETLK, 0), -EFAULT);
    long ro = rr_fs_openat(RR_AT_FDCWD, "/tmp/l", RR_O_RDONLY, 0);
    fl.l_type = RR_F_WRLCK;
    CHECK_EQ(rr_fs_fcntl((int)ro, RR_F_SETLK, (unsigned long)&fl), -EBADF);
    CHECK_EQ(rr_fs_flock((int)fd, 2), 0);
    CHECK_EQ(rr_fs_flock((int)fd, 8), 0);
    CHECK_EQ(rr_fs_flock((int)fd, 3), -EINVAL);
    CHECK_EQ(rr_fs_fsync((int)fd), 0);
    CHECK_EQ(rr_fs_fsync(1), -EINVAL);
    CHECK_EQ(rr_fs_fsync(99), -EBADF);
}
