/* Lists the disks the platform found (/dev/disk/by-id, as on Linux): serial,
 * node, size and whether writable. With "rw SERIAL", also writes a pattern
 * across a sector boundary of that disk, flushes and reads it back. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Linux's <linux/fs.h> values; musl's headers do not carry them. */
#define BLKROGET     0x125e
#define BLKFLSBUF    0x1261
#define BLKGETSIZE64 0x80081272

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int roundtrip(const char *serial)
{
    char path[128];
    snprintf(path, sizeof(path), "/dev/disk/by-id/virtio-%s", serial);
    int fd = open(path, O_RDWR);
    if (fd < 0) {
        printf("open %s for writing: %s\n", serial, strerror(errno));
        return 1;
    }
    char pattern[700], back[700];
    for (size_t i = 0; i < sizeof(pattern); i++)
        pattern[i] = (char)('a' + i % 26);
    if (pwrite(fd, pattern, sizeof(pattern), 1000) != (ssize_t)sizeof(pattern) || ioctl(fd, BLKFLSBUF, 0) != 0) {
        printf("write %s: %s\n", serial, strerror(errno));
        return 1;
    }
    memset(back, 0, sizeof(back));
    if (pread(fd, back, sizeof(back), 1000) != (ssize_t)sizeof(back) || memcmp(back, pattern, sizeof(back)) != 0) {
        printf("read back %s: different\n", serial);
        return 1;
    }
    printf("%s: wrote, flushed and read back %zu bytes at offset 1000\n", serial, sizeof(pattern));
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    DIR *d = opendir("/dev/disk/by-id");
    if (!d) {
        printf("no disks: %s\n", strerror(errno));
        return 1;
    }
    char *names[32];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 32)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof(names[0]), by_name);
    for (int i = 0; i < n; i++) {
        char path[300], target[64];
        snprintf(path, sizeof(path), "/dev/disk/by-id/%s", names[i]);
        ssize_t len = readlink(path, target, sizeof(target) - 1);
        target[len > 0 ? len : 0] = 0;
        int fd = open(path, O_RDONLY);
        unsigned long long bytes = 0;
        int ro = -1;
        if (fd < 0 || ioctl(fd, BLKGETSIZE64, &bytes) != 0 || ioctl(fd, BLKROGET, &ro) != 0) {
            printf("%s: %s\n", names[i], strerror(errno));
            return 1;
        }
        close(fd);
        printf("%s -> %s: %llu KiB, %s\n", names[i], target, bytes / 1024, ro ? "read-only" : "read-write");
    }
    if (argc > 2 && strcmp(argv[1], "rw") == 0)
        return roundtrip(argv[2]);
    return 0;
}
