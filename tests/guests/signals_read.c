/* A blocking read of the console interrupted by SIGALRM: with SA_RESTART
 * ("restart") the read goes on and returns the input that comes later;
 * without ("eintr") it fails with EINTR. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

int main(int argc, char **argv)
{
    int restart = argc > 1 && strcmp(argv[1], "restart") == 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    char buf[64];
    ssize_t n = read(0, buf, sizeof(buf));
    int e = errno;
    if (n < 0)
        printf("read failed: %s, handler ran %d\n", e == EINTR ? "EINTR" : strerror(e), alarms);
    else
        printf("read returned %zd bytes after the handler ran %d\n", n, alarms);
    return 0;
}
