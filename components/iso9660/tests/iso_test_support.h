/* Host-test helpers for iso9660: images made by the real tools, a file-backed block device, mounting. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <rr/blkdev.h>
#include <rr/vfs.h>

/* A fresh temporary directory (removed when the test process ends). */
const char *iso_test_tmpdir(void);
/* Runs a shell command; fails the test when it does not exit 0. */
void iso_test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Whether a program is on PATH (tests skip themselves when an image tool is missing). */
bool iso_test_have(const char *program);
/* A block device reading the file at path (sector-granular, read-only unless writable). */
struct rr_blkdev *iso_test_blkdev(const char *path);
/* A block device over memory (the bytes stay the caller's). */
struct rr_blkdev *iso_test_memdev(uint8_t *data, size_t size);
/* Mounts dev at mountpoint (created in the ramfs root) or fails the test; returns the mount. */
struct rr_mount *iso_test_mount(struct rr_blkdev *dev, const char *mountpoint);
/* Mount's return value and message, for refusals. */
int iso_test_try_mount(struct rr_blkdev *dev, char *err, size_t errlen);
/* Overwrites bytes of a file at offset. */
void iso_test_patch(const char *path, long offset, const void *bytes, size_t n);
/* Volume byte position of the directory record naming name ("NAME.TXT;1" form ok) in the image. */
long iso_test_find_record(const char *path, const char *identifier);
/* Lists dir (sorted, one "name\n" each, without . and ..) through getdents64. */
const char *iso_test_list(const char *dir);
