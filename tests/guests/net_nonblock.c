/* Non-blocking connect (EINPROGRESS, poll, SO_ERROR), refused connections, poll over a socket and a pipe,
 * MSG_PEEK and FIONREAD on a stream, a blocking accept interrupted by a signal, and one timed out. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void on_alarm(int sig)
{
    (void)sig;
}

int main(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(8080), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    bind(ls, (struct sockaddr *)&sa, sizeof(sa));
    listen(ls, 8);
    int r = accept(ls, NULL, NULL);
    printf("accept with nobody waiting: %d %s\n", r, strerror(errno));

    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    r = connect(c, (struct sockaddr *)&sa, sizeof(sa));
    printf("non-blocking connect: %d %s\n", r, r < 0 ? strerror(errno) : "connected at once");
    struct pollfd p = { c, POLLOUT, 0 };
    r = poll(&p, 1, 5000);
    int err = -1;
    socklen_t len = sizeof(err);
    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
    printf("poll: %d, POLLOUT %d, SO_ERROR %d\n", r, (p.revents & POLLOUT) != 0, err);

    struct pollfd lp = { ls, POLLIN, 0 };
    printf("listener readable: %d\n", poll(&lp, 1, 5000));
    int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
    printf("accepted: %d, non-blocking %d\n", s >= 0, (fcntl(s, F_GETFL) & O_NONBLOCK) != 0);

    int pfd[2];
    pipe(pfd);
    struct pollfd set[2] = { { s, POLLIN, 0 }, { pfd[0], POLLIN, 0 } };
    printf("nothing ready: %d\n", poll(set, 2, 50));
    write(pfd[1], "p", 1);
    r = poll(set, 2, 1000);
    printf("pipe ready: %d (socket %d, pipe %d)\n", r, set[0].revents, set[1].revents);
    send(c, "hello", 5, 0);
    r = poll(set, 2, 1000);
    printf("both ready: %d (socket %d, pipe %d)\n", r, set[0].revents, set[1].revents);
    int avail = 0;
    ioctl(s, FIONREAD, &avail);
    char buf[16];
    long n = recv(s, buf, sizeof(buf), MSG_PEEK);
    printf("FIONREAD %d, peek %.*s\n", avail, (int)n, buf);
    n = recv(s, buf, sizeof(buf), 0);
    long again = recv(s, buf + 8, 8, 0);
    printf("recv %.*s, then %ld %s\n", (int)n, buf, again, strerror(errno));
    close(c);
    struct pollfd hp = { s, POLLIN, 0 };
    poll(&hp, 1, 2000);
    printf("after the peer closed: POLLIN %d, read %ld\n", (hp.revents & POLLIN) != 0, (long)read(s, buf, sizeof(buf)));
    close(s);

    int d = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in closed = sa;
    closed.sin_port = htons(9);
    r = connect(d, (struct sockaddr *)&closed, sizeof(closed));
    printf("connect to a closed port: %d %s\n", r, strerror(errno));
    close(d);

    signal(SIGALRM, on_alarm);
    struct sigaction act = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &act, NULL);
    fcntl(ls, F_SETFL, 0);
    struct itimerval it = { .it_value = { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    r = accept(ls, NULL, NULL);
    printf("blocking accept with a signal: %d %s\n", r, strerror(errno));
    struct timeval tv = { 0, 100000 };
    setsockopt(ls, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    r = accept(ls, NULL, NULL);
    printf("accept with SO_RCVTIMEO: %d %s\n", r, strerror(errno));
    close(ls);
    return 0;
}
