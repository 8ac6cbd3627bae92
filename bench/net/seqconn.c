/*
 * seqconn [-s] PORT COUNT [PATH]: COUNT HTTP requests to 127.0.0.1:PORT, one connection each, one
 * after the other: connect, send "GET PATH", read the whole reply (its Content-Length), close.
 * By default the client closes first, as a browser or a keep-alive client does. With -s the request
 * says Connection: close and the client reads until the server has closed, so the server's side of
 * every connection goes through TIME_WAIT (the server closed first).
 * Counts every failure by kind (the first few are described on stderr, with the client's port) and
 * prints one summary line:
 *   connections N ok N failed N (connect N, send N, timeout N, reset N, empty N, status N, short N)
 *   seconds S per_second R p50_ms A p90_ms B p99_ms C
 * The latency is connect to the reply's last byte. Exit status 0 when nothing failed, 1 otherwise.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum failure { F_CONNECT, F_SEND, F_TIMEOUT, F_RESET, F_EMPTY, F_STATUS, F_SHORT, F_KINDS };
static const char *const failure_names[F_KINDS] = { "connect", "send", "timeout", "reset", "empty",
                                                    "status", "short" };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Whether the reply in buf (len bytes) is a 200 with as many body bytes as its Content-Length. */
static int reply_check(const char *buf, size_t len)
{
    if (len < 12 || strncmp(buf, "HTTP/1.", 7) || strncmp(buf + 8, " 200", 4))
        return F_STATUS;
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    const char *cl = memmem(buf, len, "Content-Length:", 15);
    if (!end || !cl || cl > end)
        return F_SHORT;
    long want = strtol(cl + 15, NULL, 10);
    return (size_t)(end + 4 - buf) + (size_t)want == len ? -1 : F_SHORT;
}

/* Whether buf holds a whole reply: its headers and Content-Length bytes of body. */
static int reply_complete(const char *buf, size_t len)
{
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    const char *cl = end ? memmem(buf, (size_t)(end - buf), "Content-Length:", 15) : NULL;
    return cl && (size_t)(end + 4 - buf) + (size_t)strtol(cl + 15, NULL, 10) <= len;
}

static int server_closes;       /* -s */
static int last_port;           /* the client's port of the last connection, for messages */

/* One request; -1 on success, else the kind of failure. */
static int one(const struct sockaddr_in *to, const char *req, size_t req_len, char *buf, size_t cap)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return F_CONNECT;
    struct timeval tv = { .tv_sec = 10 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int result = -1;
    if (connect(fd, (const struct sockaddr *)to, sizeof *to)) {
        result = F_CONNECT;
        goto out;
    }
    struct sockaddr_in me;
    socklen_t me_len = sizeof me;
    if (!getsockname(fd, (struct sockaddr *)&me, &me_len))
        last_port = ntohs(me.sin_port);
    if (send(fd, req, req_len, MSG_NOSIGNAL) != (ssize_t)req_len) {
        result = F_SEND;
        goto out;
    }
    size_t len = 0;
    for (;;) {
        ssize_t n = recv(fd, buf + len, cap - len, 0);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            result = errno == EAGAIN ? F_TIMEOUT : F_RESET;
            goto out;
        }
        len += (size_t)n;
        if (!server_closes && reply_complete(buf, len))
            break;
        if (len == cap) {
            result = F_SHORT;
            goto out;
        }
    }
    result = len == 0 ? F_EMPTY : reply_check(buf, len);
out:
    close(fd);
    return result;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "-s")) {
        server_closes = 1;
        argv++;
        argc--;
    }
    if (argc < 3 || argc > 4 || atoi(argv[1]) <= 0 || atol(argv[2]) <= 0) {
        fprintf(stderr, "usage: seqconn [-s] PORT COUNT [PATH]\n");
        return 2;
    }
    long count = atol(argv[2]);
    const char *path = argc == 4 ? argv[3] : "/";
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    char req[512];
    int req_len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n", path,
                           server_closes ? "Connection: close\r\n" : "");
    static char buf[1 << 20];
    double *lat = malloc(sizeof *lat * (size_t)count);
    long failures[F_KINDS] = { 0 }, failed = 0, ok = 0;
    if (!lat) {
        fprintf(stderr, "seqconn: out of memory for %ld latencies\n", count);
        return 2;
    }
    double start = now_ms();
    for (long i = 0; i < count; i++) {
        double t = now_ms();
        int f = one(&to, req, (size_t)req_len, buf, sizeof buf);
        if (f < 0) {
            lat[ok++] = now_ms() - t;
            continue;
        }
        failures[f]++;
        if (failed++ < 10)
            fprintf(stderr, "seqconn: connection %ld (client port %d) failed: %s (errno %d, %s) after %.1f ms\n",
                    i + 1, last_port, failure_names[f], errno, strerror(errno), now_ms() - t);
    }
    double seconds = (now_ms() - start) / 1e3;
    qsort(lat, (size_t)ok, sizeof *lat, cmp_double);
#define PCT(p) (ok ? lat[(size_t)((ok - 1) * (p) / 100.0 + 0.5)] : 0.0)
    printf("connections %ld ok %ld failed %ld (", count, ok, failed);
    for (int k = 0; k < F_KINDS; k++)
        printf("%s%s %ld", k ? ", " : "", failure_names[k], failures[k]);
    printf(") seconds %.1f per_second %.0f p50_ms %.2f p90_ms %.2f p99_ms %.2f\n", seconds, count / seconds,
           PCT(50), PCT(90), PCT(99));
    return failed ? 1 : 0;
}
