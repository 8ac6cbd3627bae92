/* Copies stdin to stdout byte for byte, then reports how many bytes came before end of file. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    char buf[4096];
    long total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        total += n;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(1, buf + off, (size_t)(n - off));
            if (w <= 0)
                return 2;
            off += w;
        }
    }
    if (n < 0) {
        perror("read");
        return 1;
    }
    fprintf(stderr, "\n[%ld bytes]\n", total);
    return 0;
}
