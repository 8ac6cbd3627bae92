/* The host file behind a test block device: pread/pwrite of whole sectors. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <rr/kern.h>
#include "file_blkdev.h"
#include "test.h"

static int transfer(struct rr_blkdev *dev, uint64_t sector, uint32_t count, void *buf, bool write)
{
    struct file_blkdev *d = dev->driver_data;
    size_t bytes = (size_t)count * RR_BLK_SECTOR;
    off_t off = (off_t)(sector * RR_BLK_SECTOR);
    if (write) {
        d->writes++;
        if (d->persist_limit >= 0 && d->writes > d->persist_limit)
            return 0;   /* the machine "died": nothing reaches the disk any more */
        return pwrite(d->fd, buf, bytes, off) == (ssize_t)bytes ? 0 : -EIO;
    }
    d->reads++;
    if (d->fail_reads_after >= 0 && d->reads > d->fail_reads_after)
        return -EIO;
    return pread(d->fd, buf, bytes, off) == (ssize_t)bytes ? 0 : -EIO;
}

static int flush(struct rr_blkdev *dev)
{
    struct file_blkdev *d = dev->driver_data;
    d->flushes++;
    return 0;
}

static const struct rr_blkdev_ops ops = { transfer, flush };

struct file_blkdev *e2t_blkdev_open(const char *path, const char *name, bool read_only)
{
    struct file_blkdev *d = calloc(1, sizeof(*d));
    d->fd = open(path, read_only ? O_RDONLY : O_RDWR);
    if (d->fd < 0)
        FAIL("open %s", path);
    struct stat st;
    fstat(d->fd, &st);
    d->dev.sectors = (uint64_t)st.st_size / RR_BLK_SECTOR;
    d->dev.read_only = read_only;
    d->dev.ops = &ops;
    d->dev.driver_data = d;
    d->persist_limit = -1;
    d->fail_reads_after = -1;
    rr_strlcpy(d->dev.serial, name, sizeof(d->dev.serial));
    rr_blkdev_register(&d->dev);
    return d;
}

void e2t_blkdev_close(struct file_blkdev *d)
{
    close(d->fd);
}
