/* Prints every datagram that reaches UDP port PORT and sends it back, until one says "quit". */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 9000;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
        printf("bind: %s\n", strerror(errno));
        return 1;
    }
    for (;;) {
        char buf[2048];
        struct sockaddr_in from;
        socklen_t len = sizeof(from);
        ssize_t n = recvfrom(s, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &len);
        if (n < 0) {
            printf("recvfrom: %s\n", strerror(errno));
            return 1;
        }
        buf[n] = 0;
        printf("got %s\n", buf);
        fflush(stdout);
        sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
        if (strcmp(buf, "quit") == 0)
            return 0;
    }
}
