#define _GNU_SOURCE
/* Memory mappings: private file mappings (reads, offsets, the zero tail, writes that stay
 * private), argument errors, /dev/zero, mremap, madvise, mprotect, partial munmap. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *errname(int e)
{
    switch (e) {
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case ENODEV: return "ENODEV";
    case ENOMEM: return "ENOMEM";
    case EFAULT: return "EFAULT";
    default: return "other";
    }
}

static void map_result(const char *what, void *p)
{
    if (p == MAP_FAILED)
        printf("%s = MAP_FAILED %s\n", what, errname(errno));
    else
        printf("%s = mapped\n", what);
}
#define MAP(expr) map_result(#expr, (expr))

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%s = -1 %s\n", what, errname(errno));
    else
        printf("%s = %ld\n", what, r);
}
#define SHOW(expr) report(#expr, (long)(expr))

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/rr-mmap-%d", (int)getpid());
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
    static char data[3 * 4096 + 100];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (char)('a' + i % 26);
    write(fd, data, sizeof data);

    /* whole file, read-only */
    char *p = mmap(NULL, sizeof data, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("private read matches: %d\n", p != MAP_FAILED && memcmp(p, data, sizeof data) == 0);
    printf("tail of last page is zero: %d\n", p[sizeof data] == 0 && p[4 * 4096 - 1] == 0);
    SHOW(munmap(p, sizeof data));

    /* at an offset */
    p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 8192);
    printf("offset 8192 matches: %d\n", p != MAP_FAILED && memcmp(p, data + 8192, 4096) == 0);
    munmap(p, 4096);

    /* a private writable mapping: changes stay in memory */
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    memcpy(p, "CHANGED", 7);
    char back[8] = {0};
    pread(fd, back, 7, 0);
    printf("mapping [%.7s] file [%s]\n", p, back);
    munmap(p, 4096);

    /* a shared read-only mapping sees the file */
    p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    printf("shared read-only matches: %d\n", p != MAP_FAILED && memcmp(p, data, 4096) == 0);
    munmap(p, 4096);

    /* a writable shared mapping and write(2) see each other at once */
    char *sh = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("shared mapping: %s\n", sh == MAP_FAILED ? errname(errno) : "ok");
    if (sh != MAP_FAILED) {
        memcpy(sh + 10, "SHARED", 6);
        char got[8] = {0};
        pread(fd, got, 6, 10);
        printf("file sees [%s]\n", got);
        pwrite(fd, "FROMFILE", 8, 4100);
        printf("mapping sees [%.8s]\n", sh + 4100);
        printf("msync = %d\n", msync(sh, 8192, MS_SYNC));
        char *second = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
        printf("second mapping at 4096 sees [%.8s]\n", second + 4);
        munmap(second, 4096);
        munmap(sh, 8192);
        memset(got, 0, sizeof got);
        pread(fd, got, 6, 10);
        printf("after munmap the file keeps [%s]\n", got);
        pwrite(fd, data + 10, 6, 10);
    }

    /* errors */
    MAP(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, fd, 0));
    MAP(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100));
    MAP(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0));
    MAP(mmap(NULL, 4096, PROT_READ, 0, fd, 0));
    int wo = open(path, O_WRONLY);
    MAP(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0));
    int ro = open(path, O_RDONLY);
    MAP(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
    MAP(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0));
    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    MAP(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, dir, 0));
    int pp[2];
    pipe(pp);
    MAP(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, pp[0], 0));

    /* a bad descriptor must not cost a MAP_FIXED caller its old mapping */
    char *anon = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    anon[0] = 'k';
    MAP(mmap(anon, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, 99, 0));
    printf("old mapping kept: %c\n", anon[0]);

    /* /dev/zero */
    int z = open("/dev/zero", O_RDWR);
    char *zp = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    printf("/dev/zero mapping: %s\n", zp == MAP_FAILED ? errname(errno) : (zp[0] == 0 && zp[8191] == 0 ? "zeros" : "garbage"));
    if (zp != MAP_FAILED)
        zp[100] = 1;

    /* mremap: grow in place or move, contents kept */
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "keep me");
    char *blocker = mmap(m + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("blocker placed: %d\n", blocker == m + 4096);
    void *r = mremap(m, 4096, 3 * 4096, 0);
    printf("mremap without MAYMOVE: %s\n", r == MAP_FAILED ? errname(errno) : "grew");
    char *moved = mremap(m, 4096, 3 * 4096, MREMAP_MAYMOVE);
    printf("moved: %d contents [%s]\n", moved != m, moved);
    moved[3 * 4096 - 1] = 'x';
    char *shrunk = mremap(moved, 3 * 4096, 4096, 0);
    printf("shrunk in place: %d [%s]\n", shrunk == moved, shrunk);
    r = mremap(moved + 1, 4096, 8192, MREMAP_MAYMOVE);
    printf("unaligned mremap: %s\n", r == MAP_FAILED ? errname(errno) : "ok");

    /* madvise(DONTNEED) gives zero pages back for private anonymous memory */
    strcpy(shrunk, "gone soon");
    SHOW(madvise(shrunk, 4096, MADV_DONTNEED));
    printf("after DONTNEED: first byte %d\n", shrunk[0]);
    SHOW(madvise(shrunk, 4096, MADV_WILLNEED));
    SHOW(madvise(shrunk + 1, 4096, MADV_DONTNEED));

    /* mprotect and partial munmap */
    char *q = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    q[0] = q[4096] = q[8192] = 'q';
    SHOW(mprotect(q + 4096, 4096, PROT_READ));
    SHOW(munmap(q + 4096, 4096));
    SHOW(mprotect(q, 3 * 4096, PROT_READ));
    printf("ends still there: %c %c\n", q[0], q[8192]);
    SHOW(munmap(q, 3 * 4096));
    SHOW(munmap(q + 1, 4096));
    SHOW(munmap(q, 0));

    /* a shared mapping survives the file shrinking under it and the file's unlinking */
    char *t = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    SHOW(ftruncate(fd, 2));
    printf("after truncation [%c%c] then %d\n", t[0], t[1], t[2]);
    unlink(path);
    close(fd);
    t[1] = 'B';
    printf("after unlink and close [%.2s]\n", t);
    SHOW(munmap(t, 4096));
    return 0;
}
