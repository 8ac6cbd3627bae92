/* A block device backed by a host file, for the host tests, with a crash switch. */
#pragma once

#include <rr/blkdev.h>

struct file_blkdev {
    struct rr_blkdev dev;
    int fd;
    long writes;          /* write transfers so far */
    long flushes;
    long persist_limit;   /* writes after this many are dropped (a crash); -1: none */
    long fail_reads_after; /* reads after this many fail with -EIO; -1: none */
    long reads;
};

/* Opens path as a device named name; read_only refuses writes. FAILs the test on error. */
struct file_blkdev *e2t_blkdev_open(const char *path, const char *name, bool read_only);
void e2t_blkdev_close(struct file_blkdev *d);
