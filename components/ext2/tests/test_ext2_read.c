/* Reading images that mke2fs -d made from a host tree: every name, type, mode,
 * owner, size, link count, time, symbolic link and byte must match the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#include "ext2_test.h"

/* A tree with what the format stores differently: nested directories, an empty
 * file, small and large files (1 KiB blocks: into double-indirect), a sparse
 * file, fast and slow symbolic links, a hard link, special permission bits. */
static const char *make_tree(void)
{
    const char *t = e2t_tpath("tree");
    e2t_sh("set -e; T=%s; rm -rf $T; mkdir -p $T/a/b/c $T/empty_dir;"
       "echo hello > $T/a/hello; : > $T/empty;"
       "head -c 70000 /dev/urandom > $T/a/b/mid;"
       "head -c 400000 /dev/urandom > $T/a/b/c/double;"
       "truncate -s 5000000 $T/sparse; printf x | dd of=$T/sparse bs=1 seek=3000000 conv=notrunc 2>/dev/null;"
       "ln -s hello $T/a/fast;"
       "ln -s ../../$(printf 'x%%.0s' $(seq 1 120))/target $T/a/b/slow;"
       "ln $T/a/hello $T/a/hard;"
       "chmod 4755 $T/a/b/mid; chmod 0600 $T/empty; chmod 1777 $T/empty_dir;"
       "chown 1234:5678 $T/a/hello;"
       "touch -d '2001-02-03 04:05:06' $T/a/b/c/double", t);
    return t;
}

static void compare(const char *host, const char *guest)
{
    DIR *d = opendir(host);
    if (!d)
        FAIL("opendir %s", host);
    char names[65536] = "";
    char *list[1024];
    size_t count = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, "lost+found"))
            continue;
        list[count++] = strdup(de->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < count; i++)
        for (size_t j = i + 1; j < count; j++)
            if (strcmp(list[i], list[j]) > 0) {
                char *t = list[i]; list[i] = list[j]; list[j] = t;
            }
    size_t len = 0;
    for (size_t i = 0; i < count; i++)
        len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", i ? " " : "", list[i]);
    const char *got = e2t_list_dir(guest);
    if (!strcmp(host + strlen(host) - 4, "tree")) {
        /* the image's root also holds lost+found */
        char with[65600];
        snprintf(with, sizeof(with), "%s", got);
        char *p = strstr(with, "lost+found");
        if (!p)
            FAIL("no lost+found in %s", guest);
        memmove(p, p + 10 + (p[10] == ' '), strlen(p + 10 + (p[10] == ' ')) + 1);
        size_t l = strlen(with);
        if (l && with[l - 1] == ' ')
            with[l - 1] = 0;
        CHECK_STR(with, names);
    } else {
        CHECK_STR(got, names);
    }
    for (size_t i = 0; i < count; i++) {
        char hp[1024], gp[1024];
        snprintf(hp, sizeof(hp), "%s/%s", host, list[i]);
        snprintf(gp, sizeof(gp), "%s/%s", guest, list[i]);
        struct stat hs;
        lstat(hp, &hs);
        struct rr_stat gs = e2t_xstat(gp);
        if (gs.st_mode != hs.st_mode)
            FAIL("%s: mode 0%o, host 0%o", gp, gs.st_mode, hs.st_mode);
        CHECK_EQ(gs.st_uid, hs.st_uid);
        CHECK_EQ(gs.st_gid, hs.st_gid);
        CHECK_EQ(gs.st_nlink, hs.st_nlink);
        CHECK_EQ(gs.st_mtim.tv_sec, hs.st_mtim.tv_sec);
        if (!S_ISDIR(hs.st_mode))
            CHECK_EQ(gs.st_size, hs.st_size);
        if (S_ISREG(hs.st_mode)) {
            size_t n;
            unsigned char *g = e2t_get_bytes(gp, &n);
            CHECK_EQ(n, hs.st_size);
            unsigned char *h = malloc(n + 1);
            FILE *f = fopen(hp, "rb");
            CHECK_EQ(fread(h, 1, n, f), n);
            fclose(f);
            if (memcmp(g, h, n))
                FAIL("%s: contents differ from the host's", gp);
            free(g);
            free(h);
        } else if (S_ISLNK(hs.st_mode)) {
            char ht[4096], gt[4096];
            ssize_t hl = readlink(hp, ht, sizeof(ht));
            long gl = rr_fs_readlinkat(RR_AT_FDCWD, gp, gt, sizeof(gt));
            CHECK_EQ(gl, hl);
            CHECK_MEM(gt, ht, (size_t)hl);
        } else if (S_ISDIR(hs.st_mode)) {
            compare(hp, gp);
        }
        free(list[i]);
    }
}

static void read_tree(const char *opts)
{
    const char *tree = make_tree();
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, tree, opts, "8M");
    struct rr_mount *m = e2t_mount_img(img, "/mnt", true);
    compare(tree, "/mnt");
    /* the sparse file keeps its hole: a few blocks only */
    struct rr_stat st = e2t_xstat("/mnt/sparse");
    CHECK(st.st_blocks <= 16);
    CHECK_EQ(e2t_xstat("/mnt/a/b/c/double").st_blocks >= 400000 / 512, 1);
    e2t_unmount_img(m);
    CHECK_EQ(e2t_last_dev()->writes, 0);   /* read-only: not one byte written */
    e2t_fsck_clean(img);
}

EXT2_TEST(ext2_read_tree_1k) { read_tree("-b 1024"); }
EXT2_TEST(ext2_read_tree_2k) { read_tree("-b 2048"); }
EXT2_TEST(ext2_read_tree_4k) { read_tree("-b 4096"); }
EXT2_TEST(ext2_read_tree_rev0) { read_tree("-r 0 -b 1024"); }
EXT2_TEST(ext2_read_tree_128_byte_inodes) { read_tree("-I 128 -b 4096"); }
EXT2_TEST(ext2_read_tree_no_filetype) { read_tree("-O ^filetype -b 1024"); }

EXT2_TEST(ext2_read_statfs_and_readdir_types)
{
    const char *tree = make_tree();
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, tree, "-b 1024", "8M");
    e2t_mount_img(img, "/mnt", true);
    struct rr_statfs sf;
    CHECK_EQ(rr_fs_statfs("/mnt", &sf), 0);
    CHECK_EQ(sf.f_type, 0xEF53);
    CHECK_EQ(sf.f_bsize, 1024);
    CHECK_EQ(sf.f_blocks, 8192);
    CHECK(sf.f_bfree > 0 && sf.f_bfree < 8192);
    CHECK_EQ(sf.f_flags & RR_ST_RDONLY, RR_ST_RDONLY);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/a", RR_O_RDONLY | RR_O_DIRECTORY, 0);
    CHECK(fd >= 0);
    char buf[4096];
    long n = rr_fs_getdents64((int)fd, buf, sizeof(buf));
    CHECK(n > 0);
    int seen = 0;
    for (long off = 0; off < n; ) {
        struct rr_dirent64 *d = (struct rr_dirent64 *)(buf + off);
        if (!strcmp(d->d_name, "fast")) { CHECK_EQ(d->d_type, 10); seen++; }
        if (!strcmp(d->d_name, "b")) { CHECK_EQ(d->d_type, 4); seen++; }
        if (!strcmp(d->d_name, "hello")) { CHECK_EQ(d->d_type, 8); seen++; }
        off += d->d_reclen;
    }
    CHECK_EQ(seen, 3);
    rr_fs_close((int)fd);
    /* writes are refused on a read-only mount */
    CHECK_EQ(rr_fs_openat(RR_AT_FDCWD, "/mnt/new", RR_O_WRONLY | RR_O_CREAT, 0644), -EROFS);
    CHECK_EQ(rr_fs_mkdirat(RR_AT_FDCWD, "/mnt/d", 0755), -EROFS);
    CHECK_EQ(rr_fs_unlinkat(RR_AT_FDCWD, "/mnt/a/hello", 0), -EROFS);
}

EXT2_TEST(ext2_read_small_reads_cross_blocks)
{
    const char *tree = e2t_tpath("tree");
    e2t_sh("rm -rf %s; mkdir %s; head -c 300000 /dev/urandom > %s/f", tree, tree, tree);
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, tree, "-b 1024", "4M");
    e2t_mount_img(img, "/mnt", true);
    size_t n;
    unsigned char *all = e2t_get_bytes("/mnt/f", &n);
    CHECK_EQ(n, 300000);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/f", RR_O_RDONLY, 0);
    unsigned char buf[5000];
    for (long off = 0; off < 300000; off += 4999) {
        long r = rr_fs_pread((int)fd, buf, 3001, off);
        CHECK_EQ(r, off + 3001 <= 300000 ? 3001 : 300000 - off);
        CHECK_MEM(buf, all + off, (size_t)r);
    }
    CHECK_EQ(rr_fs_pread((int)fd, buf, 10, 300000), 0);
    rr_fs_close((int)fd);
}
