/* Shortcuts for the file layer tests: whole-file writes and reads through the system calls. */
#pragma once

#include <rr/vfs_calls.h>
#include "test.h"
#include "harness.h"

static inline void put_file(const char *path, const char *text)
{
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_WRONLY | RR_O_CREAT | RR_O_TRUNC, 0644);
    if (fd < 0)
        FAIL("open %s for writing: %ld", path, fd);
    long n = rr_fs_write((int)fd, text, strlen(text));
    if (n != (long)strlen(text))
        FAIL("write %s: %ld", path, n);
    rr_fs_close((int)fd);
}

/* The file's contents (up to 64 KiB) as a string, or NULL with *err set. */
static inline const char *get_file(const char *path)
{
    static char buf[65536];
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_RDONLY, 0);
    if (fd < 0)
        FAIL("open %s for reading: %ld", path, fd);
    long n = rr_fs_read((int)fd, buf, sizeof(buf) - 1);
    if (n < 0)
        FAIL("read %s: %ld", path, n);
    buf[n] = 0;
    rr_fs_close((int)fd);
    return buf;
}

static inline struct rr_stat stat_of(const char *path, int flags)
{
    struct rr_stat st;
    long e = rr_fs_fstatat(RR_AT_FDCWD, path, &st, flags);
    if (e)
        FAIL("stat %s: %ld", path, e);
    return st;
}

static inline const char *cwd(void)
{
    static char buf[4096];
    long n = rr_fs_getcwd(buf, sizeof(buf));
    if (n < 0)
        FAIL("getcwd: %ld", n);
    return buf;
}
