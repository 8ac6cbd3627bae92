/*
 * Walks a tree (argv[1], default /data) in name order and prints one line per
 * entry: type, mode, owner, path, then size, link count, an FNV-1a checksum of
 * the contents and the modification time for files, the target for symbolic
 * links, the modification time for directories. With "write" as argv[2] it
 * then creates DIR/new.txt, overwrites DIR/sub/file.txt and reads both back.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned fnv1a(const unsigned char *p, size_t n, unsigned h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return h;
}

static int checksum(const char *path, unsigned *sum, long *total)
{
    static unsigned char buf[65536];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    unsigned h = 2166136261u;
    long n, all = 0;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        h = fnv1a(buf, (size_t)n, h);
        all += n;
    }
    close(fd);
    *sum = h;
    *total = all;
    return n < 0 ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        printf("? %s: lstat failed\n", path);
        return;
    }
    unsigned mode = (unsigned)st.st_mode & 07777;
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        target[n < 0 ? 0 : n] = '\0';
        printf("l %04o %u:%u %s -> %s\n", mode, st.st_uid, st.st_gid, path, target);
        return;
    }
    if (S_ISREG(st.st_mode)) {
        unsigned sum = 0;
        long total = -1;
        if (checksum(path, &sum, &total) != 0)
            printf("? %s: read failed\n", path);
        printf("f %04o %u:%u %s size=%lld read=%ld links=%lu sum=%08x mtime=%lld.%09ld\n", mode, st.st_uid, st.st_gid,
               path, (long long)st.st_size, total, (unsigned long)st.st_nlink, sum, (long long)st.st_mtim.tv_sec,
               st.st_mtim.tv_nsec);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        printf("? %04o %s: unexpected type %o\n", mode, path, (unsigned)st.st_mode & S_IFMT);
        return;
    }
    printf("d %04o %u:%u %s mtime=%lld.%09ld\n", mode, st.st_uid, st.st_gid, path, (long long)st.st_mtim.tv_sec,
           st.st_mtim.tv_nsec);
    DIR *d = opendir(path);
    if (!d) {
        printf("? %s: opendir failed\n", path);
        return;
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        names = realloc(names, (count + 1) * sizeof(*names));
        names[count++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof(*names), by_name);
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(len);
        snprintf(child, len, "%s/%s", path, names[i]);
        walk(child);
        free(child);
        free(names[i]);
    }
    free(names);
}

static int put(const char *path, const char *text, int flags)
{
    int fd = open(path, O_WRONLY | flags, 0640);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void show(const char *path)
{
    char buf[256];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
    if (fd >= 0)
        close(fd);
    buf[n < 0 ? 0 : n] = '\0';
    printf("%s: %s", path, n < 0 ? "unreadable\n" : buf);
}

int main(int argc, char **argv)
{
    const char *top = argc > 1 ? argv[1] : "/data";
    walk(top);
    if (argc > 2 && strcmp(argv[2], "write") == 0) {
        char created[4096], replaced[4096];
        snprintf(created, sizeof(created), "%s/new.txt", top);
        snprintf(replaced, sizeof(replaced), "%s/sub/file.txt", top);
        if (put(created, "made in the guest\n", O_CREAT | O_EXCL) != 0)
            printf("create %s failed\n", created);
        if (put(replaced, "overwritten\n", O_TRUNC) != 0)
            printf("overwrite %s failed\n", replaced);
        show(created);
        show(replaced);
    }
    return 0;
}
