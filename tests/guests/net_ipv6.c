/* IPv6 sockets: TCP over ::1, a dual-stack listener reached from IPv4 (v4-mapped peers),
 * IPV6_V6ONLY, and UDP over ::1 after two seconds of lwIP's timers. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *name(const struct sockaddr_in6 *a, char *buf)
{
    inet_ntop(AF_INET6, &a->sin6_addr, buf, INET6_ADDRSTRLEN);
    return buf;
}

static void exchange(int ls, int family, const char *addr, int port)
{
    int c = socket(family, SOCK_STREAM, 0);
    int r;
    if (family == AF_INET6) {
        struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
        inet_pton(AF_INET6, addr, &to.sin6_addr);
        r = connect(c, (struct sockaddr *)&to, sizeof(to));
    } else {
        struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
        inet_pton(AF_INET, addr, &to.sin_addr);
        r = connect(c, (struct sockaddr *)&to, sizeof(to));
    }
    if (r < 0) {
        printf("connect %s: %s\n", addr, strerror(errno));
        return;
    }
    struct sockaddr_in6 peer;
    socklen_t len = sizeof(peer);
    int s = accept(ls, (struct sockaddr *)&peer, &len);
    char buf[INET6_ADDRSTRLEN], msg[16] = "";
    send(c, "ping", 4, 0);
    recv(s, msg, sizeof(msg) - 1, 0);
    printf("%s: accepted from %s (len %u), got %s\n", addr, name(&peer, buf), (unsigned)len, msg);
    close(c);
    close(s);
}

int main(void)
{
    int ls = socket(AF_INET6, SOCK_STREAM, 0);
    int v6only = -1;
    socklen_t len = sizeof(v6only);
    getsockopt(ls, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len);
    printf("IPV6_V6ONLY default %d\n", v6only);
    struct sockaddr_in6 any = { .sin6_family = AF_INET6, .sin6_port = htons(6006), .sin6_addr = IN6ADDR_ANY_INIT };
    if (bind(ls, (struct sockaddr *)&any, sizeof(any)) < 0 || listen(ls, 4) < 0) {
        printf("listen: %s\n", strerror(errno));
        return 1;
    }
    exchange(ls, AF_INET6, "::1", 6006);
    exchange(ls, AF_INET, "127.0.0.1", 6006);
    exchange(ls, AF_INET6, "::ffff:127.0.0.1", 6006);
    close(ls);

    int only = socket(AF_INET6, SOCK_STREAM, 0), one = 1;
    setsockopt(only, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    any.sin6_port = htons(6007);
    bind(only, (struct sockaddr *)&any, sizeof(any));
    listen(only, 4);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in four = { .sin_family = AF_INET, .sin_port = htons(6007), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int r = connect(c, (struct sockaddr *)&four, sizeof(four));
    printf("IPv4 to a V6ONLY listener: %d %s\n", r, r < 0 ? strerror(errno) : "connected");
    close(c);
    close(only);

    /* every periodic lwIP timer (TCP, ARP, reassembly, neighbour discovery) runs meanwhile */
    sleep(2);
    int u = socket(AF_INET6, SOCK_DGRAM, 0), v = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 lo = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    bind(u, (struct sockaddr *)&lo, sizeof(lo));
    len = sizeof(lo);
    getsockname(u, (struct sockaddr *)&lo, &len);
    sendto(v, "datagram", 8, 0, (struct sockaddr *)&lo, sizeof(lo));
    struct sockaddr_in6 from;
    len = sizeof(from);
    char msg[16] = "";
    long n = recvfrom(u, msg, sizeof(msg) - 1, 0, (struct sockaddr *)&from, &len);
    char buf[INET6_ADDRSTRLEN];
    printf("udp: %ld bytes %s from %s\n", n, msg, name(&from, buf));
    return 0;
}
