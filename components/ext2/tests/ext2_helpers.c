/* Helpers of the ext2 host tests (see ext2_test.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "ext2_test.h"

static char dir[512];

static const char *test_dir(void)
{
    if (!dir[0]) {
        const char *base = getenv("EXT2_TEST_TMP");
        if (!base)
            base = getenv("TMPDIR");
        snprintf(dir, sizeof(dir), "%s/rr-ext2-test.%d", base ? base : "/tmp", (int)getpid());
        mkdir(dir, 0755);
        alarm(300);   /* images and e2fsck runs take longer than the default allowance */
        /* e2fsprogs lives in /sbin, which a user's PATH may lack */
        const char *path = getenv("PATH");
        char full[4096];
        snprintf(full, sizeof(full), "%s:/sbin:/usr/sbin", path ? path : "/bin:/usr/bin");
        setenv("PATH", full, 1);
    }
    return dir;
}

void e2t_cleanup(void)
{
    if (dir[0]) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
}

const char *e2t_tpath(const char *name)
{
    char p[640];
    snprintf(p, sizeof(p), "%s/%s", test_dir(), name);
    return strdup(p);   /* tests are short-lived processes: never freed */
}

static int vrun(const char **out, const char *fmt, va_list ap)
{
    static char output[8192];
    char cmd[4096];
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    char full[4300];
    const char *log = e2t_tpath("cmd.log");
    snprintf(full, sizeof(full), "( %s ) > %s 2>&1", cmd, log);
    int st = system(full);
    FILE *f = fopen(log, "r");
    size_t n = f ? fread(output, 1, sizeof(output) - 1, f) : 0;
    output[n] = 0;
    if (f)
        fclose(f);
    if (out)
        *out = output;
    if (st != 0 && !out)
        FAIL("`%s` failed (%d): %.600s", cmd, WIFEXITED(st) ? WEXITSTATUS(st) : -1, output);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

void e2t_sh(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vrun(NULL, fmt, ap);
    va_end(ap);
}

int e2t_sh_status(const char **out, const char *fmt, ...)
{
    static const char *ignored;
    va_list ap;
    va_start(ap, fmt);
    int st = vrun(out ? out : &ignored, fmt, ap);
    va_end(ap);
    return st;
}

void e2t_mkimage(const char *img, const char *tree, const char *opts, const char *size)
{
    e2t_sh("mke2fs -q -F -t ext2 %s %s%s %s %s", opts, tree ? "-d " : "", tree ? tree : "", img, size);
}

static bool booted;
static struct file_blkdev *dev;
static int ndev;

struct file_blkdev *e2t_last_dev(void)
{
    return dev;
}

static void boot_once(void)
{
    if (!booted) {
        fake_boot();
        booted = true;
    }
}

struct rr_mount *e2t_mount_img(const char *img, const char *dir, bool ro)
{
    boot_once();
    char name[16];
    snprintf(name, sizeof(name), "rr%d", ndev++);
    dev = e2t_blkdev_open(img, name, ro);
    struct rr_mount *m;
    char err[200] = "";
    int e = rr_ext2_fstype.mount(&dev->dev, ro, &m, err, sizeof(err));
    if (e)
        FAIL("mount %s: %d %s", img, e, err);
    long r = rr_fs_mkdirat(RR_AT_FDCWD, dir, 0755);
    if (r && r != -EEXIST)
        FAIL("mkdir %s: %ld", dir, r);
    e = rr_vfs_mount(dir, m);
    if (e)
        FAIL("rr_vfs_mount %s: %d", dir, e);
    return m;
}

const char *e2t_mount_refused(const char *img)
{
    static char err[200];
    boot_once();
    char name[16];
    snprintf(name, sizeof(name), "rr%d", ndev++);
    struct file_blkdev *d = e2t_blkdev_open(img, name, false);
    struct rr_mount *m = NULL;
    err[0] = 0;
    int e = rr_ext2_fstype.mount(&d->dev, false, &m, err, sizeof(err));
    if (e == 0)
        FAIL("mount %s succeeded; a refusal was expected", img);
    if (!err[0] || strchr(err, '\n'))
        FAIL("mount %s: the reason \"%s\" is not one line", img, err);
    e2t_blkdev_close(d);
    return err;
}

void e2t_unmount_img(struct rr_mount *m)
{
    int e = rr_ext2_fstype.unmount(m);
    if (e)
        FAIL("unmount: %d", e);
}

void e2t_fsck_clean(const char *img)
{
    const char *out;
    int st = e2t_sh_status(&out, "e2fsck -fn %s", img);
    if (st != 0)
        FAIL("e2fsck -fn %s: status %d: %.900s", img, st, out);
}

void e2t_put_bytes(const char *path, const void *data, size_t n)
{
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_WRONLY | RR_O_CREAT | RR_O_TRUNC, 0644);
    if (fd < 0)
        FAIL("open %s for writing: %ld", path, fd);
    size_t done = 0;
    while (done < n) {
        long w = rr_fs_write((int)fd, (const char *)data + done, n - done);
        if (w <= 0)
            FAIL("write %s: %ld", path, w);
        done += (size_t)w;
    }
    rr_fs_close((int)fd);
}

unsigned char *e2t_get_bytes(const char *path, size_t *n)
{
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_RDONLY, 0);
    if (fd < 0)
        FAIL("open %s for reading: %ld", path, fd);
    size_t cap = 65536, len = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (len == cap)
            buf = realloc(buf, cap *= 2);
        long r = rr_fs_read((int)fd, buf + len, cap - len);
        if (r < 0)
            FAIL("read %s: %ld", path, r);
        if (r == 0)
            break;
        len += (size_t)r;
    }
    rr_fs_close((int)fd);
    *n = len;
    return buf;
}

struct rr_stat e2t_xstat(const char *path)
{
    struct rr_stat st;
    long e = rr_fs_fstatat(RR_AT_FDCWD, path, &st, RR_AT_SYMLINK_NOFOLLOW);
    if (e)
        FAIL("stat %s: %ld", path, e);
    return st;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *e2t_list_dir(const char *path)
{
    static char out[65536];
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_RDONLY | RR_O_DIRECTORY, 0);
    if (fd < 0)
        FAIL("open directory %s: %ld", path, fd);
    char **names = NULL;
    size_t count = 0;
    char buf[1024];
    for (;;) {
        long n = rr_fs_getdents64((int)fd, buf, sizeof(buf));
        if (n < 0)
            FAIL("getdents64 %s: %ld", path, n);
        if (n == 0)
            break;
        for (long off = 0; off < n; ) {
            struct rr_dirent64 *d = (struct rr_dirent64 *)(buf + off);
            if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
                names = realloc(names, (count + 1) * sizeof(*names));
                names[count++] = strdup(d->d_name);
            }
            off += d->d_reclen;
        }
    }
    rr_fs_close((int)fd);
    if (count)
        qsort(names, count, sizeof(*names), cmp_str);
    out[0] = 0;
    size_t len = 0;
    for (size_t i = 0; i < count; i++) {
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
    free(names);
    return out;
}

void e2t_pattern(unsigned char *buf, size_t n, unsigned seed)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
}

void e2t_poke(const char *img, long off, const void *data, size_t n)
{
    int fd = open(img, O_RDWR);
    if (fd < 0 || pwrite(fd, data, n, off) != (ssize_t)n)
        FAIL("poke %s at %ld", img, off);
    close(fd);
}

void e2t_peek(const char *img, long off, void *data, size_t n)
{
    int fd = open(img, O_RDONLY);
    if (fd < 0 || pread(fd, data, n, off) != (ssize_t)n)
        FAIL("peek %s at %ld", img, off);
    close(fd);
}
