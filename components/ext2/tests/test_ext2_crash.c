/* Crash consistency without a virtual machine: the device stops persisting
 * writes after a chosen number (the moment of the crash), the program goes on
 * unaware, and after e2fsck -fy every record whose fsync had returned before
 * the crash must be in the file, intact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ext2_test.h"

#define RECORD 100
#define RECORDS 60

static void record(char *buf, int i)
{
    memset(buf, '.', RECORD);
    int n = snprintf(buf, RECORD, "record %06d ", i);
    buf[n] = '.';
    buf[RECORD - 1] = '\n';
}

static void trial(const char *opts, long crash_after, unsigned seed)
{
    const char *img = e2t_tpath("img");
    e2t_mkimage(img, NULL, opts, "4M");
    e2t_mount_img(img, "/mnt", false);
    struct file_blkdev *d = e2t_last_dev();
    d->persist_limit = d->writes + crash_after;
    /* some unrelated churn so that metadata is in flight too */
    char name[64];
    snprintf(name, sizeof(name), "/mnt/other%u", seed);
    unsigned char junk[3000];
    e2t_pattern(junk, sizeof(junk), seed);
    long fd = rr_fs_openat(RR_AT_FDCWD, "/mnt/log", RR_O_WRONLY | RR_O_CREAT | RR_O_APPEND, 0644);
    CHECK(fd >= 0);
    int durable = -1;
    for (int i = 0; i < RECORDS; i++) {
        char buf[RECORD];
        record(buf, i);
        CHECK_EQ(rr_fs_write((int)fd, buf, RECORD), RECORD);
        if (i % 7 == 3)
            e2t_put_bytes(name, junk, sizeof(junk) - (size_t)i);
        CHECK_EQ(rr_fs_fsync((int)fd), 0);
        if (d->writes <= d->persist_limit)
            durable = i;
    }
    /* the machine is gone: no close, no unmount */
    const char *out;
    int st = e2t_sh_status(&out, "e2fsck -fy %s", img);
    if (st != 0 && st != 1)
        FAIL("e2fsck -fy: status %d: %.600s", st, out);
    e2t_fsck_clean(img);
    if (durable < 0)
        return;
    const char *dump = e2t_tpath("dump");
    e2t_sh("rm -f %s; debugfs -R 'dump /log %s' %s", dump, dump, img);
    FILE *f = fopen(dump, "rb");
    if (!f)
        FAIL("crash after %ld writes: /log is gone but record %d was durable", crash_after, durable);
    char got[RECORD * RECORDS];
    size_t n = fread(got, 1, sizeof(got), f);
    fclose(f);
    if (n < (size_t)(durable + 1) * RECORD)
        FAIL("crash after %ld writes: %zu bytes survived, record %d was durable", crash_after, n, durable);
    for (int i = 0; i <= durable; i++) {
        char want[RECORD];
        record(want, i);
        if (memcmp(got + (size_t)i * RECORD, want, RECORD))
            FAIL("crash after %ld writes: record %d damaged", crash_after, i);
    }
}

EXT2_TEST(ext2_crash_fsynced_records_survive)
{
    const char *opts[] = { "-b 1024", "-b 4096" };
    long points[] = { 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144 };
    for (size_t o = 0; o < 2; o++)
        for (size_t p = 0; p < sizeof(points) / sizeof(points[0]); p++)
            trial(opts[o], points[p], (unsigned)(o * 100 + p));
}
