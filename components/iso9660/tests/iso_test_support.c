/* Host-test helpers for iso9660 (see iso_test_support.h). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <rr/kern.h>
#include <rr/vfs_calls.h>
#include <rr/iso9660.h>
#include "test.h"
#include "harness.h"
#include "iso_test_support.h"

static char tmpdir[256];

static void remove_tmpdir(void)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

const char *iso_test_tmpdir(void)
{
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof(tmpdir), "%s/rr-iso-test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(tmpdir))
            FAIL("mkdtemp failed");
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

void iso_test_sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    char full[4200];
    snprintf(full, sizeof(full), "cd '%s' && { %s ; } >/dev/null 2>&1", iso_test_tmpdir(), cmd);
    int status = system(full);
    if (status != 0)
        FAIL("command failed (%d): %s", status, cmd);
}

bool iso_test_have(const char *program)
{
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", program);
    return system(cmd) == 0;
}

struct file_dev {
    struct rr_blkdev dev;
    int fd;
};

static int file_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write)
{
    struct file_dev *f = (struct file_dev *)dev;
    size_t n = (size_t)count * RR_BLK_SECTOR;
    off_t off = (off_t)(sector * RR_BLK_SECTOR);
    ssize_t r = write ? pwrite(f->fd, buf, n, off) : pread(f->fd, buf, n, off);
    return r == (ssize_t)n ? 0 : -EIO;
}

static int file_flush(struct rr_blkdev *dev)
{
    (void)dev;
    return 0;
}

static const struct rr_blkdev_ops file_ops = { file_transfer, file_flush };

struct rr_blkdev *iso_test_blkdev(const char *path)
{
    struct file_dev *f = calloc(1, sizeof(*f));
    f->fd = open(path, O_RDONLY);
    if (f->fd < 0)
        FAIL("open %s failed", path);
    off_t size = lseek(f->fd, 0, SEEK_END);
    f->dev.sectors = (uint64_t)size / RR_BLK_SECTOR;
    f->dev.read_only = true;
    f->dev.ops = &file_ops;
    snprintf(f->dev.serial, sizeof(f->dev.serial), "rr0");
    return &f->dev;
}

struct mem_dev {
    struct rr_blkdev dev;
    uint8_t *data;
};

static int mem_transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write)
{
    struct mem_dev *m = (struct mem_dev *)dev;
    if (write)
        return -EROFS;
    memcpy(buf, m->data + sector * RR_BLK_SECTOR, (size_t)count * RR_BLK_SECTOR);
    return 0;
}

static const struct rr_blkdev_ops mem_ops = { mem_transfer, file_flush };

struct rr_blkdev *iso_test_memdev(uint8_t *data, size_t size)
{
    struct mem_dev *m = calloc(1, sizeof(*m));
    m->data = data;
    m->dev.sectors = size / RR_BLK_SECTOR;
    m->dev.read_only = true;
    m->dev.ops = &mem_ops;
    snprintf(m->dev.serial, sizeof(m->dev.serial), "rr0");
    return &m->dev;
}

int iso_test_try_mount(struct rr_blkdev *dev, char *err, size_t errlen)
{
    struct rr_mount *m = NULL;
    err[0] = 0;
    return rr_iso9660_fstype.mount(dev, true, &m, err, errlen);
}

struct rr_mount *iso_test_mount(struct rr_blkdev *dev, const char *mountpoint)
{
    struct rr_mount *m = NULL;
    char err[256];
    int e = rr_iso9660_fstype.mount(dev, true, &m, err, sizeof(err));
    if (e)
        FAIL("mount: %d %s", e, err);
    long r = rr_fs_mkdirat(RR_AT_FDCWD, mountpoint, 0755);
    if (r && r != -EEXIST)
        FAIL("mkdir %s: %ld", mountpoint, r);
    e = rr_vfs_mount(mountpoint, m);
    if (e)
        FAIL("rr_vfs_mount %s: %d", mountpoint, e);
    return m;
}

void iso_test_patch(const char *path, long offset, const void *bytes, size_t n)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0 || pwrite(fd, bytes, n, offset) != (ssize_t)n)
        FAIL("patching %s at %ld failed", path, offset);
    close(fd);
}

long iso_test_find_record(const char *path, const char *identifier)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        FAIL("open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    char *data = malloc((size_t)size);
    fseek(f, 0, SEEK_SET);
    if (fread(data, 1, (size_t)size, f) != (size_t)size)
        FAIL("read %s", path);
    fclose(f);
    size_t len = strlen(identifier);
    /* a record: length byte, ..., name length at 32, name at 33 */
    for (long pos = 0; pos + 33 + (long)len <= size; pos++) {
        if ((unsigned char)data[pos + 32] == len && memcmp(data + pos + 33, identifier, len) == 0 &&
            (unsigned char)data[pos] >= 33 + len) {
            free(data);
            return pos;
        }
    }
    free(data);
    FAIL("no record named %s in %s", identifier, path);
}

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *iso_test_list(const char *dir)
{
    static char out[65536];
    long fd = rr_fs_openat(RR_AT_FDCWD, dir, RR_O_RDONLY | RR_O_DIRECTORY, 0);
    if (fd < 0)
        FAIL("open %s: %ld", dir, fd);
    char *names[1024];
    size_t count = 0;
    char buf[512];   /* small, so listings take several getdents calls */
    for (;;) {
        long n = rr_fs_getdents64((int)fd, buf, sizeof(buf));
        if (n < 0)
            FAIL("getdents64 %s: %ld", dir, n);
        if (n == 0)
            break;
        for (long pos = 0; pos < n;) {
            struct rr_dirent64 *d = (struct rr_dirent64 *)(buf + pos);
            if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") && count < 1024)
                names[count++] = strdup(d->d_name);
            pos += d->d_reclen;
        }
    }
    rr_fs_close((int)fd);
    qsort(names, count, sizeof(names[0]), compare);
    out[0] = 0;
    for (size_t i = 0; i < count; i++) {
        strcat(out, names[i]);
        strcat(out, "\n");
        free(names[i]);
    }
    return out;
}
