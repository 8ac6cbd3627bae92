/* epoll on the console: output is ready at once, input once a line is typed (level-
 * and edge-triggered), and end of input is reported as readable. */
#include <stdio.h>
#include <sys/epoll.h>
#include <unistd.h>

static void wait_show(const char *what, int ep, int timeout)
{
    struct epoll_event evs[4];
    int n = epoll_wait(ep, evs, 4, timeout);
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++)
        printf(" [fd %d events %x]", evs[i].data.fd, evs[i].events);
    printf("\n");
    fflush(stdout);
}

int main(void)
{
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLOUT, .data.fd = 1 };
    epoll_ctl(ep, EPOLL_CTL_ADD, 1, &ev);
    wait_show("stdout", ep, 0);
    epoll_ctl(ep, EPOLL_CTL_DEL, 1, NULL);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.fd = 0 };
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);
    wait_show("stdin, edge", ep, 10000);
    wait_show("stdin, edge again", ep, 0);
    ev.events = EPOLLIN;
    epoll_ctl(ep, EPOLL_CTL_MOD, 0, &ev);
    wait_show("stdin, level", ep, 0);
    char buf[64];
    ssize_t n = read(0, buf, sizeof buf);
    printf("read %ld: %.*s", (long)n, (int)(n > 0 ? n : 0), buf);
    wait_show("end of input", ep, 10000);
    printf("read at end of input: %ld\n", (long)read(0, buf, sizeof buf));
    return 0;
}
