/*
 * iso9660 through the system calls, on images made by xorriso and genisoimage
 * from trees built here: Rock Ridge names, modes, links, times, long names in
 * continuation areas, relocated deep directories, plain ISO names, read-only
 * refusals, and damaged images (mount refusals, EIO, no crash under ASan).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <rr/kern.h>
#include <rr/vfs_calls.h>
#include <rr/iso9660.h>
#include "test.h"
#include "harness.h"
#include "vfs_helpers.h"
#include "iso_test_support.h"

#define LONG_NAME_200 "n123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890" \
                      "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890.txt"

static char *repeat(char c, size_t n)
{
    char *s = malloc(n + 1);
    memset(s, c, n);
    s[n] = 0;
    return s;
}

/* 300 bytes over three components (Rock Ridge names, link components too, stop at 255) */
static char *long_target(void)
{
    char *s = repeat('t', 300);
    s[99] = s[199] = '/';
    return s;
}

/* The shared tree: what a typical -b DIR holds. */
static void make_tree(void)
{
    char *name255 = repeat('L', 255);
    char *target300 = long_target();
    iso_test_sh("mkdir -p src/deep/a/b/c/d/e/f/g/h/i src/many && "
                "printf 'hello\\n' > src/hello.txt && "
                "printf 'deep file\\n' > src/deep/a/b/c/d/e/f/g/h/i/leaf.txt && "
                "printf 'x' > 'src/%s' && printf 'y' > 'src/%s' && "
                ": > src/empty && head -c 300000 /dev/urandom > src/random.bin && "
                "printf '#!/bin/sh\\n' > src/run.sh && chmod 0750 src/run.sh && chmod 0700 src/deep && "
                "ln -s hello.txt src/link && ln -s ../../hello.txt src/deep/a/up && ln -s /etc/passwd src/abs && "
                "ln -s '%s/x' src/longlink && "
                "for i in $(seq 1 150); do : > src/many/file-number-$i; done && "
                "touch -d '2001-02-03 04:05:06' src/hello.txt",
                LONG_NAME_200, name255, target300);
    free(name255);
    free(target300);
}

static void mount_image(const char *image)
{
    fake_boot();
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), image);
    iso_test_mount(iso_test_blkdev(path), "/data");
}

static void check_file_matches_host(const char *guest, const char *host_rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), host_rel);
    FILE *f = fopen(path, "rb");
    CHECK(f);
    static char want[400000], got[400000];
    size_t n = fread(want, 1, sizeof(want), f);
    fclose(f);
    long fd = rr_fs_openat(RR_AT_FDCWD, guest, RR_O_RDONLY, 0);
    CHECK(fd >= 0);
    size_t total = 0;
    long r;
    /* odd-sized reads cross block and cache-page boundaries */
    while ((r = rr_fs_read((int)fd, got + total, 4999)) > 0)
        total += (size_t)r;
    CHECK_EQ(r, 0);
    CHECK_EQ(total, n);
    CHECK_MEM(got, want, n);
    CHECK_EQ(rr_fs_pread((int)fd, got, 10, (long)n - 3), 3);
    CHECK_MEM(got, want + n - 3, 3);
    rr_fs_close((int)fd);
}

static void check_tree(bool relocated)
{
    CHECK_STR(get_file("/data/hello.txt"), "hello\n");
    CHECK_STR(get_file("/data/deep/a/b/c/d/e/f/g/h/i/leaf.txt"), "deep file\n");
    CHECK_STR(get_file("/data/" LONG_NAME_200), "x");
    char path[300];
    char *name255 = repeat('L', 255);
    snprintf(path, sizeof(path), "/data/%s", name255);
    CHECK_STR(get_file(path), "y");
    CHECK_STR(get_file("/data/empty"), "");
    check_file_matches_host("/data/random.bin", "src/random.bin");

    struct rr_stat st = stat_of("/data/run.sh", 0);
    CHECK_EQ(st.st_mode, RR_S_IFREG | 0750);
    CHECK_EQ(st.st_size, 10);
    CHECK_EQ(st.st_uid, getuid());
    st = stat_of("/data/deep", 0);
    CHECK_EQ(st.st_mode, RR_S_IFDIR | 0700);
    st = stat_of("/data/hello.txt", 0);
    CHECK_EQ(st.st_mtim.tv_sec, 981173106 + 0);   /* 2001-02-03 04:05:06 in the test's zone: UTC below */
    st = stat_of("/data/link", RR_AT_SYMLINK_NOFOLLOW);
    CHECK_EQ(st.st_mode & RR_S_IFMT, RR_S_IFLNK);
    CHECK_EQ(st.st_size, 9);

    char buf[600];
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/data/link", buf, sizeof(buf)), 9);
    CHECK_MEM(buf, "hello.txt", 9);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/data/abs", buf, sizeof(buf)), 11);
    CHECK_MEM(buf, "/etc/passwd", 11);
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/data/deep/a/up", buf, sizeof(buf)), 15);
    CHECK_MEM(buf, "../../hello.txt", 15);
    CHECK_STR(get_file("/data/deep/a/up"), "hello\n");   /* followed inside the volume */
    char *target300 = long_target();
    CHECK_EQ(rr_fs_readlinkat(RR_AT_FDCWD, "/data/longlink", buf, sizeof(buf)), 302);
    CHECK_MEM(buf, target300, 300);
    CHECK_MEM(buf + 300, "/x", 2);

    char want[8192];
    snprintf(want, sizeof(want), "%s\nabs\ndeep\nempty\nhello.txt\nlink\nlonglink\nmany\n%s\nrandom.bin\n%srun.sh\n",
             name255, LONG_NAME_200, relocated ? "rr_moved\n" : "");
    CHECK_STR(iso_test_list("/data"), want);
    const char *many = iso_test_list("/data/many");
    size_t lines = 0;
    for (const char *p = many; *p; p++)
        lines += *p == '\n';
    CHECK_EQ(lines, 150);
    CHECK(strstr(many, "file-number-150\n"));
    if (relocated)
        CHECK_STR(iso_test_list("/data/rr_moved"), "");

    /* getcwd walks ".." and readdir: inode numbers must agree */
    CHECK_EQ(rr_fs_chdir("/data/deep/a/b/c/d/e/f/g/h/i"), 0);
    CHECK_STR(cwd(), "/data/deep/a/b/c/d/e/f/g/h/i");
    CHECK_STR(get_file("../../../../../../../../../../hello.txt"), "hello\n");
    struct rr_stat a = stat_of("/data/deep/a/b", 0), b = stat_of("/data/deep/a/b/c/..", 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    free(name255);
    free(target300);
}

TEST(iso9660_xorriso_rock_ridge_tree)
{
    if (!iso_test_have("xorriso"))
        return;
    make_tree();
    iso_test_sh("TZ=UTC xorriso -as mkisofs -R -o x.iso src");
    setenv("TZ", "UTC", 1);
    mount_image("x.iso");
    check_tree(false);
}

TEST(iso9660_genisoimage_relocates_deep_directories)
{
    if (!iso_test_have("genisoimage"))
        return;
    make_tree();
    iso_test_sh("TZ=UTC genisoimage -R -o g.iso src");
    mount_image("g.iso");
    check_tree(true);
}

TEST(iso9660_plain_names_without_rock_ridge)
{
    if (!iso_test_have("genisoimage"))
        return;
    iso_test_sh("mkdir -p plain/SUB && printf 'a' > plain/README.TXT && printf 'b' > plain/NOEXT && "
                "printf 'c' > plain/SUB/X.C && genisoimage -o p.iso plain");
    mount_image("p.iso");
    CHECK_STR(iso_test_list("/data"), "noext\nreadme.txt\nsub\n");
    CHECK_STR(get_file("/data/readme.txt"), "a");
    CHECK_STR(get_file("/data/noext"), "b");
    CHECK_STR(get_file("/data/sub/x.c"), "c");
    struct rr_stat st = stat_of("/data/readme.txt", 0);
    CHECK_EQ(st.st_mode, RR_S_IFREG | 0444);
    CHECK_EQ(stat_of("/data/sub", 0).st_mode, RR_S_IFDIR | 0555);
}

TEST(iso9660_refuses_writes)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p w/d && printf 'a' > w/f && xorriso -as mkisofs -R -o w.iso w");
    mount_image("w.iso");
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/data/f", RR_O_WRONLY, 0), -EROFS);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/data/new", RR_O_WRONLY | RR_O_CREAT, 0644), -EROFS);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/data/d2", 0755), -EROFS);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/data/f", 0), -EROFS);
    CHECK_EQ(rr_fs_symlinkat("f", RR_AT_FDCWD, "/data/l"), -EROFS);
    CHECK_EQ(rr_fs_fchmodat(RR_AT_FDCWD, "/data/f", 0777, 0), -EROFS);
    CHECK_EQ(rr_fs_truncate("/data/f", 0), -EROFS);
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/data", &sf), 0);
    CHECK_EQ(sf.f_type, RR_ISO9660_MAGIC);
    CHECK_EQ(sf.f_bsize, 2048);
    CHECK(sf.f_flags & RR_ST_RDONLY);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/data/missing", RR_O_RDONLY, 0), -ENOENT);
}

TEST(iso9660_probe)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p pr && xorriso -as mkisofs -R -V EMPTY -o pr.iso pr && head -c 1048576 /dev/zero > zero.img");
    char path[512];
    snprintf(path, sizeof(path), "%s/pr.iso", iso_test_tmpdir());
    CHECK(rr_iso9660_fstype.probe(iso_test_blkdev(path)));
    snprintf(path, sizeof(path), "%s/zero.img", iso_test_tmpdir());
    CHECK(!rr_iso9660_fstype.probe(iso_test_blkdev(path)));
    char err[256];
    CHECK_EQ(iso_test_try_mount(iso_test_blkdev(path), err, sizeof(err)), -EINVAL);
    CHECK_STR(err, "iso9660: volume descriptor at block 16: no CD001 identifier of version 1");
}

static void refused(const char *image, long offset, const void *bytes, size_t n, const char *message)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), image);
    iso_test_patch(path, offset, bytes, n);
    char err[256];
    int e = iso_test_try_mount(iso_test_blkdev(path), err, sizeof(err));
    if (e == 0)
        FAIL("mounted despite: %s", message);
    if (strncmp(err, message, strlen(message)) != 0)
        FAIL("mount said \"%s\", expected \"%s...\"", err, message);
}

static uint32_t read_le32(const char *image, long offset)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), image);
    FILE *f = fopen(path, "rb");
    uint8_t b[4] = { 0 };
    CHECK(f && fseek(f, offset, SEEK_SET) == 0 && fread(b, 1, 4, f) == 4);
    fclose(f);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static long device_blocks(const char *image)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), image);
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    return (long)(st.st_size / 2048);
}

TEST(iso9660_mount_refuses_bad_descriptors)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p m && printf 'a' > m/f && xorriso -as mkisofs -R -o m.iso m && "
                "for i in 1 2 3 4 5 6; do cp m.iso m$i.iso; done");
    const long pvd = 16 * 2048;
    uint8_t bs[4] = { 0x00, 0x02, 0x02, 0x00 };   /* 512 in both orders */
    refused("m1.iso", pvd + 128, bs, 4, "iso9660: primary volume descriptor: logical block size 512 (only 2048 is supported)");
    uint8_t le_only[1] = { 0x01 };
    refused("m2.iso", pvd + 128, le_only, 1, "iso9660: primary volume descriptor: its little- and big-endian copies disagree");
    uint8_t huge[8] = { 0xff, 0xff, 0xff, 0x00, 0x00, 0xff, 0xff, 0xff };
    char msg[200];
    snprintf(msg, sizeof(msg), "iso9660: primary volume descriptor: a volume of 16777215 blocks on a device of %ld",
             device_blocks("m3.iso"));
    refused("m3.iso", pvd + 80, huge, 8, msg);
    refused("m4.iso", 17 * 2048 + 1, "XXXXX", 5, "iso9660: volume descriptor at block 17: no CD001 identifier of version 1");
    uint8_t far[8] = { 0x00, 0xff, 0xff, 0x00, 0x00, 0xff, 0xff, 0x00 };
    refused("m5.iso", pvd + 156 + 2, far, 8, "iso9660: root directory: 2048 bytes at block 16776960 do not fit the volume of");
    uint32_t root = read_le32("m6.iso", pvd + 156 + 2);
    snprintf(msg, sizeof(msg), "iso9660: root directory at block %u does not start with its \".\" record", root);
    refused("m6.iso", (long)root * 2048, "\0", 1, msg);
}

/* The host harness prints platform messages on stderr: the tests below keep it in a file. */
static char messages_path[512];

static void capture_messages(void)
{
    snprintf(messages_path, sizeof(messages_path), "%s/messages", iso_test_tmpdir());
    if (!freopen(messages_path, "w", stderr))
        FAIL("cannot redirect stderr");
    setvbuf(stderr, NULL, _IONBF, 0);
}

static bool console_says(const char *text)
{
    static char out[65536];
    FILE *f = fopen(messages_path, "r");
    CHECK(f);
    size_t len = fread(out, 1, sizeof(out) - 1, f);
    fclose(f);
    out[len] = 0;
    return strstr(out, text) != NULL;
}

static void mount_patched(const char *image, const char *identifier, long delta, const void *bytes, size_t n)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", iso_test_tmpdir(), image);
    iso_test_patch(path, iso_test_find_record(path, identifier) + delta, bytes, n);
    capture_messages();
    mount_image(image);
}

TEST(iso9660_damaged_record_is_eio)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p r && printf 'a' > r/f && xorriso -as mkisofs -R -o r.iso r");
    uint8_t five = 5;
    mount_patched("r.iso", "F.;1", 0, &five, 1);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/data/f", RR_O_RDONLY, 0), -EIO);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/data", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    char buf[1024];
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, sizeof(buf)), 48);   /* "." and ".." come from memory */
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, sizeof(buf)), -EIO);
    CHECK(console_says("rumprun: iso9660 rr0: directory record at byte "));
    CHECK(console_says(": length 5 (I/O error)"));
}

TEST(iso9660_data_outside_the_volume_is_eio)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p o && printf 'abc' > o/f && xorriso -as mkisofs -R -o o.iso o");
    uint8_t far[8] = { 0x00, 0x00, 0xff, 0x00, 0x00, 0xff, 0x00, 0x00 };
    mount_patched("o.iso", "F.;1", 2, far, 8);
    CHECK_EQ(stat_of("/data/f", 0).st_size, 3);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/data/f", RR_O_RDONLY, 0);
    CHECK(fd >= 0);
    char buf[8];
    CHECK_EQ(rr_fs_read((int)fd, buf, sizeof(buf)), -EIO);
    CHECK(console_says("rumprun: iso9660 rr0: file data at block 16711680 is outside the volume (I/O error)"));
}

TEST(iso9660_bad_rock_ridge_entries_are_eio)
{
    if (!iso_test_have("xorriso"))
        return;
    iso_test_sh("mkdir -p s && printf 'a' > s/f && xorriso -as mkisofs -R -o s.iso s && cp s.iso s2.iso");
    /* the System Use area follows the 4-byte name "F.;1" and its pad byte: make its first entry overlong */
    uint8_t overlong = 250;
    mount_patched("s.iso", "F.;1", 33 + 4 + 1 + 2, &overlong, 1);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/data/f", RR_O_RDONLY, 0), -EIO);
    CHECK(console_says("System Use entry"));
}

TEST(iso9660_continuation_loop_ends)
{
    if (!iso_test_have("xorriso"))
        return;
    char *name255 = repeat('L', 255);
    iso_test_sh("mkdir -p c && printf 'a' > c/%s && xorriso -as mkisofs -R -o c.iso c", name255);
    char path[512];
    snprintf(path, sizeof(path), "%s/c.iso", iso_test_tmpdir());
    /* find the file's CE entry and point it at its own continuation area, which holds another CE... */
    FILE *f = fopen(path, "rb");
    static uint8_t img[1 << 20];
    size_t size = fread(img, 1, sizeof(img), f);
    fclose(f);
    long ce = -1;
    for (size_t i = 0; i + 28 <= size; i++)
        if (img[i] == 'C' && img[i + 1] == 'E' && img[i + 2] == 28 && img[i + 3] == 1) {
            ce = (long)i;   /* the last one: the root's own CE comes first */
        }
    CHECK(ce > 0);
    uint32_t block = (uint32_t)img[ce + 4] | (uint32_t)img[ce + 5] << 8 | (uint32_t)img[ce + 6] << 16;
    uint32_t offset = (uint32_t)img[ce + 12] | (uint32_t)img[ce + 13] << 8;
    /* the continuation area becomes one CE entry pointing at itself */
    uint8_t loop[28] = { 'C', 'E', 28, 1 };
    memcpy(loop + 4, img + ce + 4, 24);
    loop[20] = 28;
    loop[21] = loop[22] = loop[23] = 0;
    loop[24] = loop[25] = loop[26] = 0;
    loop[27] = 28;
    iso_test_patch(path, (long)block * 2048 + offset, loop, sizeof(loop));
    iso_test_patch(path, ce + 20, loop + 20, 8);
    capture_messages();
    mount_image("c.iso");
    long fd = rr_fs_openat(RR_AT_FDCWD, "/data", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    char buf[2048];
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, sizeof(buf)), 48);
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, sizeof(buf)), -EIO);
    CHECK(console_says("chained CE continuation areas"));
    free(name255);
}

