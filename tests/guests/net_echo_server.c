/* A TCP server for the host: prints its address, then echoes each connection's bytes in upper case
 * until a line "quit" arrives, then exits. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 8) < 0) {
        printf("listen: %s\n", strerror(errno));
        return 1;
    }
    FILE *hosts = fopen("/etc/resolv.conf", "r");
    char line[128];
    while (hosts && fgets(line, sizeof(line), hosts))
        printf("resolv.conf: %s", line);
    printf("listening on port %d\n", port);
    fflush(stdout);
    for (;;) {
        struct sockaddr_in peer;
        socklen_t len = sizeof(peer);
        int c = accept(ls, (struct sockaddr *)&peer, &len);
        if (c < 0) {
            printf("accept: %s\n", strerror(errno));
            return 1;
        }
        char buf[2048];
        long n, total = 0;
        int quit = 0;
        while ((n = read(c, buf, sizeof(buf))) > 0) {
            if (memmem(buf, n, "quit", 4))
                quit = 1;
            for (long i = 0; i < n; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            for (long off = 0; off < n;) {
                long w = write(c, buf + off, n - off);
                if (w < 0)
                    break;
                off += w;
            }
            total += n;
            if (quit)
                break;
        }
        close(c);
        printf("connection done: %ld bytes\n", total);
        fflush(stdout);
        if (quit)
            return 0;
    }
}
