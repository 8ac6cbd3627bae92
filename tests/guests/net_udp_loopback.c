/* UDP over 127.0.0.1: sendto/recvfrom with addresses, connected sockets, MSG_PEEK, truncation, FIONREAD, writev. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(a, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        printf("bind: %s\n", strerror(errno));
        return 1;
    }
    socklen_t len = sizeof(sa);
    getsockname(a, (struct sockaddr *)&sa, &len);
    printf("bound to an ephemeral port: %d\n", ntohs(sa.sin_port) != 0);

    const char *msgs[] = { "first datagram", "second", "third one is longer than the buffer" };
    for (int i = 0; i < 3; i++)
        if (sendto(b, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&sa, sizeof(sa)) != (long)strlen(msgs[i]))
            printf("sendto %d: %s\n", i, strerror(errno));

    int avail = -1;
    ioctl(a, FIONREAD, &avail);
    printf("FIONREAD: %d\n", avail);
    char buf[64];
    long n = recv(a, buf, sizeof(buf), MSG_PEEK);
    printf("peek: %.*s\n", (int)n, buf);
    struct sockaddr_in from;
    len = sizeof(from);
    n = recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
    printf("recvfrom: %.*s from %s, len %u\n", (int)n, buf, inet_ntoa(from.sin_addr), (unsigned)len);
    n = read(a, buf, sizeof(buf));
    printf("read: %.*s\n", (int)n, buf);
    struct iovec iov = { buf, 10 };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    n = recvmsg(a, &m, 0);
    printf("recvmsg: %.*s (%ld bytes), truncated %d\n", (int)n, buf, n, (m.msg_flags & MSG_TRUNC) != 0);
    n = recv(a, buf, sizeof(buf), MSG_DONTWAIT);
    printf("empty: %ld %s\n", n, strerror(errno));

    struct sockaddr_in bsa;
    len = sizeof(bsa);
    getsockname(b, (struct sockaddr *)&bsa, &len);
    bsa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(a, (struct sockaddr *)&bsa, sizeof(bsa));
    send(a, "reply", 5, 0);
    n = recv(b, buf, sizeof(buf), 0);
    printf("connected reply: %.*s\n", (int)n, buf);
    struct iovec pieces[2] = { { "hello, ", 7 }, { "world", 5 } };
    writev(a, pieces, 2);
    n = recv(b, buf, sizeof(buf), 0);
    printf("writev of two pieces, one datagram: %.*s (%ld bytes)\n", (int)n, buf, n);
    errno = 0;
    n = send(b, "x", 1, 0);
    printf("send without a peer: %ld %s\n", n, strerror(errno));
    close(a);
    close(b);
    return 0;
}
