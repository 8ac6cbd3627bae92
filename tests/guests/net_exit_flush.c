/* Sends and ends at once, without closing anything: what was sent must still reach the host.
 *   net_exit_flush tcp PORT BYTES exit|return|fault   accepts one connection, writes BYTES of a pattern, ends
 *   net_exit_flush tcp PORT 0 stuck                   writes until a write waits a second in vain, then exits
 *   net_exit_flush udp HOSTPORT COUNT SIZE            after the host's "go", sends COUNT numbered datagrams of SIZE bytes, ends
 * The pattern: byte i is (i * 7 + i / 4096) & 0xff, so a lost, doubled or reordered block shows. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static unsigned char pattern(long i)
{
    return (unsigned char)((i * 7 + i / 4096) & 0xff);
}

static int tcp(int port, long bytes, const char *how)
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 4) < 0) {
        printf("listen: %s\n", strerror(errno));
        return 1;
    }
    printf("listening on port %d\n", port);
    fflush(stdout);
    int c = accept(ls, NULL, NULL);
    if (c < 0) {
        printf("accept: %s\n", strerror(errno));
        return 1;
    }
    static unsigned char buf[65536];
    long sent = 0;
    if (strcmp(how, "stuck") == 0) {
        /* the peer reads nothing: fill everything between us, then leave data behind */
        struct timeval tv = { 1, 0 };
        setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        long w;
        while ((w = write(c, buf, sizeof(buf))) > 0)
            sent += w;
        printf("the peer stopped reading after %s\n", sent > 0 ? "some bytes" : "nothing");
        fflush(stdout);
        exit(4);
    }
    while (sent < bytes) {
        long n = bytes - sent < (long)sizeof(buf) ? bytes - sent : (long)sizeof(buf);
        for (long i = 0; i < n; i++)
            buf[i] = pattern(sent + i);
        long w = write(c, buf, n);
        if (w < 0) {
            printf("write: %s\n", strerror(errno));
            return 1;
        }
        sent += w;
    }
    printf("wrote %ld bytes, ending by %s\n", sent, how);
    fflush(stdout);
    if (strcmp(how, "fault") == 0)
        *(volatile int *)16 = 1;
    if (strcmp(how, "exit") == 0)
        exit(3);
    return 3;
}

static int udp(int hostport, int count, int size)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(hostport) };
    inet_pton(AF_INET, "10.0.2.2", &to.sin_addr);
    /* the host answers "ready" with "go": the way there is known before the burst */
    struct timeval tv = { 0, 200000 };
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    char answer[16];
    int tries = 0;
    do {
        if (++tries > 100) {
            printf("no answer from the host\n");
            return 1;
        }
        sendto(s, "ready", 5, 0, (struct sockaddr *)&to, sizeof(to));
    } while (recv(s, answer, sizeof(answer), 0) != 2);
    static unsigned char buf[65536];
    int failed = 0;
    for (int k = 0; k < count; k++) {
        buf[0] = (unsigned char)(k >> 8);
        buf[1] = (unsigned char)k;
        for (int i = 2; i < size; i++)
            buf[i] = pattern((long)k * size + i);
        if (sendto(s, buf, size, 0, (struct sockaddr *)&to, sizeof(to)) != size)
            failed++;
    }
    printf("sent %d datagrams of %d bytes, %d failed\n", count, size, failed);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "tcp") == 0)
        return tcp(atoi(argv[2]), atol(argv[3]), argv[4]);
    if (argc == 5 && strcmp(argv[1], "udp") == 0)
        return udp(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: net_exit_flush tcp PORT BYTES exit|return|fault | udp HOSTPORT COUNT SIZE\n");
    return 2;
}
