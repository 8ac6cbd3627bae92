/*
 * firstreply PORT -- COMMAND [ARGS...]: starts COMMAND (its stdout to /dev/null) and prints the milliseconds from its
 * start to the first "HTTP/1.x 200" answer to a GET / on 127.0.0.1:PORT, then ends COMMAND
 * with SIGTERM and waits for it.
 * firstreply 0 -- COMMAND [ARGS...]: prints the milliseconds from COMMAND's start to its exit.
 *
 * A forwarded port is accepted by the hypervisor's user networking before the guest listens,
 * so a connection alone proves nothing, and an early one may hang until its retransmission:
 * a new attempt starts every 5 ms and every open attempt is watched at once, so the answer of
 * the first one the guest can serve is seen within milliseconds. Exit status 0 on an answer
 * (or, with PORT 0, COMMAND's own status); 1 when COMMAND ended first or 60 s passed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ATTEMPTS 64             /* open at once */
#define ATTEMPT_EVERY_MS 5
#define ATTEMPT_LIFE_MS 2000
#define GIVE_UP_MS 60000

struct attempt {
    int fd;                     /* -1: free */
    double started;
    int sent;
    char reply[16];
    size_t got;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void drop(struct attempt *a)
{
    close(a->fd);
    a->fd = -1;
}

static void start(struct attempt *a, const struct sockaddr_in *to)
{
    a->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    a->started = now_ms();
    a->sent = 0;
    a->got = 0;
    if (a->fd >= 0 && connect(a->fd, (const struct sockaddr *)to, sizeof *to) && errno != EINPROGRESS)
        drop(a);
}

/* Advances one attempt after poll; returns 1 when it read a 200. */
static int step(struct attempt *a, short revents)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (revents & (POLLERR | POLLNVAL)) {
        drop(a);
        return 0;
    }
    if (!a->sent && (revents & POLLOUT)) {
        if (send(a->fd, req, sizeof req - 1, MSG_NOSIGNAL) != (ssize_t)(sizeof req - 1)) {
            drop(a);
            return 0;
        }
        a->sent = 1;
    }
    if (a->sent && (revents & (POLLIN | POLLHUP))) {
        ssize_t n = recv(a->fd, a->reply + a->got, sizeof a->reply - a->got, 0);
        if (n <= 0) {
            drop(a);
            return 0;
        }
        a->got += (size_t)n;
        if (a->got >= 12)
            return !strncmp(a->reply, "HTTP/1.", 7) && !strncmp(a->reply + 8, " 200", 4) ? 1 : (drop(a), 0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || strcmp(argv[2], "--")) {
        fprintf(stderr, "usage: firstreply PORT -- COMMAND [ARGS...]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    double t0 = now_ms();
    pid_t child = fork();
    if (child == 0) {
        /* The command's own output would mix with the figure on stdout. */
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execvp(argv[3], argv + 3);
        fprintf(stderr, "firstreply: cannot run %s: %s\n", argv[3], strerror(errno));
        _exit(127);
    }
    if (child < 0) {
        perror("firstreply: fork");
        return 2;
    }
    int status;
    if (port == 0) {
        waitpid(child, &status, 0);
        printf("%.1f\n", now_ms() - t0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    struct attempt at[ATTEMPTS];
    for (int i = 0; i < ATTEMPTS; i++)
        at[i].fd = -1;
    double next = now_ms();
    int answered = 0;
    while (!answered && now_ms() - t0 < GIVE_UP_MS) {
        if (waitpid(child, &status, WNOHANG) == child) {
            fprintf(stderr, "firstreply: %s ended before any answer on port %d\n", argv[3], port);
            return 1;
        }
        double t = now_ms();
        struct pollfd pfd[ATTEMPTS];
        for (int i = 0; i < ATTEMPTS; i++) {
            if (at[i].fd >= 0 && t - at[i].started > ATTEMPT_LIFE_MS)
                drop(&at[i]);
            if (at[i].fd < 0 && t >= next) {
                start(&at[i], &to);
                next = t + ATTEMPT_EVERY_MS;
            }
            pfd[i].fd = at[i].fd;
            pfd[i].events = at[i].sent ? POLLIN : POLLOUT;
            pfd[i].revents = 0;
        }
        int wait = (int)(next - now_ms());
        poll(pfd, ATTEMPTS, wait < 1 ? 1 : wait);
        for (int i = 0; i < ATTEMPTS && !answered; i++)
            if (at[i].fd >= 0 && pfd[i].revents)
                answered = step(&at[i], pfd[i].revents);
    }
    double ms = now_ms() - t0;
    for (int i = 0; i < ATTEMPTS; i++)
        if (at[i].fd >= 0)
            close(at[i].fd);
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
    if (!answered) {
        fprintf(stderr, "firstreply: no answer on port %d within %d s\n", port, GIVE_UP_MS / 1000);
        return 1;
    }
    printf("%.1f\n", ms);
    return 0;
}
