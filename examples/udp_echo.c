/*
 * A UDP echo server: every datagram goes back to its sender unchanged.
 *
 *   udp_echo [-p PORT] [-n COUNT]
 *
 * -n ends the server (status 0) after COUNT datagrams, so a test can stop it
 * cleanly. One log line per datagram goes to stdout.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int port = 7777, opt;
    long left = -1;
    while ((opt = getopt(argc, argv, "p:n:")) != -1) {
        if (opt == 'p')
            port = atoi(optarg);
        else if (opt == 'n')
            left = atol(optarg);
        else
            goto usage;
    }
    if (optind != argc || port <= 0 || port > 65535)
        goto usage;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr)) {
        perror("udp_echo: bind");
        return 1;
    }
    printf("udp_echo: listening on port %d\n", port);
    fflush(stdout);
    static char buf[65536];
    while (left != 0) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
        if (n < 0) {
            perror("udp_echo: recvfrom");
            return 1;
        }
        if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len) < 0)
            perror("udp_echo: sendto");
        char ip[INET_ADDRSTRLEN];
        printf("%ld bytes from %s:%d\n", (long)n, inet_ntop(AF_INET, &from.sin_addr, ip, sizeof ip),
               ntohs(from.sin_port));
        fflush(stdout);
        if (left > 0)
            left--;
    }
    return 0;
usage:
    fprintf(stderr, "usage: udp_echo [-p PORT] [-n COUNT]\n");
    return 2;
}
