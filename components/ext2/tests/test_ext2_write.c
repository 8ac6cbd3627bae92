/* Writing: every scenario ends unmounted, and e2fsck -fn must find the image clean;
 * debugfs (the host's own reader) checks what was written where it matters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ext2_test.h"

static struct rr_mount *fresh(const char *opts, const char *size)
{
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, NULL, opts, size);
    return e2t_mount_img(img, "/mnt", false);
}

static void done(struct rr_mount *m)
{
    e2t_unmount_img(m);
    e2t_fsck_clean(e2t_tpath("img"));
}

static uint64_t free_blocks(void)
{
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/mnt", &sf), 0);
    return sf.f_bfree;
}

/* debugfs's view of a file's contents must equal buf. */
static void debugfs_same(const char *path, const void *buf, size_t n)
{
    const char *out = e2t_tpath("dump");
    e2t_sh("debugfs -R 'dump %s %s' %s", path, out, e2t_tpath("img"));
    FILE *f = fopen(out, "rb");
    if (!f)
        FAIL("debugfs did not dump %s", path);
    unsigned char *h = malloc(n + 1);
    size_t got = fread(h, 1, n + 1, f);
    fclose(f);
    CHECK_EQ(got, n);
    if (memcmp(h, buf, n))
        FAIL("debugfs reads different contents for %s", path);
    free(h);
}

EXT2_TEST(ext2_write_create_append_read_back)
{
    struct rr_mount *m = fresh("-b 1024", "4M");
    e2t_put_bytes("/mnt/hello", "hello ", 6);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/hello", RR_O_WRONLY | RR_O_APPEND, 0);
    CHECK(fd >= 0);
    CHECK_EQ(rr_fs_write((int)fd, "world\n", 6), 6);
    rr_fs_close((int)fd);
    size_t n;
    unsigned char *b = e2t_get_bytes("/mnt/hello", &n);
    CHECK_EQ(n, 12);
    CHECK_MEM(b, "hello world\n", 12);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/mnt/hello", RR_O_CREAT | RR_O_EXCL | RR_O_WRONLY, 0644), -EEXIST);
    struct rr_stat st = e2t_xstat("/mnt/hello");
    CHECK_EQ(st.st_mode, RR_S_IFREG | 0644);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_blocks, 2);
    CHECK_EQ(st.st_blksize, 1024);
    done(m);
    debugfs_same("/hello", "hello world\n", 12);
}

EXT2_TEST(ext2_write_large_file_double_and_triple_indirect)
{
    struct rr_mount *m = fresh("-b 1024", "16M");
    uint64_t before = free_blocks();
    size_t n = 1100 * 1024;   /* 12 direct + 256 single + the rest double-indirect */
    unsigned char *buf = malloc(n);
    e2t_pattern(buf, n, 7);
    e2t_put_bytes("/mnt/big", buf, n);
    size_t got;
    unsigned char *back = e2t_get_bytes("/mnt/big", &got);
    CHECK_EQ(got, n);
    CHECK(memcmp(back, buf, n) == 0);
    /* data blocks + 1 single + 1 double + 4 of its indirect blocks */
    CHECK_EQ(e2t_xstat("/mnt/big").st_blocks, (1100 + 1 + 1 + 4) * 2);
    CHECK_EQ(before - free_blocks(), 1100 + 6);
    /* one block past the double-indirect range: triple-indirect, sparse */
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/far", RR_O_RDWR | RR_O_CREAT, 0644);
    long off = (12 + 256 + 65536 + 5) * 1024L;
    CHECK_EQ(rr_fs_pwrite((int)fd, "far", 3, off), 3);
    char tmp[8] = {1, 1, 1};
    CHECK_EQ(rr_fs_pread((int)fd, tmp, 3, off - 3), 3);
    CHECK_MEM(tmp, "\0\0\0", 3);
    CHECK_EQ(rr_fs_pread((int)fd, tmp, 8, off), 3);
    CHECK_MEM(tmp, "far", 3);
    CHECK_EQ(e2t_xstat("/mnt/far").st_blocks, 4 * 2);   /* data + three indirect levels */
    rr_fs_close((int)fd);
    done(m);
    debugfs_same("/big", buf, n);
}

EXT2_TEST(ext2_write_sparse_and_truncate)
{
    struct rr_mount *m = fresh("-b 4096", "8M");
    uint64_t before = free_blocks();
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/s", RR_O_RDWR | RR_O_CREAT, 0644);
    CHECK_EQ(rr_fs_pwrite((int)fd, "end", 3, 100L << 20), 3);   /* 100 MiB on an 8 MiB disk */
    CHECK_EQ(e2t_xstat("/mnt/s").st_size, (100L << 20) + 3);
    CHECK(before - free_blocks() <= 3);
    /* shrink into the data, then grow: the tail reads as zeros */
    unsigned char buf[10000];
    e2t_pattern(buf, sizeof(buf), 3);
    CHECK_EQ(rr_fs_pwrite((int)fd, buf, sizeof(buf), 0), (long)sizeof(buf));
    CHECK_EQ(rr_fs_ftruncate((int)fd, 5000), 0);
    CHECK_EQ(free_blocks(), before - 2);
    CHECK_EQ(rr_fs_ftruncate((int)fd, 20000), 0);
    unsigned char back[20000];
    CHECK_EQ(rr_fs_pread((int)fd, back, sizeof(back), 0), 20000);
    CHECK_MEM(back, buf, 5000);
    for (int i = 5000; i < 20000; i++)
        if (back[i])
            FAIL("byte %d is %d after shrink and grow", i, back[i]);
    CHECK_EQ(rr_fs_ftruncate((int)fd, 0), 0);
    CHECK_EQ(free_blocks(), before);
    CHECK_EQ(e2t_xstat("/mnt/s").st_blocks, 0);
    rr_fs_close((int)fd);
    /* O_TRUNC frees a big file's blocks, indirect ones included */
    unsigned char *big = calloc(1, 3 << 20);
    e2t_put_bytes("/mnt/t", big, 3 << 20);
    e2t_put_bytes("/mnt/t", "x", 1);
    CHECK_EQ(free_blocks(), before - 1);
    free(big);
    done(m);
}

EXT2_TEST(ext2_write_names_links_and_directories)
{
    struct rr_mount *m = fresh("-b 2048", "4M");
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/d", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/d/e", 0700), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/d/e", 0700), -EEXIST);
    CHECK_EQ(e2t_xstat("/mnt/d").st_nlink, 3);
    CHECK_EQ(e2t_xstat("/mnt").st_nlink, 4);   /* ., lost+found, d */
    e2t_put_bytes("/mnt/d/e/f", "data", 4);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/d/e", RR_AT_REMOVEDIR), -ENOTEMPTY);
    CHECK_EQ(rr_fs_linkat(RR_AT_FDCWD, "/mnt/d/e/f", RR_AT_FDCWD, "/mnt/g", 0), 0);
    CHECK_EQ(e2t_xstat("/mnt/g").st_nlink, 2);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/d/e/f", 0), 0);
    CHECK_EQ(e2t_xstat("/mnt/g").st_nlink, 1);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/d/e", RR_AT_REMOVEDIR), 0);
    CHECK_EQ(e2t_xstat("/mnt/d").st_nlink, 2);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/d", 0), -EISDIR);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/g", RR_AT_REMOVEDIR), -ENOTDIR);
    CHECK_STR(e2t_list_dir("/mnt"), "d g lost+found");
    /* symbolic links: fast (in the inode) and slow (a block) */
    char target[300];
    memset(target, 'y', sizeof(target) - 1);
    target[sizeof(target) - 1] = 0;
    CHECK_EQ(rr_fs_symlinkat("g", RR_AT_FDCWD, "/mnt/fast"), 0);
    CHECK_EQ(rr_fs_symlinkat(target, RR_AT_FDCWD, "/mnt/slow"), 0);
    char buf[400];
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/mnt/fast", buf, sizeof(buf)), 1);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/mnt/slow", buf, sizeof(buf)), 299);
    CHECK_MEM(buf, target, 299);
    CHECK_EQ(e2t_xstat("/mnt/slow").st_blocks, 4);
    size_t n;
    CHECK_MEM(e2t_get_bytes("/mnt/fast", &n), "data", 4);
    CHECK_EQ(n, 4);
    /* special files */
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/mnt/fifo", RR_S_IFIFO | 0644, 0), 0);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/mnt/null", RR_S_IFCHR | 0666, RR_MKDEV(1, 3)), 0);
    CHECK_EQ(rr_fs_mknodat(RR_AT_FDCWD, "/mnt/bigdev", RR_S_IFBLK | 0600, RR_MKDEV(300, 70000)), 0);
    CHECK_EQ(e2t_xstat("/mnt/null").st_rdev, RR_MKDEV(1, 3));
    CHECK_EQ(e2t_xstat("/mnt/bigdev").st_rdev, RR_MKDEV(300, 70000));
    CHECK_EQ(e2t_xstat("/mnt/fifo").st_mode, RR_S_IFIFO | 0644);
    done(m);
    const char *out;
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'stat /slow' %s | grep -c 'Fast link dest' ; debugfs -R 'stat /fast' %s",
                       e2t_tpath("img"), e2t_tpath("img")), 0);
    CHECK(strstr(out, "Fast link dest: \"g\""));
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'stat /bigdev' %s", e2t_tpath("img")), 0);
    CHECK(strstr(out, "Device major/minor number: 300:70000"));
}

EXT2_TEST(ext2_write_renames)
{
    struct rr_mount *m = fresh("-b 1024", "4M");
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/a", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/b", 0755), 0);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/a/sub", 0755), 0);
    e2t_put_bytes("/mnt/a/f1", "one", 3);
    e2t_put_bytes("/mnt/a/f2", "two", 3);
    e2t_put_bytes("/mnt/b/f3", "three", 5);
    /* same directory */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/f1", RR_AT_FDCWD, "/mnt/a/g1", 0), 0);
    /* another directory, replacing a file */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/f2", RR_AT_FDCWD, "/mnt/b/f3", 0), 0);
    size_t n;
    CHECK_MEM(e2t_get_bytes("/mnt/b/f3", &n), "two", 3);
    /* a directory to another parent: ".." and both link counts follow */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/sub", RR_AT_FDCWD, "/mnt/b/sub", 0), 0);
    CHECK_EQ(e2t_xstat("/mnt/a").st_nlink, 2);
    CHECK_EQ(e2t_xstat("/mnt/b").st_nlink, 3);
    CHECK_EQ(e2t_xstat("/mnt/b/sub/..").st_ino, e2t_xstat("/mnt/b").st_ino);
    /* a directory over an empty one, and not over a full one */
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/a/empty", 0755), 0);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/b/sub", RR_AT_FDCWD, "/mnt/a/empty", 0), 0);
    CHECK_EQ(e2t_xstat("/mnt/a").st_nlink, 3);
    CHECK_EQ(e2t_xstat("/mnt/b").st_nlink, 2);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/b/full", 0755), 0);
    e2t_put_bytes("/mnt/b/full/x", "x", 1);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/empty", RR_AT_FDCWD, "/mnt/b/full", 0), -ENOTEMPTY);
    /* exchange a file and a directory across directories */
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/g1", RR_AT_FDCWD, "/mnt/b/full", RR_RENAME_EXCHANGE), 0);
    CHECK_EQ(e2t_xstat("/mnt/a/g1/x").st_size, 1);
    CHECK_MEM(e2t_get_bytes("/mnt/b/full", &n), "one", 3);
    CHECK_EQ(e2t_xstat("/mnt/a").st_nlink, 4);
    CHECK_EQ(e2t_xstat("/mnt/b").st_nlink, 2);
    CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, "/mnt/a/g1", RR_AT_FDCWD, "/mnt/b/full", RR_RENAME_NOREPLACE), -EEXIST);
    /* many renames inside one block: records split and merge */
    for (int i = 0; i < 40; i++) {
        char a[64];
        snprintf(a, sizeof(a), "/mnt/b/n%d", i);
        e2t_put_bytes(a, a, strlen(a));
    }
    for (int i = 0; i < 40; i++) {
        char a[64], b[64];
        snprintf(a, sizeof(a), "/mnt/b/n%d", i);
        snprintf(b, sizeof(b), "/mnt/b/renamed-with-a-longer-name-%d", i);
        CHECK_EQ(rr_fs_renameat2(RR_AT_FDCWD, a, RR_AT_FDCWD, b, 0), 0);
        CHECK_EQ(e2t_xstat(b).st_size, (long)strlen(a));
    }
    done(m);
}

EXT2_TEST(ext2_write_attributes_survive_remount)
{
    struct rr_mount *m = fresh("-b 1024", "4M");
    e2t_put_bytes("/mnt/f", "x", 1);
    CHECK_EQ(rr_fs_fchownat(RR_AT_FDCWD, "/mnt/f", 70000, 80000, 0), 0);
    CHECK_EQ(rr_fs_fchmodat(RR_AT_FDCWD, "/mnt/f", 04751, 0), 0);
    struct rr_timespec ts[2] = { { 1000000000, 123456789 }, { 1234567890, 987654321 } };
    CHECK_EQ(rr_fs_utimensat(RR_AT_FDCWD, "/mnt/f", ts, 0), 0);
    e2t_unmount_img(m);
    e2t_mount_img(e2t_tpath("img"), "/mnt2", false);
    struct rr_stat st = e2t_xstat("/mnt2/f");
    CHECK_EQ(st.st_mode, RR_S_IFREG | 04751);
    CHECK_EQ(st.st_uid, 70000);
    CHECK_EQ(st.st_gid, 80000);
    CHECK_EQ(st.st_atim.tv_sec, 1000000000);
    CHECK_EQ(st.st_atim.tv_nsec, 123456789);
    CHECK_EQ(st.st_mtim.tv_sec, 1234567890);
    CHECK_EQ(st.st_mtim.tv_nsec, 987654321);
    e2t_fsck_clean(e2t_tpath("img"));
}

EXT2_TEST(ext2_write_unlinked_open_file_and_state)
{
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, NULL, "-b 1024", "4M");
    struct ext2_super sb;
    e2t_peek(img, 1024, &sb, sizeof(sb));
    uint16_t mounts = sb.s_mnt_count;
    struct rr_mount *m = e2t_mount_img(img, "/mnt", false);
    e2t_peek(img, 1024, &sb, sizeof(sb));
    CHECK_EQ(sb.s_state & 1, 0);            /* marked not clean while mounted */
    CHECK_EQ(sb.s_mnt_count, mounts + 1);
    uint64_t before = free_blocks();
    unsigned char buf[50000];
    e2t_pattern(buf, sizeof(buf), 1);
    e2t_put_bytes("/mnt/f", buf, sizeof(buf));
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/f", RR_O_RDWR, 0);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/f", 0), 0);
    CHECK_EQ(rr_fs_write((int)fd, "more", 4), 4);
    unsigned char back[100];
    CHECK_EQ(rr_fs_pread((int)fd, back, 100, 0), 100);
    CHECK_MEM(back, "more", 4);
    CHECK_MEM(back + 4, buf + 4, 96);
    CHECK_EQ(e2t_xstat("/mnt").st_nlink, 3);
    CHECK(free_blocks() < before);
    rr_fs_close((int)fd);
    CHECK_EQ(free_blocks(), before);
    /* still open at unmount: its space comes back then */
    e2t_put_bytes("/mnt/g", buf, sizeof(buf));
    fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/g", RR_O_RDONLY, 0);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/g", 0), 0);
    e2t_unmount_img(m);
    e2t_peek(img, 1024, &sb, sizeof(sb));
    CHECK_EQ(sb.s_state, 1);
    CHECK(e2t_last_dev()->flushes > 0);
    e2t_fsck_clean(img);
}

EXT2_TEST(ext2_write_big_directory)
{
    struct rr_mount *m = fresh("-b 1024", "8M");
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/many", 0755), 0);
    for (int i = 0; i < 2000; i++) {
        char p[80];
        snprintf(p, sizeof(p), "/mnt/many/entry-number-%04d", i);
        long fd = rr_fs_openat(RR_AT_FDCWD, p, RR_O_WRONLY | RR_O_CREAT | RR_O_EXCL, 0644);
        if (fd < 0)
            FAIL("create %s: %ld", p, fd);
        rr_fs_close((int)fd);
    }
    const char *names = e2t_list_dir("/mnt/many");
    CHECK_EQ(strlen(names), 2000 * 17 + 1999);
    for (int i = 0; i < 2000; i += 2) {
        char p[80];
        snprintf(p, sizeof(p), "/mnt/many/entry-number-%04d", i);
        CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, p, 0), 0);
    }
    CHECK_EQ(strlen(e2t_list_dir("/mnt/many")), 1000 * 17 + 999);
    CHECK_EQ(e2t_xstat("/mnt/many/entry-number-1999").st_size, 0);
    CHECK_EQ(e2t_xstat("/mnt/many/entry-number-0001").st_size, 0);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/mnt/many/entry-number-1998", &(struct rr_stat){0}, 0), -ENOENT);
    done(m);
}

EXT2_TEST(ext2_write_big_directory_made_by_mke2fs)
{
    /* a directory mke2fs filled: possibly hashed (dir_index); changing it must keep e2fsck happy */
    const char *tree = e2t_tpath("tree");
    e2t_sh("rm -rf %s; mkdir -p %s/d; cd %s/d; for i in $(seq 1 1500); do : > file-$i; done", tree, tree, tree);
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, tree, "-b 1024", "8M");
    struct rr_mount *m = e2t_mount_img(img, "/mnt", false);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/d/file-700", 0), 0);
    e2t_put_bytes("/mnt/d/new", "n", 1);
    CHECK_EQ(strlen(e2t_list_dir("/mnt/d")) > 0, 1);
    done(m);
}

EXT2_TEST(ext2_write_fills_the_disk)
{
    struct rr_mount *m = fresh("-b 1024 -N 64", "1M");
    unsigned char *buf = calloc(1, 2 << 20);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/fill", RR_O_WRONLY | RR_O_CREAT, 0644);
    long total = 0;
    for (;;) {
        long w = rr_fs_write((int)fd, buf, 65536);
        if (w == -ENOSPC)
            break;
        if (w <= 0)
            FAIL("write: %ld", w);
        total += w;
    }
    rr_fs_close((int)fd);
    CHECK(total > 500000);
    CHECK_EQ(free_blocks(), 0);
    /* inodes run out too */
    int made = 0;
    for (;;) {
        char p[64];
        snprintf(p, sizeof(p), "/mnt/i%d", made);
        long r = rr_fs_openat(RR_AT_FDCWD, p, RR_O_WRONLY | RR_O_CREAT, 0644);
        if (r < 0) {
            CHECK_EQ(r, -ENOSPC);
            break;
        }
        rr_fs_close((int)r);
        made++;
    }
    CHECK(made > 10);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/fill", 0), 0);
    CHECK(free_blocks() > 500);
    free(buf);
    done(m);
}

EXT2_TEST(ext2_write_sync_and_fsync_reach_the_disk)
{
    struct rr_mount *m = fresh("-b 1024", "4M");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/f", RR_O_WRONLY | RR_O_CREAT, 0644);
    CHECK_EQ(rr_fs_write((int)fd, "durable", 7), 7);
    long w = e2t_last_dev()->writes, fl = e2t_last_dev()->flushes;
    CHECK_EQ(rr_fs_fsync((int)fd), 0);
    CHECK(e2t_last_dev()->writes > w);
    CHECK_EQ(e2t_last_dev()->flushes, fl + 1);
    rr_fs_close((int)fd);
    /* what is on the disk now is consistent enough for debugfs to read the file */
    const char *out;
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'cat /f' %s", e2t_tpath("img")), 0);
    CHECK(strstr(out, "durable"));
    CHECK_EQ(rr_ext2_fstype.sync(m), 0);
    /* O_SYNC writes are on the disk when write returns */
    fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/s", RR_O_WRONLY | RR_O_CREAT | RR_O_SYNC, 0644);
    fl = e2t_last_dev()->flushes;
    CHECK_EQ(rr_fs_write((int)fd, "sync", 4), 4);
    CHECK_EQ(e2t_last_dev()->flushes, fl + 1);
    rr_fs_close((int)fd);
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'cat /s' %s", e2t_tpath("img")), 0);
    CHECK(strstr(out, "sync"));
    done(m);
}
