/* epoll over TCP on 127.0.0.1 in one thread: a listening socket, a non-blocking
 * connect, edge-triggered reads drained to EAGAIN, and the peer's shutdown. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static void wait_show(const char *what, int ep, int timeout)
{
    struct epoll_event evs[4];
    int n = epoll_wait(ep, evs, 4, timeout);
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++)
        printf(" [tag %lu events %x]", (unsigned long)evs[i].data.u64, evs[i].events);
    printf("\n");
}

static void add(int ep, int fd, unsigned events, unsigned long tag)
{
    struct epoll_event ev = { .events = events, .data.u64 = tag };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

/* reads until EAGAIN; prints what came */
static void drain(int fd)
{
    char buf[64];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            total += (size_t)n;
            continue;
        }
        printf("drained %zu bytes, then %s\n", total, n == 0 ? "end of stream" : errno == EAGAIN ? "EAGAIN" : "other");
        return;
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int ep = epoll_create1(0);
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof addr;
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 4)
        || getsockname(lfd, (struct sockaddr *)&addr, &len)) {
        perror("listen");
        return 1;
    }
    add(ep, lfd, EPOLLIN, 1);
    wait_show("listening, nobody yet", ep, 0);

    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *)&addr, sizeof addr);
    printf("connect: %s\n", r == 0 ? "at once" : errno == EINPROGRESS ? "in progress" : "failed");
    wait_show("a connection waits", ep, 5000);
    int s = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
    printf("accepted: %d\n", s >= 0);
    wait_show("nothing else waits", ep, 0);
    add(ep, c, EPOLLOUT | EPOLLET, 2);
    wait_show("client connected", ep, 5000);
    epoll_ctl(ep, EPOLL_CTL_DEL, c, NULL);

    add(ep, s, EPOLLIN | EPOLLRDHUP | EPOLLET, 3);
    wait_show("server socket idle", ep, 0);
    write(c, "hello", 5);
    wait_show("data arrived", ep, 5000);
    wait_show("no new edge", ep, 0);
    drain(s);
    wait_show("drained", ep, 0);
    write(c, "more data", 9);
    wait_show("more arrived", ep, 5000);
    drain(s);
    shutdown(c, SHUT_WR);
    wait_show("peer shut down", ep, 5000);
    drain(s);
    close(s);
    close(c);
    close(lfd);
    wait_show("all closed", ep, 0);
    return 0;
}
