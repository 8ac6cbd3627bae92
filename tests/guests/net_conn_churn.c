/* Serves COUNT short connections one after another (read a line, answer "ok", close first, as an HTTP
 * server with Connection: close does) and reports the guest's free memory after WARMUP of them and at
 * the end, with the sockets it still has: what the connections used must all come back.
 *   net_conn_churn PORT WARMUP COUNT */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static long mem_free_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long kb = -1;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static int serve(int ls)
{
    int c = accept(ls, NULL, NULL);
    if (c < 0) {
        printf("accept: %s\n", strerror(errno));
        return -1;
    }
    char buf[256];
    long n, got = 0;
    while ((n = read(c, buf, sizeof(buf))) > 0) {
        got += n;
        if (memchr(buf, '\n', (size_t)n))
            break;
    }
    if (got > 0 && write(c, "ok\n", 3) != 3)
        printf("write: %s\n", strerror(errno));
    close(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: net_conn_churn PORT WARMUP COUNT\n");
        return 2;
    }
    int port = atoi(argv[1]);
    long warmup = atol(argv[2]), count = atol(argv[3]);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 64) < 0) {
        printf("listen: %s\n", strerror(errno));
        return 1;
    }
    printf("listening on port %d, MemFree %ld kB\n", port, mem_free_kb());
    fflush(stdout);
    long before = 0;
    for (long i = 0; i < count; i++) {
        if (i == warmup) {
            before = mem_free_kb();
            printf("after %ld connections: MemFree %ld kB\n", i, before);
            fflush(stdout);
        }
        if (serve(ls) < 0)
            return 1;
    }
    long after = mem_free_kb();
    printf("after %ld connections: MemFree %ld kB\n", count, after);
    printf("difference: %ld kB\n", before - after);
    return 0;
}
