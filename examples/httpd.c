/*
 * A small HTTP/1.1 file server: GET and HEAD of the files under one directory,
 * persistent connections and pipelined requests, one thread around epoll.
 *
 *   httpd [-p PORT] [-n COUNT] DIR
 *
 * -n ends the server (status 0) after COUNT responses, so a test or a benchmark
 * can stop it cleanly. One log line per response goes to stdout.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_REQUEST 8192    /* request line and headers */
#define CHUNK 16384

struct conn {
    int fd;
    char in[MAX_REQUEST];
    size_t in_len;
    char head[1024];        /* the response's status line and headers */
    size_t head_len, head_off;
    int file;               /* the body's file, or -1 */
    off_t body_left;
    const char *body;       /* or a short literal body */
    size_t body_len;
    bool close_after;       /* Connection: close, or an HTTP/1.0 client */
    bool writing;
};

static int root;            /* the served directory */
static long responses_left = -1;
static int ep;

static const char *content_type(const char *path)
{
    static const char *const types[][2] = {
        { ".html", "text/html" }, { ".htm", "text/html" }, { ".txt", "text/plain" },
        { ".css", "text/css" }, { ".js", "text/javascript" }, { ".json", "application/json" },
        { ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
        { ".gif", "image/gif" }, { ".svg", "image/svg+xml" }, { ".ico", "image/x-icon" },
    };
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (!strcasecmp(dot, types[i][0]))
                return types[i][1];
    return "application/octet-stream";
}

static void watch(struct conn *c, unsigned events, int op)
{
    struct epoll_event ev = { .events = events, .data.ptr = c };
    epoll_ctl(ep, op, c->fd, &ev);
}

static void conn_close(struct conn *c)
{
    if (c->file >= 0)
        close(c->file);
    close(c->fd);   /* also ends its epoll watch */
    free(c);
}

static void respond(struct conn *c, int status, const char *reason, const char *type, off_t length,
                    bool head_only)
{
    c->head_len = (size_t)snprintf(c->head, sizeof c->head,
                                   "HTTP/1.1 %d %s\r\nServer: rumprun-httpd\r\nContent-Type: %s\r\n"
                                   "Content-Length: %lld\r\n%s\r\n",
                                   status, reason, type, (long long)length,
                                   c->close_after ? "Connection: close\r\n" : "");
    c->head_off = 0;
    if (head_only) {
        if (c->file >= 0)
            close(c->file);
        c->file = -1;
        c->body_len = 0;
        c->body_left = 0;
    }
}

static void error_page(struct conn *c, int status, const char *reason, bool head_only)
{
    static char text[64];
    snprintf(text, sizeof text, "%d %s\n", status, reason);
    c->body = text;
    c->body_len = strlen(text);
    respond(c, status, reason, "text/plain", (off_t)c->body_len, head_only);
}

static int unhex(int ch)
{
    return isdigit(ch) ? ch - '0' : isxdigit(ch) ? (tolower(ch) - 'a' + 10) : -1;
}

/* The file a request path names, relative to the served directory, or NULL:
 * percent escapes decoded, the query dropped, no ".." and no NUL. */
static char *file_path(const char *target, size_t len)
{
    char *out = malloc(len + sizeof "index.html" + 1);
    size_t n = 0;
    if (!out || len == 0 || target[0] != '/')
        goto bad;
    for (size_t i = 1; i < len && target[i] != '?' && target[i] != '#'; i++) {
        int ch = (unsigned char)target[i];
        if (ch == '%') {
            int hi = i + 2 < len ? unhex(target[i + 1]) : -1, lo = hi >= 0 ? unhex(target[i + 2]) : -1;
            if (lo < 0 || (hi == 0 && lo == 0))
                goto bad;
            ch = hi * 16 + lo;
            i += 2;
        }
        out[n++] = (char)ch;
    }
    out[n] = '\0';
    for (char *seg = out; *seg;) {
        size_t sl = strcspn(seg, "/");
        if (sl == 2 && seg[0] == '.' && seg[1] == '.')
            goto bad;
        seg += sl;
        while (*seg == '/')
            seg++;
    }
    if (n == 0 || out[n - 1] == '/')
        strcpy(out + n, "index.html");
    return out;
bad:
    free(out);
    return NULL;
}

/* A header's value in the request headers (NUL-terminated, after the request line). */
static bool header_has(const char *headers, const char *name, const char *word)
{
    size_t nl = strlen(name);
    for (const char *h = headers; *h; h = strchr(h, '\n') ? strchr(h, '\n') + 1 : h + strlen(h)) {
        if (strncasecmp(h, name, nl) || h[nl] != ':')
            continue;
        const char *end = strchr(h, '\r');
        size_t vl = end ? (size_t)(end - h) : strlen(h);
        char value[256];
        snprintf(value, sizeof value, "%.*s", (int)vl, h);
        if (strcasestr(value + nl + 1, word))
            return true;
    }
    return false;
}

/* One complete request in c->in (length len, headers end included): prepares its response. */
static void handle(struct conn *c, size_t len)
{
    char *req = c->in;
    req[len - 2] = '\0';   /* the final CRLF of the header block */
    char *line_end = strstr(req, "\r\n");
    const char *headers = line_end ? line_end + 2 : "";
    if (line_end)
        *line_end = '\0';
    char *sp1 = strchr(req, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    c->file = -1;
    c->body = NULL;
    c->body_len = 0;
    c->body_left = 0;
    if (!sp1 || !sp2 || strncmp(sp2 + 1, "HTTP/1.", 7)) {
        c->close_after = true;
        error_page(c, 400, "Bad Request", false);
        printf("- - 400\n");
        return;
    }
    *sp1 = '\0';
    *sp2 = '\0';
    bool http10 = !strcmp(sp2 + 1, "HTTP/1.0");
    c->close_after = http10 ? !header_has(headers, "Connection", "keep-alive")
                            : header_has(headers, "Connection", "close");
    bool head = !strcmp(req, "HEAD");
    char *path = file_path(sp1 + 1, strlen(sp1 + 1));
    if (!head && strcmp(req, "GET")) {
        error_page(c, 501, "Not Implemented", false);
    } else if (!path) {
        error_page(c, 400, "Bad Request", head);
    } else {
        int fd = openat(root, path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            c->file = fd;
            c->body_left = st.st_size;
            respond(c, 200, "OK", content_type(path), st.st_size, head);
        } else {
            if (fd >= 0)
                close(fd);
            bool denied = errno == EACCES;
            error_page(c, denied ? 403 : 404, denied ? "Forbidden" : "Not Found", head);
        }
    }
    int status = atoi(c->head + 9);
    printf("%s %s %d\n", req, sp1 + 1, status);
    free(path);
}

/* The end of the first complete request in the input, or 0. */
static size_t request_end(const struct conn *c)
{
    for (size_t i = 3; i < c->in_len; i++)
        if (c->in[i] == '\n' && c->in[i - 1] == '\r' && c->in[i - 2] == '\n' && c->in[i - 3] == '\r')
            return i + 1;
    return 0;
}

static void start_next(struct conn *c);

/* Sends what it can; false when the connection is finished with. */
static bool send_some(struct conn *c)
{
    static char buf[CHUNK];
    while (c->head_off < c->head_len) {
        ssize_t n = send(c->fd, c->head + c->head_off, c->head_len - c->head_off, MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR;
        c->head_off += (size_t)n;
    }
    while (c->body_len > 0) {
        ssize_t n = send(c->fd, c->body, c->body_len, MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR;
        c->body += n;
        c->body_len -= (size_t)n;
    }
    while (c->body_left > 0) {
        size_t want = c->body_left < CHUNK ? (size_t)c->body_left : CHUNK;
        off_t at = lseek(c->file, 0, SEEK_CUR);
        ssize_t got = read(c->file, buf, want);
        if (got <= 0)
            return false;   /* the file shrank: the promised length cannot be kept */
        ssize_t n = send(c->fd, buf, (size_t)got, MSG_NOSIGNAL);
        if (n < 0) {
            lseek(c->file, at, SEEK_SET);
            return errno == EAGAIN || errno == EINTR;
        }
        if (n < got)
            lseek(c->file, at + n, SEEK_SET);
        c->body_left -= n;
    }
    /* the response is complete */
    fflush(stdout);
    if (c->file >= 0)
        close(c->file);
    c->file = -1;
    c->writing = false;
    /* what was written still reaches the client after exit, as from any process */
    if (responses_left > 0 && --responses_left == 0)
        exit(0);
    if (c->close_after)
        return false;
    start_next(c);
    return true;
}

/* Takes the next pipelined request, if one is complete, or waits for more input. */
static void start_next(struct conn *c)
{
    size_t end = request_end(c);
    if (!end) {
        watch(c, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_MOD);
        return;
    }
    handle(c, end);   /* it works in place, inside the request's own bytes */
    memmove(c->in, c->in + end, c->in_len - end);
    c->in_len -= end;
    c->writing = true;
    watch(c, EPOLLOUT, EPOLL_CTL_MOD);
}

static void on_readable(struct conn *c)
{
    for (;;) {
        if (c->in_len == sizeof c->in) {
            if (request_end(c))
                break;
            c->close_after = true;
            c->file = -1;
            error_page(c, 431, "Request Header Fields Too Large", false);
            c->writing = true;
            c->in_len = 0;
            watch(c, EPOLLOUT, EPOLL_CTL_MOD);
            return;
        }
        ssize_t n = recv(c->fd, c->in + c->in_len, sizeof c->in - c->in_len, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            conn_close(c);
            return;
        }
        if (n < 0)
            break;
        c->in_len += (size_t)n;
    }
    if (!c->writing)
        start_next(c);
}

static void accept_all(int lfd)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        struct conn *c = calloc(1, sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->file = -1;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        watch(c, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: httpd [-p PORT] [-n COUNT] DIR\n");
    return 2;
}

int main(int argc, char **argv)
{
    int port = 8080, opt;
    while ((opt = getopt(argc, argv, "p:n:")) != -1) {
        if (opt == 'p')
            port = atoi(optarg);
        else if (opt == 'n')
            responses_left = atol(optarg);
        else
            return usage();
    }
    if (optind != argc - 1 || port <= 0 || port > 65535)
        return usage();
    root = open(argv[optind], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        perror(argv[optind]);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 64)) {
        perror("httpd: listening");
        return 1;
    }
    ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    printf("httpd: serving %s on port %d\n", argv[optind], port);
    fflush(stdout);
    for (;;) {
        struct epoll_event evs[64];
        int n = epoll_wait(ep, evs, 64, -1);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (!c) {
                accept_all(lfd);
            } else if (c->writing) {
                if (!send_some(c))
                    conn_close(c);
            } else if (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                on_readable(c);
            }
        }
    }
}
