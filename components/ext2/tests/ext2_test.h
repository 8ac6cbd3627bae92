/* Helpers of the ext2 host tests: images made by mke2fs, mounts, e2fsck, debugfs. */
#pragma once

#include <rr/vfs_calls.h>
#include <rr/ext2.h>
#include "test.h"
#include "harness.h"
#include "file_blkdev.h"
#include "ext2_disk.h"

/* A path in this test's own temporary directory (one of 8 rotating buffers). */
const char *tpath(const char *name);
/* Runs a shell command (printf-style); FAILs with its output unless it exits 0. */
void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The exit status of a shell command; its output goes to *out (static) when out is set. */
int sh_status(const char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* mke2fs -t ext2 OPTS [-d TREE] IMG SIZE (tree may be NULL). */
void mkimage(const char *img, const char *tree, const char *opts, const char *size);
/* Boots the fake kernel once, then mounts img at dir (created). */
struct rr_mount *mount_img(const char *img, const char *dir, bool ro);
/* Mounts and expects a refusal; returns the reason. */
const char *mount_refused(const char *img);
void unmount_img(struct rr_mount *m);
/* e2fsck -fn must find nothing to fix. */
void fsck_clean(const char *img);
/* The device behind the last mount_img. */
struct file_blkdev *last_dev(void);

void put_bytes(const char *path, const void *data, size_t n);
/* The whole file (heap); its length in *n. FAILs when unreadable. */
unsigned char *get_bytes(const char *path, size_t *n);
struct rr_stat xstat(const char *path);
/* The names in a directory, sorted, joined by spaces ("." and ".." left out). */
const char *list_dir(const char *path);
/* Deterministic bytes for a file's contents. */
void pattern(unsigned char *buf, size_t n, unsigned seed);
/* Patches bytes of an image file at offset. */
void poke(const char *img, long off, const void *data, size_t n);
void peek(const char *img, long off, void *data, size_t n);
