/* socketpair(AF_UNIX, ...) through the calls: streams (data both ways, shutdowns, close, poll, epoll
 * edges), seqpacket and datagram pairs (boundaries, truncation, a closed peer, the budget). */
#include "vfs_helpers.h"
#include <rr/epoll.h>
#include <rr/socket.h>
#include <rr/vfs_msgq.h>

#define SIGPIPE 13

static int events_of(int fd)
{
    struct rr_pollfd p = { fd, RR_POLLIN | RR_POLLOUT | RR_POLLRDHUP, 0 };
    CHECK(rr_fs_poll(&p, 1, 0) >= 0);
    return p.revents;
}

static long send_str(int fd, const char *s, int flags)
{
    struct rr_iovec v = { (void *)s, strlen(s) };
    return rr_socket_send(fd, &v, 1, flags, NULL, 0);
}

static long recv_buf(int fd, char *buf, size_t n, int flags)
{
    struct rr_iovec v = { buf, n };
    return rr_socket_recv(fd, &v, 1, flags, NULL, NULL, NULL);
}

static void make_pair(int *sv, int type)
{
    CHECK_EQ(rr_unix_pair_create(type, sv), 0);
}

TEST(unix_pair_carries_bytes_both_ways)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM);
    CHECK_EQ(sv[0], 3);
    CHECK_EQ(sv[1], 4);
    CHECK_EQ(rr_fs_write(sv[0], "ping", 4), 4);
    CHECK_EQ(send_str(sv[1], "pong!", 0), 5);
    char buf[16];
    CHECK_EQ(recv_buf(sv[1], buf, 2, RR_MSG_PEEK), 2);
    CHECK_MEM(buf, "pi", 2);
    int n = -1;
    CHECK_EQ(rr_fs_ioctl(sv[1], RR_FIONREAD, (unsigned long)&n), 0);
    CHECK_EQ(n, 4);   /* the peek took nothing */
    CHECK_EQ(rr_fs_read(sv[1], buf, sizeof buf), 4);
    CHECK_MEM(buf, "ping", 4);
    /* a vector fills piece after piece */
    char a[2], b[8];
    struct rr_iovec v[2] = { { a, 2 }, { b, 8 } };
    CHECK_EQ(rr_socket_recv(sv[0], v, 2, 0, NULL, NULL, NULL), 5);
    CHECK_MEM(a, "po", 2);
    CHECK_MEM(b, "ng!", 3);
    CHECK_EQ(events_of(sv[0]), RR_POLLOUT);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstat(sv[0], &st), 0);
    CHECK_EQ(st.st_mode, RR_S_IFSOCK | 0777);
    CHECK_EQ(rr_fs_lseek(sv[0], 0, RR_SEEK_SET), -ESPIPE);
}

TEST(unix_pair_empty_reads_wait_or_say_eagain)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM | RR_SOCK_NONBLOCK | RR_SOCK_CLOEXEC);
    CHECK_EQ(rr_fs_fcntl(sv[0], RR_F_GETFD, 0), RR_FD_CLOEXEC);
    char buf[4];
    CHECK_EQ(rr_fs_read(sv[0], buf, 4), -EAGAIN);
    CHECK_EQ(rr_fs_fcntl(sv[1], RR_F_SETFL, 0), 0);
    CHECK_EQ(recv_buf(sv[1], buf, 4, RR_MSG_DONTWAIT), -EAGAIN);
    CHECK_EQ(fake_waits(), 0);
}

TEST(unix_pair_close_is_end_of_file_and_epipe)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM);
    CHECK_EQ(rr_fs_write(sv[1], "last", 4), 4);
    CHECK_EQ(rr_fs_close(sv[1]), 0);
    CHECK_EQ(events_of(sv[0]), RR_POLLIN | RR_POLLOUT | RR_POLLRDHUP | RR_POLLHUP);
    char buf[8];
    CHECK_EQ(rr_fs_read(sv[0], buf, 8), 4);   /* what was sent before the close is still read */
    CHECK_EQ(rr_fs_read(sv[0], buf, 8), 0);
    CHECK_EQ(send_str(sv[0], "x", RR_MSG_NOSIGNAL), -EPIPE);
    CHECK_EQ(fake_signals_raised(SIGPIPE), 0);
    CHECK_EQ(rr_fs_write(sv[0], "x", 1), -EPIPE);
    CHECK_EQ(fake_signals_raised(SIGPIPE), 1);
    CHECK_EQ(fake_waits(), 0);
}

TEST(unix_pair_shutdowns_are_one_direction_each)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM);
    CHECK_EQ(rr_socket_shutdown(sv[0], 3), -EINVAL);
    CHECK_EQ(rr_socket_shutdown(sv[0], 1), 0);            /* SHUT_WR */
    CHECK_EQ(events_of(sv[1]), RR_POLLIN | RR_POLLOUT | RR_POLLRDHUP);
    char buf[4];
    CHECK_EQ(rr_fs_read(sv[1], buf, 4), 0);                /* end of file for the peer */
    CHECK_EQ(send_str(sv[0], "x", RR_MSG_NOSIGNAL), -EPIPE);
    CHECK_EQ(send_str(sv[1], "back", 0), 4);               /* the other direction still works */
    CHECK_EQ(rr_fs_read(sv[0], buf, 4), 4);
    CHECK_EQ(rr_socket_shutdown(sv[1], 0), 0);            /* SHUT_RD on the peer */
    CHECK_EQ(rr_fs_read(sv[1], buf, 4), 0);
    CHECK_EQ(events_of(sv[1]) & RR_POLLHUP, 0);           /* sv[1] may still send */
    CHECK_EQ(rr_socket_shutdown(sv[1], 1), 0);
    CHECK_EQ(events_of(sv[1]) & RR_POLLHUP, RR_POLLHUP);  /* both directions shut */
}

TEST(unix_pair_names_options_and_refused_calls)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM);
    unsigned char addr[16];
    uint32_t len = sizeof addr;
    CHECK_EQ(rr_socket_name(sv[0], addr, &len, true), 0);
    CHECK_EQ(len, 2);
    CHECK_EQ(addr[0], 1);   /* AF_UNIX, no path */
    int v = -1;
    len = sizeof v;
    CHECK_EQ(rr_socket_getsockopt(sv[0], 1, 3, &v, &len), 0);   /* SO_TYPE */
    CHECK_EQ(v, RR_SOCK_STREAM);
    CHECK_EQ(rr_socket_getsockopt(sv[0], 1, 39, &v, &len), 0);  /* SO_DOMAIN */
    CHECK_EQ(v, 1);
    CHECK_EQ(rr_socket_getsockopt(sv[0], 1, 12345, &v, &len), -ENOPROTOOPT);
    struct rr_iovec iov = { "x", 1 };
    CHECK_EQ(rr_socket_send(sv[0], &iov, 1, 0, addr, 2), -EISCONN);
    int fd = (int)rr_fs_openat(RR_AT_FDCWD, "/", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    CHECK(fd >= 0);
    CHECK_EQ(rr_socket_shutdown(fd, 0), -ENOTSOCK);
    CHECK_EQ(rr_socket_shutdown(99, 0), -EBADF);
    int other[2];
    CHECK_EQ(rr_unix_pair_create(77, other), -EINVAL);
}

TEST(unix_pair_seqpacket_keeps_messages_and_ends_like_a_stream)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_SEQPACKET);
    CHECK_EQ(rr_fs_write(sv[0], "hello", 5), 5);
    CHECK_EQ(rr_fs_write(sv[0], "", 0), 0);                 /* an empty message is one too */
    struct rr_iovec two[2] = { { "ab", 2 }, { "cd", 2 } };
    CHECK_EQ(rr_fs_writev(sv[0], (const struct rr_iovec *)two, 2), 4);
    int n = -1;
    CHECK_EQ(rr_fs_ioctl(sv[1], RR_FIONREAD, (unsigned long)&n), 0);
    CHECK_EQ(n, 9);                                          /* all bytes waiting */
    char buf[16];
    int mf = -1;
    struct rr_iovec v = { buf, 3 };
    CHECK_EQ(rr_socket_recv(sv[1], &v, 1, 0, NULL, NULL, &mf), 3);   /* the rest of "hello" is dropped */
    CHECK_EQ(mf, RR_MSG_TRUNC);
    CHECK_EQ(recv_buf(sv[1], buf, sizeof buf, 0), 0);        /* the empty message */
    CHECK_EQ(recv_buf(sv[1], buf, 1, RR_MSG_TRUNC), 4);     /* the whole length asked for */
    CHECK_EQ(rr_fs_close(sv[0]), 0);
    CHECK_EQ(events_of(sv[1]), RR_POLLIN | RR_POLLOUT | RR_POLLRDHUP | RR_POLLHUP);
    CHECK_EQ(recv_buf(sv[1], buf, sizeof buf, 0), 0);       /* end-of-file */
    CHECK_EQ(send_str(sv[1], "x", RR_MSG_NOSIGNAL), -EPIPE);
    CHECK_EQ(fake_waits(), 0);
}

TEST(unix_pair_datagrams_report_a_closed_peer_to_the_sender_only)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_DGRAM | RR_SOCK_NONBLOCK);
    CHECK_EQ(send_str(sv[0], "one", 0), 3);
    CHECK_EQ(send_str(sv[0], "three", 0), 5);
    int n = -1;
    CHECK_EQ(rr_fs_ioctl(sv[1], RR_FIONREAD, (unsigned long)&n), 0);
    CHECK_EQ(n, 3);                                          /* the next datagram's length */
    int v = -1;
    uint32_t len = sizeof v;
    CHECK_EQ(rr_socket_getsockopt(sv[1], 1, 3, &v, &len), 0);
    CHECK_EQ(v, RR_SOCK_DGRAM);
    CHECK_EQ(rr_fs_close(sv[0]), 0);
    CHECK_EQ(events_of(sv[1]), RR_POLLIN | RR_POLLOUT);      /* no hang-up: datagrams have no connection */
    char buf[8];
    CHECK_EQ(recv_buf(sv[1], buf, sizeof buf, 0), 3);
    CHECK_EQ(recv_buf(sv[1], buf, sizeof buf, 0), 5);
    CHECK_EQ(recv_buf(sv[1], buf, sizeof buf, 0), -EAGAIN);  /* nor end-of-file */
    CHECK_EQ(send_str(sv[1], "x", 0), -ECONNREFUSED);
    CHECK_EQ(send_str(sv[1], "x", 0), -ENOTCONN);
    CHECK_EQ(fake_signals_raised(SIGPIPE), 0);
}

TEST(unix_pair_datagram_budget)
{
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_DGRAM | RR_SOCK_NONBLOCK);
    static char big[RR_MSGQ_BUDGET + 1];
    struct rr_iovec v = { big, sizeof big };
    CHECK_EQ(rr_socket_send(sv[0], &v, 1, 0, NULL, 0), -EMSGSIZE);
    v.iov_len = RR_MSGQ_BUDGET / 2;
    CHECK_EQ(rr_socket_send(sv[0], &v, 1, 0, NULL, 0), RR_MSGQ_BUDGET / 2);
    CHECK_EQ(rr_socket_send(sv[0], &v, 1, 0, NULL, 0), RR_MSGQ_BUDGET / 2);
    CHECK_EQ(rr_socket_send(sv[0], &v, 1, 0, NULL, 0), -EAGAIN);   /* full: a blocking sender would wait */
    CHECK_EQ(events_of(sv[0]) & RR_POLLOUT, 0);
    CHECK_EQ(recv_buf(sv[1], big, 1, 0), 1);
    CHECK_EQ(events_of(sv[0]) & RR_POLLOUT, RR_POLLOUT);
}

TEST(unix_pair_edges_reach_epoll_when_the_peer_closes)
{
    /* what nginx checks before it relies on EPOLLRDHUP */
    fake_boot();
    int sv[2];
    make_pair(sv, RR_SOCK_STREAM);
    int ep = (int)rr_epoll_create1(0);
    CHECK(ep >= 0);
    struct { uint32_t events; uint64_t data; } __attribute__((packed)) ev = { RR_POLLIN | RR_POLLRDHUP | (1u << 31), 7 }, out[2];
    CHECK_EQ(rr_epoll_ctl(ep, 1, sv[0], &ev), 0);
    CHECK_EQ(rr_epoll_wait(ep, out, 2, 0), 0);
    CHECK_EQ(rr_fs_close(sv[1]), 0);
    CHECK_EQ(rr_epoll_wait(ep, out, 2, 0), 1);
    CHECK_EQ(out[0].events, RR_POLLIN | RR_POLLRDHUP | RR_POLLHUP);
    CHECK_EQ(out[0].data, 7);
    CHECK_EQ(rr_epoll_wait(ep, out, 2, 0), 0);   /* edge-triggered: reported once */
}
