/* Helpers of the ext2 host tests: images made by mke2fs, mounts, e2fsck, debugfs. */
#pragma once

#include <rr/vfs_calls.h>
#include <rr/ext2.h>
#include "test.h"
#include "harness.h"
#include "file_blkdev.h"
#include "ext2_disk.h"

/* A test whose temporary directory goes away when it passes (a failure keeps it to look at). */
#define EXT2_TEST(name)                              \
    static void ext2_body_##name(void);              \
    TEST(name)                                       \
    {                                                \
        ext2_body_##name();                          \
        e2t_cleanup();                               \
    }                                                \
    static void ext2_body_##name(void)
void e2t_cleanup(void);

/* A path in this test's own temporary directory. */
const char *e2t_tpath(const char *name);
/* Runs a shell command (printf-style); FAILs with its output unless it exits 0. */
void e2t_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The exit status of a shell command; its output goes to *out (static) when out is set. */
int e2t_sh_status(const char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* mke2fs -t ext2 OPTS [-d TREE] IMG SIZE (tree may be NULL). */
void e2t_mkimage(const char *img, const char *tree, const char *opts, const char *size);
/* Boots the fake kernel once, then mounts img at dir (created). */
struct rr_mount *e2t_mount_img(const char *img, const char *dir, bool ro);
/* Mounts and expects a refusal; returns the reason. */
const char *e2t_mount_refused(const char *img);
void e2t_unmount_img(struct rr_mount *m);
/* e2fsck -fn must find nothing to fix. */
void e2t_fsck_clean(const char *img);
/* The device behind the last mount_img. */
struct file_blkdev *e2t_last_dev(void);

void e2t_put_bytes(const char *path, const void *data, size_t n);
/* The whole file (heap); its length in *n. FAILs when unreadable. */
unsigned char *e2t_get_bytes(const char *path, size_t *n);
struct rr_stat e2t_xstat(const char *path);
/* The names in a directory, sorted, joined by spaces ("." and ".." left out). */
const char *e2t_list_dir(const char *path);
/* Deterministic bytes for a file's contents. */
void e2t_pattern(unsigned char *buf, size_t n, unsigned seed);
/* Patches bytes of an image file at offset. */
void e2t_poke(const char *img, long off, const void *data, size_t n);
void e2t_peek(const char *img, long off, void *data, size_t n);
