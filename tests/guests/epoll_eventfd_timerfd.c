/* epoll over eventfd and timerfd: counters read as events, timers ending waits,
 * timeouts, and epoll_pwait/epoll_pwait2 under a signal mask. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void wait_show(const char *what, int ep, int timeout)
{
    struct epoll_event evs[4];
    int n = epoll_wait(ep, evs, 4, timeout);
    printf("%s: %d", what, n);
    if (n < 0)
        printf(" %s", errno == EINTR ? "EINTR" : "other");
    for (int i = 0; i < n; i++)
        printf(" [tag %lu events %x]", (unsigned long)evs[i].data.u64, evs[i].events);
    printf("\n");
}

static long elapsed_ms(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t v;
    int ep = epoll_create1(0);
    int e = eventfd(0, EFD_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 };
    epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
    wait_show("eventfd zero", ep, 0);
    v = 3;
    write(e, &v, 8);
    wait_show("eventfd three", ep, 0);
    wait_show("eventfd still three", ep, 0);
    read(e, &v, 8);
    printf("read %lu\n", (unsigned long)v);
    wait_show("eventfd read", ep, 0);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.u64 = 2 };
    epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev);
    wait_show("eventfd edge, writable", ep, 0);
    wait_show("eventfd edge, nothing new", ep, 0);
    v = 1;
    write(e, &v, 8);
    wait_show("eventfd edge, written", ep, 0);
    epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL);
    read(e, &v, 8);

    /* a timer ends a wait without a timeout */
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 3 };
    epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev);
    struct itimerspec its = { { 0, 0 }, { 0, 40000000 } };
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    timerfd_settime(t, 0, &its, NULL);
    wait_show("timer armed", ep, 0);
    wait_show("timer fired", ep, -1);
    printf("waited at least 35 ms: %d\n", elapsed_ms(&start) >= 35);
    read(t, &v, 8);
    printf("expirations %lu\n", (unsigned long)v);
    wait_show("timer read", ep, 0);

    /* a periodic timer, edge-triggered, read each time */
    its = (struct itimerspec){ { 0, 20000000 }, { 0, 20000000 } };
    timerfd_settime(t, 0, &its, NULL);
    ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.u64 = 4 };
    epoll_ctl(ep, EPOLL_CTL_MOD, t, &ev);
    for (int i = 0; i < 3; i++) {
        wait_show("periodic", ep, 5000);
        read(t, &v, 8);
    }
    its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
    timerfd_settime(t, 0, &its, NULL);

    /* a timeout with nothing ready */
    clock_gettime(CLOCK_MONOTONIC, &start);
    wait_show("timeout 50 ms", ep, 50);
    printf("waited at least 45 ms: %d\n", elapsed_ms(&start) >= 45);
    struct timespec ts = { 0, 30000000 };
    struct epoll_event evs[2];
    printf("epoll_pwait2 30 ms: %ld\n", syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8));
    ts.tv_nsec = 2000000000L;
    long r = syscall(SYS_epoll_pwait2, ep, evs, 2, &ts, NULL, 8);
    printf("epoll_pwait2 bad time: %ld %s\n", r, r < 0 && errno == EINVAL ? "EINVAL" : "other");

    /* epoll_pwait: SIGALRM blocked outside, let through during the wait */
    struct sigaction sa = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &sa, NULL);
    sigset_t block, during;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    usleep(60000);
    printf("alarms while blocked: %d\n", alarms);
    sigemptyset(&during);
    r = epoll_pwait(ep, evs, 2, 5000, &during);
    printf("epoll_pwait: %ld %s, alarms %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "other", alarms);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("mask restored: %d\n", sigismember(&now, SIGALRM));
    r = epoll_pwait(ep, evs, 2, 20, &during);
    printf("epoll_pwait without a signal: %ld\n", r);
    r = syscall(SYS_epoll_pwait, ep, evs, 2, 0, &during, 4);
    printf("epoll_pwait bad mask size: %ld %s\n", r, r < 0 && errno == EINVAL ? "EINVAL" : "other");
    return 0;
}
