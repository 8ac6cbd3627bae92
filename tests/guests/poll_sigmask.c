/* ppoll and pselect wait under the mask they are given: a blocked pending signal is
 * taken during the wait (EINTR), and the caller's mask is back afterwards. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
    (void)sig;
    caught++;
}

static int usr1_blocked(void)
{
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    return sigismember(&now, SIGUSR1);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);

    int p[2];
    pipe(p);
    struct pollfd pf = { p[0], POLLIN, 0 };
    struct timespec ts = { 2, 0 };
    raise(SIGUSR1);
    printf("pending, not caught: %d\n", caught);
    int r = ppoll(&pf, 1, &ts, &empty);
    printf("ppoll = %d %s, caught %d, blocked again %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "-", caught, usr1_blocked());

    /* with the signal still blocked in the wait's mask, the timeout ends it */
    raise(SIGUSR1);
    ts = (struct timespec){ 0, 20000000 };
    r = ppoll(&pf, 1, &ts, &block);
    printf("ppoll under the blocking mask = %d, caught %d\n", r, caught);

    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    ts = (struct timespec){ 2, 0 };
    r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty);
    printf("pselect = %d %s, caught %d, blocked again %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "-", caught, usr1_blocked());

    /* a descriptor ready at once: no wait, the mask only comes and goes */
    write(p[1], "x", 1);
    r = ppoll(&pf, 1, &ts, &empty);
    printf("ready ppoll = %d, blocked again %d\n", r, usr1_blocked());
    return 0;
}
