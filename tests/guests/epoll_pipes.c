/* epoll over pipes: argument checks, level- and edge-triggered reports, one-shot
 * watches, hang-ups, closing watched descriptors, nesting, and a wait ended by
 * another thread. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

static const char *err(void)
{
    switch (errno) {
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case EPERM: return "EPERM";
    case ELOOP: return "ELOOP";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    default: return "other";
    }
}

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, err());
    else
        printf("%s = %ld\n", what, r);
}
#define SHOW(expr) report(#expr, (long)(expr))

static int add(int ep, int fd, unsigned events, int tag)
{
    struct epoll_event ev = { .events = events, .data.u64 = (unsigned long)tag };
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int mod(int ep, int fd, unsigned events, int tag)
{
    struct epoll_event ev = { .events = events, .data.u64 = (unsigned long)tag };
    return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* one epoll_wait, its reports printed */
static void wait_show(const char *what, int ep, int max, int timeout)
{
    struct epoll_event evs[8];
    int n = epoll_wait(ep, evs, max, timeout);
    if (n < 0) {
        printf("%s: -1 %s\n", what, err());
        return;
    }
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++)
        printf(" [tag %lu events %x]", (unsigned long)evs[i].data.u64, evs[i].events);
    printf("\n");
}

static int wr;
static long late_written;

static void *late_writer(void *arg)
{
    (void)arg;
    usleep(50000);
    late_written = write(wr, "x", 1);
    return NULL;
}

int main(void)
{
    struct epoll_event ev = { .events = EPOLLIN };
    int p[2], q[2];
    char buf[256];
    setvbuf(stdout, NULL, _IONBF, 0);

    /* arguments */
    SHOW(epoll_create(0));
    SHOW(epoll_create(-1));
    SHOW(epoll_create1(0x1234));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("cloexec %d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    pipe(p);
    SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev));
    SHOW(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev));
    SHOW(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev));
    SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    SHOW(epoll_ctl(ep, 99, p[0], &ev));
    SHOW(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    int file = open("/tmp/epoll-file", O_RDWR | O_CREAT | O_TRUNC, 0600);
    SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
    int null = open("/dev/null", O_RDWR);
    SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, null, &ev));
    SHOW(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 1));
    SHOW(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1));
    SHOW(mod(ep, p[0], EPOLLIN, 1));
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    SHOW(add(ep, p[0], EPOLLIN, 1));
    SHOW(add(ep, p[0], EPOLLIN, 1));
    SHOW(mod(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1));
    SHOW(epoll_wait(ep, NULL, 0, 0));
    SHOW(epoll_wait(ep, (struct epoll_event *)buf, -1, 0));
    SHOW(epoll_wait(p[0], (struct epoll_event *)buf, 1, 0));
    SHOW(epoll_wait(999, (struct epoll_event *)buf, 1, 0));

    /* level-triggered: reported while data waits */
    wait_show("empty pipe", ep, 8, 0);
    wait_show("empty pipe, 30 ms", ep, 8, 30);
    SHOW(write(p[1], "hello", 5));
    wait_show("level 1", ep, 8, 0);
    wait_show("level 2", ep, 8, -1);
    SHOW(read(p[0], buf, sizeof buf));
    wait_show("level drained", ep, 8, 0);
    SHOW(add(ep, p[1], EPOLLOUT, 2));
    wait_show("write end", ep, 8, 0);
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));

    /* edge-triggered: reported once per change */
    SHOW(mod(ep, p[0], EPOLLIN | EPOLLET, 3));
    wait_show("edge, nothing yet", ep, 8, 0);
    SHOW(write(p[1], "ab", 2));
    wait_show("edge 1", ep, 8, 0);
    wait_show("edge again", ep, 8, 0);
    SHOW(write(p[1], "cd", 2));
    wait_show("edge after more data", ep, 8, 0);
    SHOW(read(p[0], buf, sizeof buf));
    SHOW(read(p[0], buf, 0));
    wait_show("edge drained", ep, 8, 0);
    SHOW(write(p[1], "e", 1));
    wait_show("edge new data", ep, 8, 0);
    SHOW(read(p[0], buf, sizeof buf));

    /* edge-triggered, ready when added: reported once */
    pipe(q);
    SHOW(write(q[1], "z", 1));
    SHOW(add(ep, q[0], EPOLLIN | EPOLLET, 4));
    wait_show("edge added ready", ep, 8, 0);
    wait_show("edge added ready again", ep, 8, 0);
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));

    /* one-shot: disabled after a report until modified */
    SHOW(mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 5));
    SHOW(write(p[1], "f", 1));
    wait_show("oneshot 1", ep, 8, 0);
    wait_show("oneshot 2", ep, 8, 0);
    SHOW(mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 6));
    wait_show("oneshot rearmed", ep, 8, 0);
    SHOW(read(p[0], buf, sizeof buf));

    /* two ready watches take turns when maxevents is 1 */
    SHOW(mod(ep, p[0], EPOLLIN, 7));
    SHOW(add(ep, q[0], EPOLLIN, 8));
    wait_show("q has data", ep, 8, 0);
    SHOW(write(p[1], "g", 1));
    wait_show("both", ep, 8, 0);
    wait_show("one of two", ep, 1, 0);
    wait_show("the other", ep, 1, 0);
    wait_show("the first again", ep, 1, 0);
    SHOW(read(p[0], buf, sizeof buf));
    SHOW(read(q[0], buf, sizeof buf));

    /* the writer's close is a hang-up for the reader */
    SHOW(close(q[1]));
    wait_show("hang-up", ep, 8, 0);
    SHOW(mod(ep, q[0], EPOLLIN | EPOLLRDHUP, 9));
    wait_show("hang-up with rdhup", ep, 8, 0);
    /* closing the last descriptor of a file ends its watch */
    SHOW(close(q[0]));
    wait_show("after close", ep, 8, 0);
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    /* a duplicate keeps the file open, so the watch stays (still under the old number) */
    int dup_fd = dup(p[0]);
    SHOW(write(p[1], "h", 1));
    SHOW(close(p[0]));
    wait_show("closed but duplicated", ep, 8, 0);
    SHOW(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    SHOW(read(dup_fd, buf, sizeof buf));
    p[0] = dup_fd;

    /* an epoll descriptor is pollable and can be watched */
    int outer = epoll_create1(0);
    SHOW(add(outer, ep, EPOLLIN, 10));
    wait_show("outer, inner idle", outer, 8, 0);
    SHOW(add(ep, p[0], EPOLLIN, 11));
    SHOW(write(p[1], "i", 1));
    wait_show("outer, inner ready", outer, 8, 0);
    SHOW(add(ep, outer, EPOLLIN, 12));
    SHOW(read(p[0], buf, sizeof buf));

    /* a wait ended by another thread's write */
    wr = p[1];
    pthread_t t;
    pthread_create(&t, NULL, late_writer, NULL);
    wait_show("woken by a thread", ep, 8, 5000);
    pthread_join(t, NULL);
    SHOW(late_written);
    SHOW(read(p[0], buf, sizeof buf));

    SHOW(close(outer));
    SHOW(close(ep));
    return 0;
}
