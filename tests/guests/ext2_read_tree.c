/*
 * Lists the tree under argv[1] (default /data) in byte order of names, one line
 * per entry: "d MODE PATH", "f MODE SIZE FNV1A64 PATH" or "l TARGET PATH", then
 * "entries N". Errors are printed with their errno name and end the walk with
 * status 1. Ext2Tests.cs makes the same listing from the host tree that mke2fs
 * put into the image.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t root_len;
static int entries;

static const char *errname(int e)
{
    switch (e) {
    case EIO: return "EIO";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    default: return strerror(e);
    }
}

static void fail(const char *what, const char *path)
{
    printf("%s %s: %s\n", what, path, errname(errno));
    fflush(stdout);
    exit(1);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t checksum(const char *path, long long *size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        fail("open", path);
    uint64_t h = 0xcbf29ce484222325ull;
    static unsigned char buf[65536];
    long long total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0)
            fail("read", path);
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            h ^= buf[i];
            h *= 0x100000001b3ull;
        }
        total += n;
    }
    close(fd);
    *size = total;
    return h;
}

static void walk(const char *dir, int depth)
{
    if (depth > 32) {
        printf("too deep: %s\n", dir);
        exit(1);
    }
    DIR *d = opendir(dir);
    if (!d)
        fail("opendir", dir);
    char **names = NULL;
    size_t count = 0;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        names = realloc(names, (count + 1) * sizeof(*names));
        names[count++] = strdup(de->d_name);
        errno = 0;
    }
    if (errno)
        fail("readdir", dir);
    closedir(d);
    if (count)
        qsort(names, count, sizeof(*names), by_name);
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        const char *rel = path + root_len + 1;
        struct stat st;
        if (lstat(path, &st))
            fail("lstat", path);
        entries++;
        if (S_ISDIR(st.st_mode)) {
            printf("d %04o %s\n", st.st_mode & 07777, rel);
            walk(path, depth + 1);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(path, target, sizeof(target) - 1);
            if (n < 0)
                fail("readlink", path);
            target[n] = 0;
            printf("l %s %s\n", target, rel);
        } else if (S_ISREG(st.st_mode)) {
            long long size;
            uint64_t h = checksum(path, &size);
            if (size != st.st_size)
                printf("size mismatch: stat %lld, read %lld: %s\n", (long long)st.st_size, size, rel);
            printf("f %04o %lld %016llx %s\n", st.st_mode & 07777, size, (unsigned long long)h, rel);
        } else {
            printf("? %o %s\n", st.st_mode, rel);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : "/data";
    root_len = strlen(root);
    walk(root, 0);
    printf("entries %d\n", entries);
    return 0;
}
