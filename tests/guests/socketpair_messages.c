/* socketpair(AF_UNIX, SOCK_DGRAM) and (AF_UNIX, SOCK_SEQPACKET): message boundaries, empty
 * messages, truncation and MSG_TRUNC, writev as one message, FIONREAD, shutdown, and what a
 * closed peer means to each (end-of-file and EPIPE, or ECONNREFUSED then ENOTCONN). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    if (r < 0)
        printf("  %s = -1 %s\n", what, strerror(errno));
    else
        printf("  %s = %ld\n", what, r);
}

static void show_poll(const char *what, int fd)
{
    struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
    poll(&p, 1, 0);
    printf("  %s:%s%s%s%s\n", what, p.revents & POLLIN ? " IN" : "", p.revents & POLLOUT ? " OUT" : "",
           p.revents & POLLRDHUP ? " RDHUP" : "", p.revents & POLLHUP ? " HUP" : "");
}

static void exercise(const char *name, int type)
{
    int sv[2], p2[2];
    char buf[64];
    printf("%s\n", name);
    report("socketpair", socketpair(AF_UNIX, type, 0, sv));
    report("write", write(sv[0], "hello", 5));
    report("empty write", write(sv[0], "", 0));
    report("send", send(sv[0], "world!", 6, 0));
    int n = -1;
    ioctl(sv[1], FIONREAD, &n);
    printf("  FIONREAD %d\n", n);
    report("recv 3 of hello", recv(sv[1], buf, 3, 0));
    report("recv the empty message", recv(sv[1], buf, 3, 0));
    report("recv MSG_TRUNC", recv(sv[1], buf, 3, MSG_TRUNC));
    struct iovec w[2] = { { "ab", 2 }, { "cd", 2 } };
    report("writev", writev(sv[0], w, 2));
    char a[3], b[8];
    struct iovec r[2] = { { a, 3 }, { b, 8 } };
    struct msghdr m = { .msg_iov = r, .msg_iovlen = 2 };
    report("recvmsg", recvmsg(sv[1], &m, 0));
    printf("  pieces %.3s|%.1s, flags %s\n", a, b, m.msg_flags & MSG_TRUNC ? "MSG_TRUNC" : "0");
    send(sv[0], "0123456789", 10, 0);
    r[0].iov_len = 2;
    r[1].iov_len = 3;
    report("recvmsg short", recvmsg(sv[1], &m, 0));
    printf("  flags %s\n", m.msg_flags & MSG_TRUNC ? "MSG_TRUNC" : "0");
    report("recv dontwait", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    show_poll("idle", sv[1]);
    report("shutdown wr", shutdown(sv[0], SHUT_WR));
    show_poll("peer after shutdown wr", sv[1]);
    report("peer recv", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    report("write after shutdown", write(sv[0], "x", 1));
    close(sv[0]);
    close(sv[1]);

    socketpair(AF_UNIX, type, 0, p2);
    write(p2[1], "q", 1);
    close(p2[1]);
    show_poll("after the peer closed", p2[0]);
    report("recv queued", recv(p2[0], buf, sizeof buf, MSG_DONTWAIT));
    report("recv after", recv(p2[0], buf, sizeof buf, MSG_DONTWAIT));
    report("send", send(p2[0], "x", 1, MSG_NOSIGNAL));
    report("send again", send(p2[0], "x", 1, MSG_NOSIGNAL));
    int v = 0;
    socklen_t vl = sizeof v;
    getsockopt(p2[0], SOL_SOCKET, SO_TYPE, &v, &vl);
    printf("  SO_TYPE %d\n", v);
    close(p2[0]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    exercise("SOCK_DGRAM", SOCK_DGRAM);
    exercise("SOCK_SEQPACKET", SOCK_SEQPACKET);
    return 0;
}
