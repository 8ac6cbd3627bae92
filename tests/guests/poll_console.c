/* poll and select on the console: output is always ready, input once a line is typed,
 * and at end of input a read returns 0 at once. */
#include <poll.h>
#include <stdio.h>
#include <sys/select.h>
#include <unistd.h>

int main(void)
{
    struct pollfd out = { 1, POLLOUT, 0 };
    int w = poll(&out, 1, 0);
    printf("stdout: %d %x\n", w, out.revents);
    fflush(stdout);
    struct pollfd in = { 0, POLLIN, 0 };
    int r = poll(&in, 1, 10000);
    printf("stdin: %d %x\n", r, in.revents);
    char buf[64];
    ssize_t n = read(0, buf, sizeof buf);
    printf("read %ld: %.*s", (long)n, (int)(n > 0 ? n : 0), buf);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(0, &rd);
    struct timeval tv = { 10, 0 };
    r = select(1, &rd, NULL, NULL, &tv);
    printf("select at end of input: %d %d\n", r, FD_ISSET(0, &rd));
    printf("read at end of input: %ld\n", (long)read(0, buf, sizeof buf));
    return 0;
}
