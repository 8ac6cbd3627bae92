/* Damaged images: a bad superblock or descriptor is refused at mount with a
 * one-line reason; damage further in makes operations fail with EIO. Nothing
 * may crash (the sanitizers watch) or hang (the alarm watches). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ext2_test.h"

static const char *tree_image(const char *opts)
{
    const char *tree = e2t_tpath("tree");
    e2t_sh("set -e; T=%s; rm -rf $T; mkdir -p $T/a/b/c; for i in $(seq 1 60); do echo file $i > $T/a/f$i; done;"
           "head -c 300000 /dev/urandom > $T/a/b/big; ln -s f1 $T/a/l1; ln -s $(printf 'z%%.0s' $(seq 1 90)) $T/a/l2;"
           "echo deep > $T/a/b/c/deep", tree);
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, tree, opts, "2M");
    return img;
}

static void expect_refusal(const char *img, long off, const void *bytes, size_t n, const char *reason)
{
    const char *copy = e2t_tpath("copy");
    e2t_sh("cp %s %s", img, copy);
    e2t_poke(copy, off, bytes, n);
    const char *err = e2t_mount_refused(copy);
    if (!strstr(err, reason))
        FAIL("the reason \"%s\" does not say \"%s\"", err, reason);
}

#define SB(field) (1024L + (long)__builtin_offsetof(struct ext2_super, field))

EXT2_TEST(ext2_damage_superblock_fields_are_refused)
{
    const char *img = tree_image("-b 1024");
    uint32_t v32;
    uint16_t v16;
    v16 = 0;
    expect_refusal(img, SB(s_magic), &v16, 2, "ext2 superblock: bad magic 0x0000");
    v32 = 3;
    expect_refusal(img, SB(s_log_block_size), &v32, 4, "block size");
    v32 = 0;
    expect_refusal(img, SB(s_blocks_per_group), &v32, 4, "blocks per group");
    v32 = 12345;
    expect_refusal(img, SB(s_inodes_count), &v32, 4, "inodes");
    v32 = 0x7fffffff;
    expect_refusal(img, SB(s_blocks_count), &v32, 4, "inodes, but");
    v32 = 8000;   /* still one group, but longer than the 2 MiB device */
    expect_refusal(img, SB(s_blocks_count), &v32, 4, "the device has");
    v32 = 0;
    expect_refusal(img, SB(s_first_data_block), &v32, 4, "first data block");
    v16 = 100;
    expect_refusal(img, SB(s_inode_size), &v16, 2, "inode size");
    v32 = 9;
    expect_refusal(img, SB(s_rev_level), &v32, 4, "revision");
    v32 = EXT2_INCOMPAT_FILETYPE | EXT2_INCOMPAT_EXTENTS;
    expect_refusal(img, SB(s_feature_incompat), &v32, 4, "unsupported incompatible feature extent");
    v32 = EXT2_INCOMPAT_FILETYPE | EXT2_INCOMPAT_RECOVER;
    expect_refusal(img, SB(s_feature_incompat), &v32, 4, "needs_recovery");
    v32 = 0xfffff;
    expect_refusal(img, SB(s_free_blocks_count), &v32, 4, "free counts");
    /* group descriptors: block 2 on a 1 KiB file system */
    v32 = 1999999;
    expect_refusal(img, 2048 + 8, &v32, 4, "ext2 group 0: inode table");
    v32 = 0;
    expect_refusal(img, 2048, &v32, 4, "ext2 group 0: block bitmap");
    /* a device shorter than the superblock needs */
    e2t_sh("head -c 1500 %s > %s", img, e2t_tpath("short"));
    CHECK(strstr(e2t_mount_refused(e2t_tpath("short")), "ext2 superblock"));
}

EXT2_TEST(ext2_damage_probe)
{
    const char *img = tree_image("-b 4096");
    const char *zeros = e2t_tpath("zeros");
    e2t_sh("truncate -s 1M %s", zeros);
    struct file_blkdev *a = e2t_blkdev_open(img, "a", true);
    struct file_blkdev *z = e2t_blkdev_open(zeros, "z", true);
    CHECK(rr_ext2_fstype.probe(&a->dev));
    CHECK(!rr_ext2_fstype.probe(&z->dev));
    CHECK(strstr(e2t_mount_refused(zeros), "bad magic 0x0000"));
}

EXT2_TEST(ext2_damage_unknown_ro_compat_mounts_read_only)
{
    const char *img = tree_image("-b 1024");
    uint32_t ro;
    e2t_peek(img, SB(s_feature_ro_compat), &ro, 4);
    ro |= 0x4000;
    e2t_poke(img, SB(s_feature_ro_compat), &ro, 4);
    struct rr_mount *m = e2t_mount_img(img, "/mnt", false);
    CHECK_EQ(m->flags & RR_MNT_RDONLY, RR_MNT_RDONLY);
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/mnt/new", RR_O_WRONLY | RR_O_CREAT, 0644), -EROFS);
    size_t n;
    CHECK_MEM(e2t_get_bytes("/mnt/a/f1", &n), "file 1\n", 7);
    e2t_unmount_img(m);
    CHECK_EQ(e2t_last_dev()->writes, 0);
}

/* Reads and changes everything reachable, tolerating errors; depth-limited
 * because a damaged tree may contain cycles. */
static void walk(const char *path, int depth, bool write)
{
    if (depth > 6)
        return;
    long fd = rr_fs_openat(RR_AT_FDCWD, path, RR_O_RDONLY | RR_O_DIRECTORY, 0);
    if (fd < 0)
        return;
    char buf[2048];
    char names[64][300];
    int count = 0;
    for (int rounds = 0; rounds < 1000; rounds++) {
        long n = rr_fs_getdents64((int)fd, buf, sizeof(buf));
        if (n <= 0)
            break;
        for (long off = 0; off < n; ) {
            struct rr_dirent64 *d = (struct rr_dirent64 *)(buf + off);
            if (count < 64 && strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
                snprintf(names[count++], sizeof(names[0]), "%s/%s", path, d->d_name);
            off += d->d_reclen;
        }
    }
    rr_fs_close((int)fd);
    for (int i = 0; i < count; i++) {
        struct rr_stat st;
        if (rr_fs_fstatat(RR_AT_FDCWD, names[i], &st, RR_AT_SYMLINK_NOFOLLOW))
            continue;
        if (RR_S_ISDIR(st.st_mode)) {
            walk(names[i], depth + 1, write);
        } else if (RR_S_ISLNK(st.st_mode)) {
            rr_fs_readlinkat(RR_AT_FDCWD, names[i], buf, sizeof(buf));
        } else if (RR_S_ISREG(st.st_mode)) {
            long f = rr_fs_openat(RR_AT_FDCWD, names[i], write ? RR_O_RDWR : RR_O_RDONLY, 0);
            if (f >= 0) {
                while (rr_fs_read((int)f, buf, sizeof(buf)) > 0)
                    ;
                if (write) {
                    rr_fs_pwrite((int)f, "new", 3, 5000);
                    rr_fs_ftruncate((int)f, 100);
                }
                rr_fs_close((int)f);
            }
        }
        if (write && i % 3 == 0)
            rr_fs_unlinkat(RR_AT_FDCWD, names[i], RR_S_ISDIR(st.st_mode) ? RR_AT_REMOVEDIR : 0);
    }
    if (write) {
        char p[400];
        snprintf(p, sizeof(p), "%s/made", path);
        rr_fs_mkdirat(RR_AT_FDCWD, p, 0755);
        snprintf(p, sizeof(p), "%s/file", path);
        long f = rr_fs_openat(RR_AT_FDCWD, p, RR_O_WRONLY | RR_O_CREAT, 0644);
        if (f >= 0) {
            rr_fs_write((int)f, buf, sizeof(buf));
            rr_fs_close((int)f);
        }
    }
}

/* Random bytes over a region of a copy of the image, many times over. */
static void scramble(const char *img, long start, long len, int rounds, bool write)
{
    const char *copy = e2t_tpath("copy");
    unsigned char junk[64];
    for (int r = 0; r < rounds; r++) {
        e2t_sh("cp %s %s", img, copy);
        for (int k = 0; k < 4; k++) {
            e2t_pattern(junk, sizeof(junk), (unsigned)(r * 7 + k));
            long off = start + (long)((junk[0] | junk[1] << 8 | junk[2] << 16) % (unsigned long)len);
            size_t n = 1 + junk[3] % 24;
            e2t_poke(copy, off, junk + 8, n);
        }
        /* each round in its own process: a crash or a sanitizer report fails it alone */
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            struct file_blkdev *d = e2t_blkdev_open(copy, "rrx", !write);
            struct rr_mount *m;
            char err[200];
            if (rr_ext2_fstype.mount(&d->dev, !write, &m, err, sizeof(err)) != 0) {
                CHECK(err[0] && !strchr(err, '\n'));
                _exit(0);
            }
            CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/m", 0755), 0);
            CHECK_EQ(rr_vfs_mount("/m", m), 0);
            walk("/m", 0, write);
            rr_ext2_fstype.unmount(m);
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            FAIL("round %d of damage at %ld: the process ended with status 0x%x", r, start, status);
    }
}

EXT2_TEST(ext2_damage_random_superblock_bytes)
{
    const char *img = tree_image("-b 1024");
    fake_boot();
    scramble(img, 1024, 256, 40, true);
}

EXT2_TEST(ext2_damage_random_inode_table_bytes)
{
    const char *img = tree_image("-b 1024");
    struct ext2_group_desc gd;
    e2t_peek(img, 2048, &gd, sizeof(gd));
    fake_boot();
    scramble(img, (long)gd.bg_inode_table * 1024, 40 * 256, 30, false);
    scramble(img, (long)gd.bg_inode_table * 1024, 40 * 256, 30, true);
}

EXT2_TEST(ext2_damage_directory_block)
{
    const char *img = tree_image("-b 1024");
    const char *out;
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'blocks /a' %s 2>/dev/null", img), 0);
    long blk = atol(out);
    CHECK(blk > 0);
    const char *copy = e2t_tpath("copy");
    e2t_sh("cp %s %s", img, copy);
    unsigned char junk[1024];
    e2t_pattern(junk, sizeof(junk), 99);
    e2t_poke(copy, blk * 1024, junk, sizeof(junk));
    struct rr_mount *m = e2t_mount_img(copy, "/mnt", false);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/a", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    CHECK(fd >= 0);
    char buf[1024];
    CHECK_EQ(rr_fs_getdents64((int)fd, buf, sizeof(buf)), -EIO);
    rr_fs_close((int)fd);
    CHECK_EQ(rr_fs_fstatat(RR_AT_FDCWD, "/mnt/a/f1", &(struct rr_stat){0}, 0), -EIO);
    long r = rr_fs_openat(RR_AT_FDCWD, "/mnt/a/new", RR_O_WRONLY | RR_O_CREAT, 0644);
    CHECK_EQ(r, -EIO);
    /* the rest of the file system still works */
    e2t_put_bytes("/mnt/ok", "ok", 2);
    e2t_unmount_img(m);
    struct ext2_super sb;
    e2t_peek(copy, 1024, &sb, sizeof(sb));
    CHECK_EQ(sb.s_state & EXT2_ERROR_FS, EXT2_ERROR_FS);   /* marked for e2fsck */
    scramble(img, blk * 1024, 1024, 30, true);
}

EXT2_TEST(ext2_damage_indirect_block_pointing_outside)
{
    const char *img = tree_image("-b 1024");
    const char *out;
    CHECK_EQ(e2t_sh_status(&out, "debugfs -R 'stat /a/b/big' %s | grep -o '(IND):[0-9]*'", img), 0);
    long ind = atol(strchr(out, ':') + 1);
    CHECK(ind > 0);
    uint32_t bad[4] = { 0xfffffff0u, 3, 0, 0x12345678u };
    e2t_poke(img, ind * 1024 + 8, bad, sizeof(bad));
    struct rr_mount *m = e2t_mount_img(img, "/mnt", false);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/a/b/big", RR_O_RDWR, 0);
    CHECK(fd >= 0);
    char buf[4096];
    CHECK_EQ(rr_fs_pread((int)fd, buf, 1024, 14 * 1024), -EIO);
    CHECK_EQ(rr_fs_ftruncate((int)fd, 0), -EIO);
    rr_fs_close((int)fd);
    e2t_unmount_img(m);
}

EXT2_TEST(ext2_damage_device_read_errors)
{
    const char *img = tree_image("-b 1024");
    struct rr_mount *m = e2t_mount_img(img, "/mnt", false);
    e2t_last_dev()->fail_reads_after = e2t_last_dev()->reads;
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/a/b/big", RR_O_RDONLY, 0);
    CHECK_EQ(fd, -EIO);
    e2t_last_dev()->fail_reads_after = -1;
    e2t_unmount_img(m);
}
