/* Pipes and FIFOs through the system calls: data, ends, capacity, poll, memory. */
#include "vfs_helpers.h"
#include <rr/vfs_pipe.h>

static int readers_poll(int fd)
{
    struct rr_pollfd p = { fd, RR_POLLIN | RR_POLLOUT, 0 };
    CHECK(rr_fs_poll(&p, 1, 0) >= 0);
    return p.revents;
}

TEST(pipe_data_and_end_of_file)
{
    fake_boot();
    int p[2];
    CHECK_EQ(rr_fs_pipe2(p, 0), 0);
    CHECK_EQ(p[0], 3);
    CHECK_EQ(p[1], 4);
    CHECK_EQ(rr_fs_write(p[1], "abc", 3), 3);
    int n = -1;
    CHECK_EQ(rr_fs_ioctl(p[0], RR_FIONREAD, (unsigned long)&n), 0);
    CHECK_EQ(n, 3);
    char buf[8];
    CHECK_EQ(rr_fs_read(p[0], buf, 2), 2);
    CHECK_MEM(buf, "ab", 2);
    CHECK_EQ(readers_poll(p[0]), RR_POLLIN);
    CHECK_EQ(readers_poll(p[1]), RR_POLLOUT);
    CHECK_EQ(rr_fs_close(p[1]), 0);
    CHECK_EQ(readers_poll(p[0]), RR_POLLIN | RR_POLLHUP);
    CHECK_EQ(rr_fs_read(p[0], buf, 8), 1);
    CHECK_EQ(rr_fs_read(p[0], buf, 8), 0);   /* no writer: end of file, without waiting */
    CHECK_EQ(fake_waits(), 0);
    CHECK_EQ(rr_fs_lseek(p[0], 0, RR_SEEK_SET), -ESPIPE);
    CHECK_EQ(rr_fs_pread(p[0], buf, 1, 0), -ESPIPE);
    CHECK_EQ(rr_fs_fsync(p[0]), -EINVAL);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstat(p[0], &st), 0);
    CHECK_EQ(st.st_mode, RR_S_IFIFO | 0600);
}

TEST(pipe_without_reader_raises_sigpipe)
{
    fake_boot();
    int p[2];
    CHECK_EQ(rr_fs_pipe2(p, RR_O_CLOEXEC), 0);
    CHECK_EQ(rr_fs_fcntl(p[0], RR_F_GETFD, 0), RR_FD_CLOEXEC);
    CHECK_EQ(rr_fs_close(p[0]), 0);
    CHECK_EQ(fake_signals_raised(13), 0);
    CHECK_EQ(rr_fs_write(p[1], "x", 1), -EPIPE);
    CHECK_EQ(fake_signals_raised(13), 1);
    CHECK_EQ(rr_fs_write(p[1], "", 0), 0);   /* an empty write checks nothing */
    CHECK_EQ(fake_signals_raised(13), 1);
    CHECK_EQ(readers_poll(p[1]), RR_POLLOUT | RR_POLLERR);
}

TEST(pipe_capacity_and_atomic_writes)
{
    fake_boot();
    long base = fake_pages_in_use();
    int p[2];
    CHECK_EQ(rr_fs_pipe2(p, RR_O_NONBLOCK), 0);
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_GETFL, 0), RR_O_WRONLY | RR_O_NONBLOCK | RR_O_LARGEFILE);
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_GETPIPE_SZ, 0), RR_PIPE_DEF_SIZE);
    static char big[RR_PIPE_DEF_SIZE + 10];
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)i;
    CHECK_EQ(rr_fs_write(p[1], big, RR_PIPE_DEF_SIZE - 100), RR_PIPE_DEF_SIZE - 100);
    CHECK_EQ(fake_pages_in_use() - base, 16);
    CHECK_EQ(rr_fs_write(p[1], big, 200), -EAGAIN);      /* atomic: all or nothing */
    CHECK_EQ(rr_fs_write(p[1], big, 5000), 100);         /* larger: what fits */
    CHECK_EQ(rr_fs_write(p[1], big, 1), -EAGAIN);
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_SETPIPE_SZ, 4096), -EBUSY);
    static char back[RR_PIPE_DEF_SIZE];
    CHECK_EQ(rr_fs_read(p[0], back, 10), 10);
    CHECK_MEM(back, big, 10);
    /* a bigger ring keeps the bytes in order */
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_SETPIPE_SZ, 100000), 131072);
    CHECK_EQ(rr_fs_read(p[0], back, sizeof(back)), RR_PIPE_DEF_SIZE - 10);
    CHECK_MEM(back, big + 10, RR_PIPE_DEF_SIZE - 110);
    CHECK_EQ(fake_pages_in_use() - base, 0);             /* an empty pipe holds no pages */
    CHECK_EQ(rr_fs_read(p[0], back, 1), -EAGAIN);
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_SETPIPE_SZ, 0), 4096);
    CHECK_EQ(rr_fs_fcntl(p[1], RR_F_SETPIPE_SZ, (1UL << 31) + 1), -EINVAL);
    CHECK_EQ(rr_fs_fcntl(0, RR_F_GETPIPE_SZ, 0), -EBADF);
    CHECK_EQ(rr_fs_pipe2(p, RR_O_APPEND), -EINVAL);
    CHECK_EQ(rr_fs_pipe2(NULL, 0), -EFAULT);
}

TEST(pipe_blocking_read_of_a_closed_pipe_returns)
{
    fake_boot();
    int p[2];
    CHECK_EQ(rr_fs_pipe2(p, 0), 0);
    CHECK_EQ(rr_fs_write(p[1], "z", 1), 1);
    CHECK_EQ(rr_fs_close(p[1]), 0);
    char c;
    CHECK_EQ(rr_fs_read(p[0], &c, 1), 1);
    CHECK_EQ(rr_fs_read(p[0], &c, 1), 0);
}

TEST(fifo_opens_and_discards_data_on_last_close)
{
    fake_boot();
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/f", RR_S_IFIFO | 0600, 0), 0);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_WRONLY | RR_O_NONBLOCK, 0), -ENXIO);
    long rd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY | RR_O_NONBLOCK, 0);
    CHECK(rd >= 0);
    CHECK_EQ(readers_poll((int)rd), 0);     /* no writer ever: not hung up */
    long wr = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_WRONLY, 0);   /* a reader exists: no wait */
    CHECK(wr >= 0);
    CHECK_EQ(rr_fs_write((int)wr, "data", 4), 4);
    CHECK_EQ(rr_fs_close((int)wr), 0);
    CHECK_EQ(readers_poll((int)rd), RR_POLLIN | RR_POLLHUP);
    CHECK_EQ(rr_fs_close((int)rd), 0);
    long rw = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDWR | RR_O_NONBLOCK, 0);
    char buf[8];
    CHECK_EQ(rr_fs_read((int)rw, buf, sizeof(buf)), -EAGAIN);   /* the old data is gone */
    CHECK_EQ(rr_fs_write((int)rw, "x", 1), 1);
    CHECK_EQ(rr_fs_read((int)rw, buf, sizeof(buf)), 1);
    CHECK_EQ(rr_fs_lseek((int)rw, 0, RR_SEEK_SET), -ESPIPE);
    CHECK_EQ(fake_waits(), 0);
}

TEST(pipe_names_for_proc)
{
    fake_boot();
    int p[2];
    CHECK_EQ(rr_fs_pipe2(p, 0), 0);
    struct rr_file *f = rr_fd_get(p[0]);
    char buf[32];
    long n = rr_file_path(f, buf, sizeof(buf));
    CHECK(n > 0);
    CHECK(strncmp(buf, "pipe:[", 6) == 0);
    CHECK_EQ(rr_file_path(f, buf, 4), -ENAMETOOLONG);
    rr_file_unref(f);
}
