/* eventfd and timerfd: counters, semaphore mode, limits, expirations read and polled. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errno == EAGAIN ? "EAGAIN" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF" : "other");
    else
        printf("%s = %ld\n", what, r);
}
#define SHOW(expr) report(#expr, (long)(expr))

int main(void)
{
    uint64_t v = 0;
    int e = eventfd(3, EFD_NONBLOCK);
    SHOW(read(e, &v, 8));
    printf("value %lu\n", (unsigned long)v);
    SHOW(read(e, &v, 8));
    SHOW(read(e, &v, 4));
    v = 5;
    SHOW(write(e, &v, 8));
    SHOW(write(e, &v, 8));
    struct pollfd p = { e, POLLIN | POLLOUT, 0 };
    SHOW(poll(&p, 1, 0));
    printf("revents %x\n", p.revents);
    SHOW(read(e, &v, 8));
    printf("value %lu\n", (unsigned long)v);
    v = UINT64_MAX;
    SHOW(write(e, &v, 8));
    v = UINT64_MAX - 1;
    SHOW(write(e, &v, 8));
    v = 1;
    SHOW(write(e, &v, 8));
    p.revents = 0;
    SHOW(poll(&p, 1, 0));
    printf("revents %x\n", p.revents);
    close(e);
    int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    SHOW(read(s, &v, 8));
    printf("value %lu\n", (unsigned long)v);
    SHOW(read(s, &v, 8));
    SHOW(read(s, &v, 8));
    SHOW(eventfd(0, 0x1234));
    close(s);

    int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    SHOW(read(t, &v, 8));
    struct itimerspec its = { { 0, 20000000 }, { 0, 30000000 } }, cur;
    SHOW(timerfd_settime(t, 0, &its, NULL));
    SHOW(timerfd_gettime(t, &cur));
    printf("interval %ld ns, value at most 30 ms: %d\n", cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 30000000);
    p = (struct pollfd){ t, POLLIN, 0 };
    SHOW(poll(&p, 1, 1000));
    SHOW(read(t, &v, 8));
    printf("at least one expiry: %d\n", v >= 1);
    struct timespec nap = { 0, 100000000 };
    nanosleep(&nap, NULL);
    SHOW(read(t, &v, 8));
    printf("several expiries after 100 ms: %d\n", v >= 4);
    its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
    SHOW(timerfd_settime(t, 0, &its, &cur));
    printf("old interval %ld\n", cur.it_interval.tv_nsec);
    SHOW(read(t, &v, 8));
    SHOW(timerfd_settime(t, 0x10, &its, NULL));
    its.it_value.tv_nsec = 1000000000;
    SHOW(timerfd_settime(t, 0, &its, NULL));
    SHOW(timerfd_settime(0, 0, &its, NULL));
    SHOW(timerfd_create(12345, 0));
    close(t);

    /* a blocking read of an absolute one-shot timer on the real-time clock */
    int r = timerfd_create(CLOCK_REALTIME, 0);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_nsec += 50000000;
    if (now.tv_nsec >= 1000000000) {
        now.tv_sec++;
        now.tv_nsec -= 1000000000;
    }
    its = (struct itimerspec){ { 0, 0 }, now };
    SHOW(timerfd_settime(r, TFD_TIMER_ABSTIME, &its, NULL));
    SHOW(read(r, &v, 8));
    printf("expiries %lu\n", (unsigned long)v);
    SHOW(timerfd_gettime(r, &cur));
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    return 0;
}
