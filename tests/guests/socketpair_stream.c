/* socketpair(AF_UNIX, SOCK_STREAM): data both ways with read/write, send/recv and
 * vectors, a thread blocked in read woken by the peer, shutdowns, close, poll and
 * epoll's EPOLLRDHUP edge, names and options. Printed so the run compares with Linux. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, strerror(errno));
    else
        printf("%s = %ld\n", what, r);
}

static void show_poll(const char *what, int fd)
{
    struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
    poll(&p, 1, 0);
    printf("%s:%s%s%s%s\n", what, p.revents & POLLIN ? " IN" : "", p.revents & POLLOUT ? " OUT" : "",
           p.revents & POLLRDHUP ? " RDHUP" : "", p.revents & POLLHUP ? " HUP" : "");
}

static void *late_writer(void *arg)
{
    int fd = *(int *)arg;
    usleep(50000);
    write(fd, "woken", 5);
    return NULL;
}

int main(void)
{
    int sv[2];
    signal(SIGPIPE, SIG_IGN);
    report("socketpair unknown flag", socketpair(AF_UNIX, SOCK_STREAM | 0x40000000, 0, sv));
    report("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, sv));
    report("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
    printf("cloexec %d %d\n", fcntl(sv[0], F_GETFD) & FD_CLOEXEC, fcntl(sv[1], F_GETFD) & FD_CLOEXEC);
    struct stat st;
    fstat(sv[0], &st);
    printf("S_ISSOCK %d\n", S_ISSOCK(st.st_mode));

    report("write", write(sv[0], "hello", 5));
    report("send", send(sv[1], "world!", 6, 0));
    char buf[64] = "";
    report("recv peek", recv(sv[1], buf, 3, MSG_PEEK));
    printf("peeked %.3s\n", buf);
    int n = -1;
    ioctl(sv[1], FIONREAD, &n);
    printf("FIONREAD %d\n", n);
    report("read", read(sv[1], buf, sizeof buf));
    printf("got %.5s\n", buf);
    char a[3], b[16];
    struct iovec v[2] = { { a, 3 }, { b, sizeof b } };
    report("readv", readv(sv[0], v, 2));
    printf("pieces %.3s|%.3s\n", a, b);
    struct iovec w[3] = { { "x", 1 }, { "yy", 2 }, { "zzz", 3 } };
    struct msghdr m = { 0 };
    m.msg_iov = w;
    m.msg_iovlen = 3;
    report("sendmsg", sendmsg(sv[0], &m, 0));
    report("recv waitall", recv(sv[1], buf, 6, MSG_WAITALL));
    printf("msg %.6s\n", buf);

    pthread_t t;
    pthread_create(&t, NULL, late_writer, &sv[1]);
    memset(buf, 0, sizeof buf);
    report("blocked read", read(sv[0], buf, sizeof buf));
    printf("from thread %s\n", buf);
    pthread_join(t, NULL);

    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    report("empty nonblocking read", read(sv[0], buf, sizeof buf));
    report("empty dontwait recv", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    show_poll("idle", sv[0]);

    struct sockaddr_un addr;
    socklen_t len = sizeof addr;
    report("getsockname", getsockname(sv[0], (struct sockaddr *)&addr, &len));
    printf("name len %u family %d\n", (unsigned)len, addr.sun_family);
    len = sizeof addr;
    report("getpeername", getpeername(sv[0], (struct sockaddr *)&addr, &len));
    int val = 0;
    socklen_t vl = sizeof val;
    report("SO_TYPE", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &val, &vl));
    printf("type %d\n", val);
    report("SO_ERROR", getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &val, &vl));
    printf("error %d\n", val);
    report("listen", listen(sv[0], 1));
    report("connect", connect(sv[0], (struct sockaddr *)&addr, sizeof(sa_family_t)));
    report("sendto with address", sendto(sv[0], "x", 1, 0, (struct sockaddr *)&addr, sizeof(sa_family_t)));

    report("shutdown bad", shutdown(sv[0], 7));
    report("shutdown wr", shutdown(sv[0], SHUT_WR));
    show_poll("peer after shutdown wr", sv[1]);
    report("peer read", read(sv[1], buf, sizeof buf));
    report("write after shutdown wr", write(sv[0], "x", 1));
    report("peer writes back", write(sv[1], "back", 4));
    report("read back", read(sv[0], buf, sizeof buf));

    int ep = epoll_create1(0);
    struct epoll_event ev = { EPOLLIN | EPOLLRDHUP | EPOLLET, { .u64 = 42 } }, out[2];
    int p2[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, p2);
    report("epoll_ctl", epoll_ctl(ep, EPOLL_CTL_ADD, p2[0], &ev));
    report("epoll_wait before", epoll_wait(ep, out, 2, 0));
    close(p2[1]);
    int k = epoll_wait(ep, out, 2, 1000);
    printf("epoll_wait after close = %d events%s%s%s data %llu\n", k, out[0].events & EPOLLIN ? " IN" : "",
           out[0].events & EPOLLRDHUP ? " RDHUP" : "", out[0].events & EPOLLHUP ? " HUP" : "", (unsigned long long)out[0].data.u64);
    report("epoll_wait again", epoll_wait(ep, out, 2, 0));
    report("read at end", read(p2[0], buf, sizeof buf));
    report("write to closed peer", write(p2[0], "x", 1));
    report("send nosignal to closed peer", send(p2[0], "x", 1, MSG_NOSIGNAL));
    return 0;
}
