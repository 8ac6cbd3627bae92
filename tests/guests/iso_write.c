/*
 * Writes into a writable block mount: iso_write DIR prints DIR/hello.txt's
 * first line, writes DIR/new.txt (4096 bytes), reads it back and compares.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/data";
    char path[512], line[256] = "";
    snprintf(path, sizeof(path), "%s/hello.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f || !fgets(line, sizeof(line), f)) {
        printf("read %s: %s\n", path, strerror(errno));
        return 1;
    }
    fclose(f);
    printf("hello.txt: %s", line);
    static char out[4096], back[4096];
    for (size_t i = 0; i < sizeof(out); i++)
        out[i] = (char)('a' + i % 26);
    snprintf(path, sizeof(path), "%s/new.txt", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, out, sizeof(out)) != (ssize_t)sizeof(out) || fsync(fd) != 0 ||
        pread(fd, back, sizeof(back), 0) != (ssize_t)sizeof(back) || close(fd) != 0) {
        printf("write %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (memcmp(out, back, sizeof(out)) != 0) {
        printf("%s: read back different bytes\n", path);
        return 1;
    }
    printf("wrote %s: %zu bytes read back\n", path, sizeof(back));
    return 0;
}
