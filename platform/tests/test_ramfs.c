/* ramfs through the system calls: data, holes, sizes, links, renames, directories, times. */
#include <stdlib.h>
#include "vfs_helpers.h"

TEST(ramfs_write_read_seek)
{
    fake_boot();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDWR | RR_O_CREAT | RR_O_EXCL, 0644);
    CHECK_EQ(fd, 3);
    CHECK_EQ(rr_fs_write((int)fd, "hello world", 11), 11);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_CUR), 11);
    CHECK_EQ(rr_fs_lseek((int)fd, 6, RR_SEEK_SET), 6);
    char buf[32] = {0};
    CHECK_EQ(rr_fs_read((int)fd, buf, sizeof(buf)), 5);
    CHECK_STR(buf, "world");
    CHECK_EQ(rr_fs_read((int)fd, buf, sizeof(buf)), 0);
    CHECK_EQ(rr_fs_lseek((int)fd, -5, RR_SEEK_END), 6);
    CHECK_EQ(rr_fs_write((int)fd, "W", 1), 1);
    CHECK_EQ(rr_fs_pread((int)fd, buf, 11, 0), 11);
    CHECK_MEM(buf, "hello World", 11);
    CHECK_EQ(rr_fs_pwrite((int)fd, "H", 1, 0), 1);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_CUR), 7);   /* pwrite leaves the offset alone */
    CHECK_EQ(rr_fs_lseek((int)fd, -1, RR_SEEK_SET), -EINVAL);
    CHECK_EQ(rr_fs_lseek((int)fd, -12, RR_SEEK_END), -EINVAL);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, 7), -EINVAL);
    CHECK_EQ(rr_fs_pread((int)fd, buf, 1, -1), -EINVAL);
    CHECK_EQ(rr_fs_lseek((int)fd, INT64_MAX, RR_SEEK_SET), INT64_MAX);
    CHECK_EQ(rr_fs_lseek((int)fd, 1, RR_SEEK_CUR), -EOVERFLOW);
    CHECK_STR(get_file("/tmp/f"), "Hello World");
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_RDWR | RR_O_CREAT | RR_O_EXCL, 0644), -EEXIST);
    CHECK_EQ(rr_fs_read((int)fd, NULL, 1), -EFAULT);
    CHECK_EQ(rr_fs_read((int)fd, NULL, 0), 0);
}

TEST(ramfs_sparse_holes)
{
    fake_boot();
    long base = fake_pages_in_use();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/sparse", RR_O_RDWR | RR_O_CREAT, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(rr_fs_lseek((int)fd, 1L << 30, RR_SEEK_SET), 1L << 30);
    CHECK_EQ(rr_fs_write((int)fd, "end", 3), 3);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstat((int)fd, &st), 0);
    CHECK_EQ(st.st_size, (1L << 30) + 3);
    CHECK_EQ(st.st_blocks, 8);   /* one page of data */
    CHECK(fake_pages_in_use() - base <= 4);   /* the data page and a few index pages */
    char buf[8192];
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(rr_fs_pread((int)fd, buf, sizeof(buf), 12345), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        if (buf[i])
            FAIL("hole byte %zu is %d", i, buf[i]);
    CHECK_EQ(rr_fs_pread((int)fd, buf, 10, (1L << 30) - 2), 5);
    CHECK_MEM(buf, "\0\0end", 5);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_DATA), 1L << 30);
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_HOLE), 0);
    CHECK_EQ(rr_fs_lseek((int)fd, 1L << 30, RR_SEEK_HOLE), (1L << 30) + 3);
    CHECK_EQ(rr_fs_lseek((int)fd, (1L << 30) + 3, RR_SEEK_DATA), -ENXIO);
    /* very far offsets work too; beyond the file size limit is EFBIG */
    CHECK_EQ(rr_fs_pwrite((int)fd, "z", 1, 1L << 46), 1);
    CHECK_EQ(rr_fs_pwrite((int)fd, "z", 1, 1L << 48), -EFBIG);
    CHECK_EQ(rr_fs_ftruncate((int)fd, 0), 0);
    CHECK_EQ(fake_pages_in_use(), base);
}

TEST(ramfs_truncate)
{
    fake_boot();
    put_file("/tmp/t", "0123456789");
    CHECK_EQ(rr_fs_truncate("/tmp/t", 4), 0);
    CHECK_STR(get_file("/tmp/t"), "0123");
    CHECK_EQ(rr_fs_truncate("/tmp/t", 8), 0);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 8);
    const char *s = get_file("/tmp/t");
    CHECK_MEM(s, "0123\0\0\0\0", 8);
    CHECK_EQ(rr_fs_truncate("/tmp/t", -1), -EINVAL);
    CHECK_EQ(rr_fs_truncate("/tmp", 0), -EISDIR);
    CHECK_EQ(rr_fs_truncate("/tmp/none", 0), -ENOENT);
    CHECK_EQ(rr_fs_truncate("/dev/null", 0), -EINVAL);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_ftruncate((int)fd, 0), -EINVAL);
    rr_fs_close((int)fd);
    fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/t", RR_O_WRONLY | RR_O_TRUNC, 0);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 0);
    CHECK_EQ(rr_fs_fallocate((int)fd, 0, 100, 50), 0);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 150);
    CHECK_EQ(rr_fs_fallocate((int)fd, 1, 0, 500), 0);
    CHECK_EQ(stat_of("/tmp/t", 0).st_size, 150);
    CHECK_EQ(rr_fs_fallocate((int)fd, 0x10, 0, 5), -EOPNOTSUPP);
    CHECK_EQ(rr_fs_fallocate((int)fd, 0, 0, 0), -EINVAL);
}

TEST(ramfs_unlink_frees_after_last_close)
{
    fake_boot();
    long base = fake_pages_in_use();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/big", RR_O_RDWR | RR_O_CREAT, 0644);
    static char block[4096 * 4];
    memset(block, 'b', sizeof(block));
    CHECK_EQ(rr_fs_write((int)fd, block, sizeof(block)), sizeof(block));
    CHECK_EQ(fake_pages_in_use() - base, 5);   /* 4 data pages + 1 index page */
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/big", 0), 0);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/big", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_fstat((int)fd, &st), 0);
    CHECK_EQ(st.st_nlink, 0);
    CHECK_EQ(fake_pages_in_use() - base, 5);   /* still open: still there */
    char buf[4];
    CHECK_EQ(rr_fs_pread((int)fd, buf, 4, 4096), 4);
    CHECK_MEM(buf, "bbbb", 4);
    long fd2 = rr_fs_dup((int)fd);
    rr_fs_close((int)fd);
    CHECK_EQ(fake_pages_in_use() - base, 5);
    rr_fs_close((int)fd2);
    CHECK_EQ(fake_pages_in_use(), base);
}

TEST(ramfs_hard_links)
{
    fake_boot();
    put_file("/tmp/a", "shared");
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/a", RR_AT_FDCWD, "/tmp/b", 0), 0);
    struct rr_stat a = stat_of("/tmp/a", 0), b = stat_of("/tmp/b", 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(a.st_nlink, 2);
    put_file("/tmp/b", "changed");
    CHECK_STR(get_file("/tmp/a"), "changed");
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/a", 0), 0);
    CHECK_EQ(stat_of("/tmp/b", 0).st_nlink, 1);
    CHECK_STR(get_file("/tmp/b"), "changed");
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp", RR_AT_FDCWD, "/tmp/dirlink", 0), -EPERM);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/b", 0), -EEXIST);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/none", RR_AT_FDCWD, "/tmp/c", 0), -ENOENT);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/c/", 0), -ENOENT);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/c", 0x8), -EINVAL);
    /* links to a symlink: the link itself unless AT_SYMLINK_FOLLOW */
    CHECK_EQ(rr_fs_symlinkat("b", RR_AT_FDCWD, "/tmp/s"), 0);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/s", RR_AT_FDCWD, "/tmp/s2", 0), 0);
    CHECK(RR_S_ISLNK(stat_of("/tmp/s2", RR_AT_SYMLINK_NOFOLLOW).st_mode));
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/s", RR_AT_FDCWD, "/tmp/b2", RR_AT_SYMLINK_FOLLOW), 0);
    CHECK_EQ(stat_of("/tmp/b2", RR_AT_SYMLINK_NOFOLLOW).st_ino, stat_of("/tmp/b", 0).st_ino);
    /* AT_EMPTY_PATH links an open file */
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/b", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_linkat((int)fd, "", RR_AT_FDCWD, "/tmp/b3", RR_AT_EMPTY_PATH), 0);
    CHECK_EQ(stat_of("/tmp/b", 0).st_nlink, 3);
}

TEST(ramfs_directories)
{
    fake_boot();
    rr_fs_umask(022);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d", 0777), 0);
    struct rr_stat st = stat_of("/tmp/d", 0);
    CHECK_EQ(st.st_mode, RR_S_IFDIR | 0755);
    CHECK_EQ(st.st_nlink, 2);
    uint64_t tmp_links = stat_of("/tmp", 0).st_nlink;
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d/e/", 0700), 0);
    CHECK_EQ(stat_of("/tmp/d", 0).st_nlink, 3);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d", 0755), -EEXIST);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d/.", 0755), -EEXIST);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/", 0755), -EEXIST);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/x/y", 0755), -ENOENT);
    put_file("/tmp/d/e/f", "x");
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e", RR_AT_REMOVEDIR), -ENOTEMPTY);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e", 0), -EISDIR);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/f", RR_AT_REMOVEDIR), -ENOTDIR);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/f/", 0), -ENOTDIR);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/f", 0), 0);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/.", RR_AT_REMOVEDIR), -EINVAL);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/..", RR_AT_REMOVEDIR), -ENOTEMPTY);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/", RR_AT_REMOVEDIR), -EBUSY);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d/e/", RR_AT_REMOVEDIR), 0);
    CHECK_EQ(stat_of("/tmp/d", 0).st_nlink, 2);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d", RR_AT_REMOVEDIR), 0);
    CHECK_EQ(stat_of("/tmp", 0).st_nlink, tmp_links - 1);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/d", RR_AT_REMOVEDIR), -ENOENT);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp", 0x1), -EINVAL);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/sticky", 01777), 0);
    CHECK_EQ(stat_of("/tmp/sticky", 0).st_mode, RR_S_IFDIR | 01755);
}

struct listing {
    char names[64][64];
    unsigned char types[64];
    int64_t offs[64];
    int n;
};

static void list_dir(int fd, size_t bufsize, struct listing *out)
{
    char buf[4096];
    out->n = 0;
    for (;;) {
        long n = rr_fs_getdents64(fd, buf, bufsize);
        if (n < 0)
            FAIL("getdents64: %ld", n);
        if (n == 0)
            return;
        for (long pos = 0; pos < n;) {
            struct rr_dirent64 *d = (struct rr_dirent64 *)(buf + pos);
            if (d->d_reclen % 8 || d->d_reclen < 24)
                FAIL("bad d_reclen %u", d->d_reclen);
            snprintf(out->names[out->n], 64, "%s", d->d_name);
            out->types[out->n] = d->d_type;
            out->offs[out->n] = d->d_off;
            out->n++;
            pos += d->d_reclen;
        }
    }
}

TEST(ramfs_readdir)
{
    fake_boot();
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/r", 0755), 0);
    put_file("/tmp/r/one", "1");
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/r/two", 0755), 0);
    CHECK_EQ(rr_fs_symlinkat("one", RR_AT_FDCWD, "/tmp/r/three"), 0);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/r/four", RR_S_IFCHR | 0600, RR_MKDEV(1, 3)), 0);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/r", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    struct listing l;
    list_dir((int)fd, 4096, &l);
    CHECK_EQ(l.n, 6);
    static const char *names[] = { ".", "..", "one", "two", "three", "four" };
    static const unsigned char types[] = { 4, 4, 8, 4, 10, 2 };
    for (int i = 0; i < 6; i++) {
        CHECK_STR(l.names[i], names[i]);
        CHECK_EQ(l.types[i], types[i]);
    }
    /* one record per call with a small buffer, same result */
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_SET), 0);
    struct listing small;
    list_dir((int)fd, 32, &small);
    CHECK_EQ(small.n, 6);
    for (int i = 0; i < 6; i++)
        CHECK_STR(small.names[i], names[i]);
    /* d_off is a position to seek back to */
    CHECK_EQ(rr_fs_lseek((int)fd, l.offs[2], RR_SEEK_SET), l.offs[2]);
    char buf[256];
    CHECK(rr_fs_getdents64((int)fd, buf, sizeof(buf)) > 0);
    CHECK_STR(((struct rr_dirent64 *)buf)->d_name, "two");
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_SET), 0);
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, 10), -EINVAL);
    /* removal while reading: the remaining entries still come */
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_SET), 0);
    CHECK(rr_fs_getdents64((int)fd, buf, 80) > 0);   /* ".", ".." and "one" */
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/tmp/r/one", 0), 0);
    struct listing rest;
    list_dir((int)fd, 4096, &rest);
    CHECK_EQ(rest.n, 3);
    CHECK_STR(rest.names[0], "two");
    long ffd = rr_fs_openat(RR_AT_FDCWD, "/etc/hosts", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_getdents64((int)ffd, buf, sizeof(buf)), -ENOTDIR);
    CHECK_EQ(rr_fs_getdents64(77, buf, sizeof(buf)), -EBADF);
    CHECK_EQ(rr_fs_read((int)fd, buf, 10), -EISDIR);
    /* the old getdents format keeps d_type in the last byte */
    CHECK_EQ(rr_fs_lseek((int)fd, 0, RR_SEEK_SET), 0);
    long n = rr_fs_getdents((int)fd, buf, sizeof(buf));
    CHECK(n > 0);
    uint16_t reclen;
    memcpy(&reclen, buf + 16, 2);
    CHECK_EQ(buf[18], '.');
    CHECK_EQ(buf[reclen - 1], 4);
}

TEST(ramfs_rename)
{
    fake_boot();
    put_file("/tmp/a", "A");
    put_file("/tmp/b", "B");
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d1", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/d2", 0755), 0);
    put_file("/tmp/d2/x", "X");
    uint64_t ino_a = stat_of("/tmp/a", 0).st_ino;
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/a", RR_AT_FDCWD, "/tmp/c", 0), 0);
    CHECK_EQ(stat_of("/tmp/c", 0).st_ino, ino_a);
    struct rr_stat st;
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/tmp/a", &st, 0), -ENOENT);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/c", RR_AT_FDCWD, "/tmp/b", 0), 0);   /* replaces */
    CHECK_STR(get_file("/tmp/b"), "A");
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/d1", 0), -EISDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d1", RR_AT_FDCWD, "/tmp/b", 0), -ENOTDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d1", RR_AT_FDCWD, "/tmp/d2", 0), -ENOTEMPTY);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d1", RR_AT_FDCWD, "/tmp/d1/sub", 0), -EINVAL);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d2/x", RR_AT_FDCWD, "/tmp/d2", 0), -EISDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/none", RR_AT_FDCWD, "/tmp/z", 0), -ENOENT);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/b/", RR_AT_FDCWD, "/tmp/z", 0), -ENOTDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/z/", 0), -ENOTDIR);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/.", RR_AT_FDCWD, "/tmp/z", 0), -EBUSY);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/b", RR_AT_FDCWD, "/tmp/b", 0), 0);
    /* a directory moves with its contents; link counts follow */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d2", RR_AT_FDCWD, "/tmp/d1/d2/", 0), 0);
    CHECK_STR(get_file("/tmp/d1/d2/x"), "X");
    CHECK_EQ(stat_of("/tmp/d1", 0).st_nlink, 3);
    CHECK_EQ(stat_of("/tmp/d1/d2/..", 0).st_ino, stat_of("/tmp/d1", 0).st_ino);
    /* an empty directory may be replaced by a directory */
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/tmp/empty", 0755), 0);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/d1/d2", RR_AT_FDCWD, "/tmp/empty", 0), 0);
    CHECK_STR(get_file("/tmp/empty/x"), "X");
    CHECK_EQ(stat_of("/tmp/d1", 0).st_nlink, 2);
    /* renameat2 flags */
    put_file("/tmp/p", "P");
    put_file("/tmp/q", "Q");
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/q", RR_RENAME_NOREPLACE), -EEXIST);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/q", RR_RENAME_EXCHANGE), 0);
    CHECK_STR(get_file("/tmp/p"), "Q");
    CHECK_STR(get_file("/tmp/q"), "P");
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/nx", RR_RENAME_EXCHANGE), -ENOENT);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/q", 3), -EINVAL);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/q", 8), -EINVAL);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/p", RR_AT_FDCWD, "/tmp/q2", RR_RENAME_NOREPLACE), 0);
    CHECK_STR(get_file("/tmp/q2"), "Q");
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/empty", RR_AT_FDCWD, "/tmp/q", RR_RENAME_EXCHANGE), 0);
    CHECK(RR_S_ISDIR(stat_of("/tmp/q", 0).st_mode));
    CHECK_STR(get_file("/tmp/empty"), "P");
    /* renaming one hard link onto another is a no-op */
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/tmp/q2", RR_AT_FDCWD, "/tmp/q3", 0), 0);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/q2", RR_AT_FDCWD, "/tmp/q3", 0), 0);
    CHECK_EQ(stat_of("/tmp/q2", 0).st_nlink, 2);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/tmp/q2", RR_AT_FDCWD, "/tmp/q3", RR_RENAME_NOREPLACE), -EEXIST);
}

TEST(ramfs_attributes_and_times)
{
    fake_boot();
    rr_fs_umask(027);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/f", RR_O_WRONLY | RR_O_CREAT, 0666);
    struct rr_stat st = stat_of("/tmp/f", 0);
    CHECK_EQ(st.st_mode, RR_S_IFREG | 0640);
    CHECK_EQ(st.st_uid, 0);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_blksize, 4096);
    CHECK(st.st_mtim.tv_sec >= 1700000000);
    CHECK_EQ(rr_fs_umask(022), 027);
    CHECK_EQ(rr_fs_fchmodat(RR_AT_FDCWD, "/tmp/f", 04711, 0), 0);
    CHECK_EQ(stat_of("/tmp/f", 0).st_mode, RR_S_IFREG | 04711);
    CHECK_EQ(rr_fs_fchmod((int)fd, 0600), 0);
    CHECK_EQ(stat_of("/tmp/f", 0).st_mode, RR_S_IFREG | 0600);
    CHECK_EQ(rr_fs_fchownat(RR_AT_FDCWD, "/tmp/f", 1000, (uint32_t)-1, 0), 0);
    st = stat_of("/tmp/f", 0);
    CHECK_EQ(st.st_uid, 1000);
    CHECK_EQ(st.st_gid, 0);
    CHECK_EQ(rr_fs_fchown((int)fd, (uint32_t)-1, 50), 0);
    CHECK_EQ(stat_of("/tmp/f", 0).st_gid, 50);
    CHECK_EQ(rr_fs_symlinkat("f", RR_AT_FDCWD, "/tmp/l"), 0);
    CHECK_EQ(rr_fs_fchownat(RR_AT_FDCWD, "/tmp/l", 7, 7, RR_AT_SYMLINK_NOFOLLOW), 0);
    CHECK_EQ(stat_of("/tmp/l", RR_AT_SYMLINK_NOFOLLOW).st_uid, 7);
    CHECK_EQ(stat_of("/tmp/f", 0).st_uid, 1000);
    CHECK_EQ(rr_fs_fchmodat(RR_AT_FDCWD, "/tmp/nope", 0600, 0), -ENOENT);
    /* times: writes move mtime and ctime; utimensat sets them */
    struct rr_stat before = stat_of("/tmp/f", 0);
    fake_time_advance(5000000000ULL);
    CHECK_EQ(rr_fs_write((int)fd, "x", 1), 1);
    struct rr_stat after = stat_of("/tmp/f", 0);
    CHECK_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec + 5);
    CHECK_EQ(after.st_ctim.tv_sec, before.st_ctim.tv_sec + 5);
    struct rr_timespec ts[2] = { { 1000, 5 }, { 2000, 6 } };
    CHECK_EQ(rr_fs_utimensat(RR_AT_FDCWD, "/tmp/f", ts, 0), 0);
    st = stat_of("/tmp/f", 0);
    CHECK_EQ(st.st_atim.tv_sec, 1000);
    CHECK_EQ(st.st_atim.tv_nsec, 5);
    CHECK_EQ(st.st_mtim.tv_sec, 2000);
    CHECK_EQ(st.st_mtim.tv_nsec, 6);
    CHECK_EQ(st.st_ctim.tv_sec, after.st_ctim.tv_sec);
    struct rr_timespec omit[2] = { { 0, RR_UTIME_OMIT }, { 0, RR_UTIME_NOW } };
    CHECK_EQ(rr_fs_utimensat((int)fd, NULL, omit, 0), 0);
    st = stat_of("/tmp/f", 0);
    CHECK_EQ(st.st_atim.tv_sec, 1000);
    CHECK_EQ(st.st_mtim.tv_sec, after.st_mtim.tv_sec);
    struct rr_timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    CHECK_EQ(rr_fs_utimensat(RR_AT_FDCWD, "/tmp/f", bad, 0), -EINVAL);
    CHECK_EQ(rr_fs_utimensat(RR_AT_FDCWD, NULL, NULL, 0), -EFAULT);
    CHECK_EQ(rr_fs_utimensat(RR_AT_FDCWD, "/tmp/f", NULL, 0x4), -EINVAL);
    struct rr_timeval tv[2] = { { 10, 1 }, { 20, 2 } };
    CHECK_EQ(rr_fs_futimesat(RR_AT_FDCWD, "/tmp/f", tv), 0);
    st = stat_of("/tmp/f", 0);
    CHECK_EQ(st.st_mtim.tv_sec, 20);
    CHECK_EQ(st.st_mtim.tv_nsec, 2000);
    /* statx reports the same */
    struct rr_statx sx;
    CHECK_EQ(rr_fs_statx(RR_AT_FDCWD, "/tmp/f", 0, RR_STATX_BASIC_STATS, &sx), 0);
    CHECK_EQ(sx.stx_mask & RR_STATX_BASIC_STATS, RR_STATX_BASIC_STATS);
    CHECK_EQ(sx.stx_mode, RR_S_IFREG | 0600);
    CHECK_EQ(sx.stx_ino, st.st_ino);
    CHECK_EQ(sx.stx_size, 1);
    CHECK_EQ(sx.stx_mtime.tv_sec, 20);
    CHECK_EQ(sx.stx_uid, 1000);
    CHECK_EQ(rr_fs_statx(RR_AT_FDCWD, "/tmp/f", 0, RR_STATX__RESERVED, &sx), -EINVAL);
    CHECK_EQ(rr_fs_statx((int)fd, "", RR_AT_EMPTY_PATH, RR_STATX_BASIC_STATS, &sx), 0);
    CHECK_EQ(sx.stx_ino, st.st_ino);
    CHECK_EQ(rr_fs_statx((int)fd, "", 0, RR_STATX_BASIC_STATS, &sx), -ENOENT);
    struct rr_stat fst;
    CHECK_EQ(rr_fs_fstatat((int)fd, "", &fst, RR_AT_EMPTY_PATH), 0);
    CHECK_EQ(fst.st_ino, st.st_ino);
}

TEST(ramfs_access)
{
    fake_boot();
    put_file("/tmp/plain", "x");
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp/plain", RR_F_OK, 0), 0);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp/plain", RR_R_OK | RR_W_OK, 0), 0);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp/plain", RR_X_OK, 0), -EACCES);
    CHECK_EQ(rr_fs_fchmodat(RR_AT_FDCWD, "/tmp/plain", 0001, 0), 0);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp/plain", RR_X_OK | RR_R_OK, 0), 0);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/root", RR_X_OK, 0), 0);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/nope", RR_F_OK, 0), -ENOENT);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp", 8, 0), -EINVAL);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp", 0, 0x1), -EINVAL);
    CHECK_EQ(rr_fs_faccessat(RR_AT_FDCWD, "/tmp", 0, RR_AT_EACCESS), 0);
}

TEST(ramfs_mknod)
{
    fake_boot();
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/null2", RR_S_IFCHR | 0666, RR_MKDEV(1, 3)), 0);
    struct rr_stat st = stat_of("/tmp/null2", 0);
    CHECK_EQ(st.st_mode, RR_S_IFCHR | 0644);
    CHECK_EQ(st.st_rdev, RR_MKDEV(1, 3));
    long fd = rr_fs_openat(RR_AT_FDCWD, "/tmp/null2", RR_O_RDWR, 0);
    CHECK(fd >= 0);
    CHECK_EQ(rr_fs_write((int)fd, "abc", 3), 3);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/nodev", RR_S_IFCHR | 0666, RR_MKDEV(99, 1)), 0);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/tmp/nodev", RR_O_RDWR, 0), -ENXIO);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/reg", 0644, 0), 0);
    CHECK(RR_S_ISREG(stat_of("/tmp/reg", 0).st_mode));
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/fifo", RR_S_IFIFO | 0644, 0), 0);
    CHECK(RR_S_ISFIFO(stat_of("/tmp/fifo", 0).st_mode));
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/dir", RR_S_IFDIR | 0755, 0), -EPERM);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/bad", 0170000 | 0755, 0), -EINVAL);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/tmp/reg", 0644, 0), -EEXIST);
}
