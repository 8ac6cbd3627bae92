/* TCP over 127.0.0.1 between two threads: a listener echoes what a client sends. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PORT 7007
#define TOTAL (256 * 1024)

static void die(const char *what)
{
    printf("%s: %s\n", what, strerror(errno));
    exit(1);
}

static void *server(void *arg)
{
    int ls = *(int *)arg;
    struct sockaddr_in peer;
    socklen_t len = sizeof(peer);
    int c = accept(ls, (struct sockaddr *)&peer, &len);
    if (c < 0)
        die("accept");
    printf("server: accepted from %s\n", inet_ntoa(peer.sin_addr));
    char buf[4096];
    long n, echoed = 0;
    while ((n = read(c, buf, sizeof(buf))) > 0) {
        long off = 0;
        while (off < n) {
            long w = write(c, buf + off, n - off);
            if (w < 0)
                die("server write");
            off += w;
        }
        echoed += n;
    }
    if (n < 0)
        die("server read");
    printf("server: echoed %ld bytes, peer closed\n", echoed);
    close(c);
    return NULL;
}

int main(void)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    if (ls < 0)
        die("socket");
    int one = 1;
    if (setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
        die("SO_REUSEADDR");
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0)
        die("bind");
    if (listen(ls, 4) < 0)
        die("listen");
    pthread_t t;
    pthread_create(&t, NULL, server, &ls);

    int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
        die("connect");
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    struct sockaddr_in me, peer;
    socklen_t len = sizeof(me);
    getsockname(c, (struct sockaddr *)&me, &len);
    len = sizeof(peer);
    getpeername(c, (struct sockaddr *)&peer, &len);
    printf("client: %s -> port %d, local port nonzero %d\n", inet_ntoa(peer.sin_addr), ntohs(peer.sin_port), me.sin_port != 0);

    static char out[TOTAL], in[TOTAL];
    for (int i = 0; i < TOTAL; i++)
        out[i] = (char)(i * 7 + i / 251);
    long sent = 0, got = 0;
    while (got < TOTAL) {
        if (sent < TOTAL) {
            long w = send(c, out + sent, TOTAL - sent > 8192 ? 8192 : TOTAL - sent, 0);
            if (w < 0)
                die("client send");
            sent += w;
        }
        long r = recv(c, in + got, TOTAL - got, sent < TOTAL ? MSG_DONTWAIT : 0);
        if (r < 0 && errno != EAGAIN)
            die("client recv");
        if (r == 0)
            break;
        if (r > 0)
            got += r;
    }
    printf("client: sent %ld, received %ld, same %d\n", sent, got, memcmp(in, out, TOTAL) == 0);
    shutdown(c, SHUT_WR);
    char x;
    printf("client: read after the server closed: %ld\n", (long)read(c, &x, 1));
    pthread_join(t, NULL);
    close(c);
    close(ls);
    int type = 0;
    len = sizeof(type);
    int s2 = socket(AF_INET, SOCK_STREAM, 0);
    getsockopt(s2, SOL_SOCKET, SO_TYPE, &type, &len);
    printf("SO_TYPE %d\n", type);
    int u = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("unix socket: %d %s\n", u, u < 0 ? strerror(errno) : "created");
    return 0;
}
