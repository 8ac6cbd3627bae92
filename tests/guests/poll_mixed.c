/* poll, ppoll, select and pselect over pipes, a regular file, /dev nodes and bad
 * descriptors together, with and without timeouts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void show(struct pollfd *p, int n, int r)
{
    printf("poll = %d:", r);
    for (int i = 0; i < n; i++)
        printf(" %x", p[i].revents);
    printf("\n");
}

int main(void)
{
    int p[2];
    pipe(p);
    char path[64];
    snprintf(path, sizeof path, "/tmp/rr-poll-%d", (int)getpid());
    int f = open(path, O_CREAT | O_RDWR, 0600);
    int null = open("/dev/null", O_RDWR);
    int zero = open("/dev/zero", O_RDONLY);

    struct pollfd fds[7] = {
        { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { f, POLLIN | POLLOUT, 0 }, { null, POLLIN | POLLOUT, 0 },
        { zero, POLLIN, 0 }, { 99, POLLIN, 0 }, { -1, POLLIN, 0 },
    };
    show(fds, 7, poll(fds, 7, 0));
    write(p[1], "x", 1);
    fds[1].events = 0;
    show(fds, 7, poll(fds, 7, 1000));

    /* a timeout with nothing ready */
    char c;
    read(p[0], &c, 1);
    struct pollfd one = { p[0], POLLIN, 0 };
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = poll(&one, 1, 60);
    printf("timed out: %d after at least 60 ms: %d\n", r, ms_since(&t0) >= 60);
    struct timespec ts = { 0, 30000000 };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = ppoll(&one, 1, &ts, NULL);
    printf("ppoll timed out: %d after at least 30 ms: %d\n", r, ms_since(&t0) >= 30);
    ts.tv_nsec = 1000000000;
    r = ppoll(&one, 1, &ts, NULL);
    printf("ppoll bad timeout: %d %s\n", r, errno == EINVAL ? "EINVAL" : "other");

    /* hang-up and error conditions */
    close(p[1]);
    show(&one, 1, poll(&one, 1, 0));
    int q[2];
    pipe(q);
    close(q[0]);
    struct pollfd w = { q[1], POLLOUT, 0 };
    show(&w, 1, poll(&w, 1, 0));
    w.events = 0;
    show(&w, 1, poll(&w, 1, 0));

    /* select */
    int s[2];
    pipe(s);
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(s[0], &rd);
    FD_SET(s[1], &wr);
    FD_SET(f, &rd);
    struct timeval tv = { 0, 0 };
    r = select(s[1] + 1, &rd, &wr, NULL, &tv);
    printf("select = %d: pipe readable %d, pipe writable %d, file readable %d\n", r, FD_ISSET(s[0], &rd),
           FD_ISSET(s[1], &wr), FD_ISSET(f, &rd));
    FD_ZERO(&rd);
    FD_SET(s[0], &rd);
    tv.tv_usec = 40000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = select(s[0] + 1, &rd, NULL, NULL, &tv);
    printf("select timed out: %d after at least 40 ms: %d, left %ld.%06ld\n", r, ms_since(&t0) >= 40, (long)tv.tv_sec,
           (long)tv.tv_usec);
    write(s[1], "y", 1);
    FD_SET(s[0], &rd);
    ts = (struct timespec){ 1, 0 };
    r = pselect(s[0] + 1, &rd, NULL, NULL, &ts, NULL);
    printf("pselect = %d readable %d\n", r, FD_ISSET(s[0], &rd));
    FD_ZERO(&rd);
    FD_SET(98, &rd);
    r = select(99, &rd, NULL, NULL, &tv);
    printf("select on a closed descriptor: %d %s\n", r, errno == EBADF ? "EBADF" : "other");
    r = select(-1, NULL, NULL, NULL, &tv);
    printf("select with nfds -1: %d %s\n", r, errno == EINVAL ? "EINVAL" : "other");
    tv = (struct timeval){ 0, 20000 };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r = select(0, NULL, NULL, NULL, &tv);
    printf("select as a sleep: %d after at least 20 ms: %d\n", r, ms_since(&t0) >= 20);
    unlink(path);
    return 0;
}
