/*
 * Linked beside a server that is being measured (bench/net.sh links it into examples/httpd.c's
 * guest build), it answers every TCP connection on MEMPROBE_PORT (default 9099) with the
 * contents of /proc/meminfo as an HTTP/1.0 response, from a thread of its own.
 *
 * The server itself cannot report its memory: /proc files have size 0, like Linux's, and a
 * file server sends Content-Length: 0 for them. A second port keeps these reads out of the
 * measured server's counts and logs, and the server's source stays unchanged.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void answer(int fd)
{
    char req[1024];
    /* One read is enough: the request's contents do not matter, only that it arrived. */
    if (recv(fd, req, sizeof req, 0) <= 0)
        return;
    char body[4096];
    size_t len = 0;
    int mi = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
    if (mi >= 0) {
        ssize_t n;
        while (len < sizeof body && (n = read(mi, body + len, sizeof body - len)) > 0)
            len += (size_t)n;
        close(mi);
    }
    char head[128];
    int hl = snprintf(head, sizeof head,
                      "HTTP/1.0 %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
                      mi >= 0 ? "200 OK" : "500 Internal Server Error", len);
    write_all(fd, head, (size_t)hl);
    write_all(fd, body, len);
    /* Half-close first so the reply is on its way before the socket goes. */
    shutdown(fd, SHUT_WR);
    while (recv(fd, req, sizeof req, 0) > 0)
        ;
}

static void *serve(void *arg)
{
    int lfd = (int)(long)arg;
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            continue;
        struct timeval tv = { .tv_sec = 5 };
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        answer(fd);
        close(fd);
    }
    return NULL;
}

__attribute__((constructor)) static void memprobe_start(void)
{
    const char *env = getenv("MEMPROBE_PORT");
    int port = env ? atoi(env) : 9099;
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "memprobe: MEMPROBE_PORT=%s is not a port number (1-65535)\n", env);
        exit(2);
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 4)) {
        perror("memprobe: listening");
        exit(2);
    }
    pthread_t t;
    if (pthread_create(&t, NULL, serve, (void *)(long)lfd)) {
        fprintf(stderr, "memprobe: cannot start its thread\n");
        exit(2);
    }
    pthread_detach(t);
}
