/* Devices, the console as a terminal, waiting (poll/select) and the generated /etc. */
#include <stdlib.h>
#include <rr/vfs_tty.h>
#include "vfs_helpers.h"

static struct rr_termios hook_termios;
static int hook_calls;

/* The console driver's optional hook: tests see what it would be told. */
void rr_console_set_termios(const struct rr_termios *t)
{
    hook_termios = *t;
    hook_calls++;
}

TEST(dev_nodes)
{
    fake_boot();
    static const struct { const char *path; uint32_t mode; uint64_t rdev; } want[] = {
        { "/dev/null", 0666, RR_MKDEV(1, 3) }, { "/dev/zero", 0666, RR_MKDEV(1, 5) },
        { "/dev/full", 0666, RR_MKDEV(1, 7) }, { "/dev/random", 0666, RR_MKDEV(1, 8) },
        { "/dev/urandom", 0666, RR_MKDEV(1, 9) }, { "/dev/tty", 0666, RR_MKDEV(5, 0) },
        { "/dev/console", 0600, RR_MKDEV(5, 1) },
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        struct rr_stat st = stat_of(want[i].path, 0);
        CHECK_EQ(st.st_mode, RR_S_IFCHR | want[i].mode);
        CHECK_EQ(st.st_rdev, want[i].rdev);
    }
    CHECK_EQ(RR_DEV_MAJOR(RR_MKDEV(0x12345, 0x6789a)), 0x12345);
    CHECK_EQ(RR_DEV_MINOR(RR_MKDEV(0x12345, 0x6789a)), 0x6789a);
    char buf[32];
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/dev/stdout", buf, sizeof(buf)), 15);
    CHECK_MEM(buf, "/proc/self/fd/1", 15);
    CHECK_EQ(stat_of("/dev/stderr", 0).st_rdev, RR_MKDEV(5, 1));
}

TEST(dev_memory_devices)
{
    fake_boot();
    char buf[64];
    long n = rr_fs_openat(RR_AT_FDCWD, "/dev/null", RR_O_RDWR, 0);
    CHECK_EQ(rr_fs_read((int)n, buf, sizeof(buf)), 0);
    CHECK_EQ(rr_fs_write((int)n, "discard", 7), 7);
    CHECK_EQ(rr_fs_lseek((int)n, 100, RR_SEEK_SET), 0);
    long z = rr_fs_openat(RR_AT_FDCWD, "/dev/zero", RR_O_RDONLY, 0);
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(rr_fs_read((int)z, buf, sizeof(buf)), 64);
    for (int i = 0; i < 64; i++)
        CHECK_EQ(buf[i], 0);
    CHECK_EQ(rr_fs_pread((int)z, buf, 8, 1000), 8);
    long f = rr_fs_openat(RR_AT_FDCWD, "/dev/full", RR_O_RDWR, 0);
    CHECK_EQ(rr_fs_write((int)f, "x", 1), -ENOSPC);
    CHECK_EQ(rr_fs_read((int)f, buf, 4), 4);
    long r = rr_fs_openat(RR_AT_FDCWD, "/dev/urandom", RR_O_RDONLY, 0);
    char r1[32], r2[32];
    CHECK_EQ(rr_fs_read((int)r, r1, 32), 32);
    CHECK_EQ(rr_fs_read((int)r, r2, 32), 32);
    CHECK(memcmp(r1, r2, 32) != 0);
    long rnd = rr_fs_openat(RR_AT_FDCWD, "/dev/random", RR_O_RDWR, 0);
    CHECK_EQ(rr_fs_read((int)rnd, r1, 16), 16);
    CHECK_EQ(rr_fs_write((int)rnd, r1, 16), 16);
    CHECK_EQ(rr_fs_ioctl((int)n, RR_TCGETS, (unsigned long)buf), -ENOTTY);
    CHECK_EQ(rr_fs_fsync((int)n), -EINVAL);
}

TEST(dev_console_io)
{
    fake_boot();
    fake_console_input("line one\nrest", 13);
    char buf[32];
    CHECK_EQ(rr_fs_read(0, buf, 9), 9);
    CHECK_MEM(buf, "line one\n", 9);
    CHECK_EQ(rr_fs_read(0, buf, sizeof(buf)), 4);
    CHECK_EQ(rr_fs_fcntl(0, RR_F_SETFL, RR_O_NONBLOCK), 0);
    CHECK_EQ(rr_fs_read(0, buf, sizeof(buf)), -EAGAIN);
    CHECK_EQ(rr_fs_fcntl(0, RR_F_SETFL, 0), 0);
    fake_console_input_later("late", 4, 50000000);
    CHECK_EQ(rr_fs_read(0, buf, sizeof(buf)), 4);   /* blocks until it arrives */
    CHECK_MEM(buf, "late", 4);
    fake_console_eof();
    CHECK_EQ(rr_fs_read(0, buf, sizeof(buf)), 0);
    CHECK_EQ(rr_fs_lseek(0, 0, RR_SEEK_CUR), -ESPIPE);
    CHECK_EQ(rr_fs_pread(0, buf, 1, 0), -ESPIPE);
    long c = rr_fs_openat(RR_AT_FDCWD, "/dev/console", RR_O_WRONLY, 0);
    CHECK_EQ(rr_fs_write((int)c, "via /dev/console\n", 17), 17);
    long t = rr_fs_openat(RR_AT_FDCWD, "/dev/tty", RR_O_WRONLY, 0);
    CHECK_EQ(rr_fs_write((int)t, "tty", 3), 3);
    CHECK_STR(fake_console_output(NULL), "via /dev/console\ntty");
    struct rr_iovec iov[2] = { { "a", 1 }, { "b\n", 2 } };
    CHECK_EQ(rr_fs_writev(1, iov, 2), 3);
    CHECK_STR(fake_console_output(NULL), "via /dev/console\nttyab\n");
}

TEST(dev_console_tty_ioctls)
{
    fake_console_reset(true);
    fake_boot();
    struct rr_termios t;
    CHECK_EQ(rr_fs_ioctl(0, RR_TCGETS, (unsigned long)&t), 0);
    CHECK(t.c_lflag & RR_ICANON);
    CHECK(t.c_lflag & RR_ECHO);
    CHECK(t.c_lflag & RR_ISIG);
    CHECK(t.c_oflag & RR_ONLCR);
    CHECK_EQ(t.c_cc[RR_VINTR], 3);
    CHECK_EQ(t.c_cc[RR_VEOF], 4);
    CHECK_EQ(t.c_cc[RR_VERASE], 0177);
    CHECK_EQ(t.c_cc[RR_VMIN], 1);
    t.c_lflag &= ~(uint32_t)(RR_ICANON | RR_ECHO);
    CHECK_EQ(hook_calls, 0);
    CHECK_EQ(rr_fs_ioctl(0, RR_TCSETSW, (unsigned long)&t), 0);
    CHECK_EQ(hook_calls, 1);
    CHECK_EQ(hook_termios.c_lflag & (RR_ICANON | RR_ECHO), 0);
    struct rr_termios back;
    CHECK_EQ(rr_fs_ioctl(1, RR_TCGETS, (unsigned long)&back), 0);
    CHECK_MEM(&back, &t, sizeof(t));
    struct rr_winsize ws;
    CHECK_EQ(rr_fs_ioctl(1, RR_TIOCGWINSZ, (unsigned long)&ws), 0);
    CHECK_EQ(ws.ws_row, 24);
    CHECK_EQ(ws.ws_col, 80);
    CHECK_EQ(rr_fs_ioctl(1, RR_TIOCGWINSZ, 0), -EFAULT);
    CHECK_EQ(rr_fs_ioctl(1, 0x12345678, 0), -ENOTTY);
    int pgrp = 0;
    CHECK_EQ(rr_fs_ioctl(0, RR_TIOCGPGRP, (unsigned long)&pgrp), 0);
    CHECK_EQ(pgrp, 1);
    int avail = -1;
    CHECK_EQ(rr_fs_ioctl(0, RR_FIONREAD, (unsigned long)&avail), 0);
    CHECK_EQ(avail, 0);
    fake_console_input("x", 1);
    CHECK_EQ(rr_fs_ioctl(0, RR_FIONREAD, (unsigned long)&avail), 0);
    CHECK_EQ(avail, 1);
    CHECK_EQ(rr_fs_ioctl(99, RR_TCGETS, (unsigned long)&t), -EBADF);
    /* on a regular file, terminal requests are ENOTTY and FIONREAD counts bytes left */
    put_file("/tmp/f", "12345");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_ioctl((int)fd, RR_TCGETS, (unsigned long)&t), -ENOTTY);
    CHECK_EQ(rr_fs_ioctl((int)fd, RR_TIOCGWINSZ, (unsigned long)&ws), -ENOTTY);
    CHECK_EQ(rr_fs_lseek((int)fd, 2, RR_SEEK_SET), 2);
    CHECK_EQ(rr_fs_ioctl((int)fd, RR_FIONREAD, (unsigned long)&avail), 0);
    CHECK_EQ(avail, 3);
}

TEST(dev_console_raw_is_not_a_tty)
{
    fake_console_reset(false);
    fake_boot();
    struct rr_termios t;
    struct rr_winsize ws;
    CHECK_EQ(rr_fs_ioctl(0, RR_TCGETS, (unsigned long)&t), -ENOTTY);
    CHECK_EQ(rr_fs_ioctl(1, RR_TIOCGWINSZ, (unsigned long)&ws), -ENOTTY);
    CHECK_EQ(rr_fs_ioctl(1, RR_TCSETS, (unsigned long)&t), -ENOTTY);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/dev/tty", RR_O_RDWR, 0), -ENXIO);
    CHECK_EQ(rr_fs_write(1, "raw\n", 4), 4);
    CHECK_STR(fake_console_output(NULL), "raw\n");
}

TEST(dev_poll)
{
    fake_boot();
    put_file("/tmp/f", "x");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDWR, 0);
    struct rr_pollfd p[4] = {
        { 0, RR_POLLIN, -1 }, { 1, RR_POLLOUT, -1 }, { (int)fd, RR_POLLIN | RR_POLLOUT, -1 }, { 50, RR_POLLIN, -1 },
    };
    CHECK_EQ(rr_fs_poll(p, 4, 0), 3);
    CHECK_EQ(p[0].revents, 0);
    CHECK_EQ(p[1].revents, RR_POLLOUT);
    CHECK_EQ(p[2].revents, RR_POLLIN | RR_POLLOUT);
    CHECK_EQ(p[3].revents, RR_POLLNVAL);
    /* waiting: the timeout passes */
    struct rr_pollfd in = { 0, RR_POLLIN, 0 };
    uint64_t t0 = rr_monotonic_ns();
    CHECK_EQ(rr_fs_poll(&in, 1, 30), 0);
    CHECK(rr_monotonic_ns() - t0 >= 30000000);
    /* waiting: input arrives first */
    fake_console_input_later("k", 1, 10000000);
    t0 = rr_monotonic_ns();
    CHECK_EQ(rr_fs_poll(&in, 1, -1), 1);
    CHECK_EQ(in.revents, RR_POLLIN);
    CHECK(rr_monotonic_ns() - t0 < 30000000);
    struct rr_pollfd neg = { -1, RR_POLLIN, 7 };
    CHECK_EQ(rr_fs_poll(&neg, 1, 0), 0);
    CHECK_EQ(neg.revents, 0);
    CHECK_EQ(rr_fs_poll(NULL, 1, 0), -EFAULT);
    CHECK_EQ(rr_fs_poll(NULL, 0, 5), 0);
    CHECK_EQ(rr_fs_poll(p, RR_FD_MAX + 1, 0), -EINVAL);
    /* ppoll: timespec, written back with the time left */
    struct rr_timespec ts = { 0, 5000000 };
    fake_console_eof();
    struct rr_pollfd e = { 0, RR_POLLIN, 0 };
    CHECK_EQ(rr_fs_ppoll(&e, 1, &ts), 1);
    struct rr_timespec badts = { 0, 1000000000 };
    CHECK_EQ(rr_fs_ppoll(&e, 1, &badts), -EINVAL);
}

TEST(dev_select)
{
    fake_boot();
    put_file("/tmp/f", "x");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDONLY, 0);
    uint64_t rd[16] = {0}, wr[16] = {0};
    rd[0] = 1ULL << 0 | 1ULL << fd;
    wr[0] = 1ULL << 1;
    struct rr_timeval tv = { 0, 0 };
    CHECK_EQ(rr_fs_select((int)fd + 1, rd, wr, NULL, &tv), 2);
    CHECK_EQ(rd[0], 1ULL << fd);
    CHECK_EQ(wr[0], 1ULL << 1);
    rd[0] = 1;
    tv.tv_usec = 20000;
    uint64_t t0 = rr_monotonic_ns();
    CHECK_EQ(rr_fs_select(1, rd, NULL, NULL, &tv), 0);
    CHECK(rr_monotonic_ns() - t0 >= 20000000);
    CHECK_EQ(rd[0], 0);
    CHECK_EQ(tv.tv_sec, 0);
    CHECK_EQ(tv.tv_usec, 0);
    rd[0] = 1;
    fake_console_input_later("z", 1, 5000000);
    CHECK_EQ(rr_fs_select(1, rd, NULL, NULL, NULL), 1);
    CHECK_EQ(rd[0], 1);
    rd[0] = 1ULL << 40;
    tv.tv_usec = 0;
    CHECK_EQ(rr_fs_select(41, rd, NULL, NULL, &tv), -EBADF);
    CHECK_EQ(rd[0], 1ULL << 40);
    tv.tv_usec = 1000000;
    CHECK_EQ(rr_fs_select(1, rd, NULL, NULL, &tv), -EINVAL);
    CHECK_EQ(rr_fs_select(-1, rd, NULL, NULL, NULL), -EINVAL);
    struct rr_timespec ts = { 0, 1000 };
    wr[0] = 2;
    CHECK_EQ(rr_fs_pselect(2, NULL, wr, NULL, &ts), 1);
}

TEST(etc_files)
{
    char err[128];
    const char *json = "{\"hostname\": \"web7\"}";
    CHECK_EQ(rr_config_parse(json, strlen(json), &rr_config, err, sizeof(err)), 0);
    CHECK_EQ(rr_vfs_init(), 0);
    CHECK_STR(get_file("/etc/hostname"), "web7\n");
    CHECK_STR(get_file("/etc/hosts"), "127.0.0.1\tlocalhost web7\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    CHECK_STR(get_file("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
              "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
    CHECK_STR(get_file("/etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    CHECK_STR(get_file("/etc/resolv.conf"), "");
    CHECK_EQ(stat_of("/etc/passwd", 0).st_mode, RR_S_IFREG | 0644);
}

TEST(etc_default_hostname)
{
    fake_boot();
    CHECK_STR(get_file("/etc/hostname"), "rumprun\n");
    CHECK_STR(get_file("/etc/hosts"), "127.0.0.1\tlocalhost rumprun\n::1\tlocalhost ip6-localhost ip6-loopback\n");
}

TEST(vfs_pread_for_mappings)
{
    fake_boot();
    put_file("/tmp/m", "mapped bytes");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/m", RR_O_RDONLY, 0);
    char buf[32];
    CHECK_EQ(rr_vfs_pread((int)fd, buf, sizeof(buf), 7), 5);
    CHECK_MEM(buf, "bytes", 5);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_CUR), 0);
    CHECK_EQ(rr_vfs_pread(0, buf, 4, 0), -ENODEV);
    CHECK_EQ(rr_vfs_pread(99, buf, 4, 0), -EBADF);
    long w = rr_fs_openat(RR_AT_FDCWD, "/tmp/m", RR_O_WRONLY, 0);
    CHECK_EQ(rr_vfs_pread((int)w, buf, 4, 0), -EACCES);
}

TEST(vfs_statfs)
{
    fake_boot();
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/", &sf), 0);
    CHECK_EQ(sf.f_type, RR_TMPFS_MAGIC);
    CHECK_EQ(sf.f_blocks, 65536);
    CHECK(sf.f_bfree > 0 && sf.f_bfree <= sf.f_blocks);
    CHECK_EQ(sf.f_flags & RR_ST_RDONLY, 0);
    CHECK_EQ(rr_fs_fstatfs(1, &sf), 0);
    CHECK_EQ(rr_fs_fstatfs(99, &sf), -EBADF);
    CHECK_EQ(rr_fs_statfs("/", NULL), -EFAULT);
}
