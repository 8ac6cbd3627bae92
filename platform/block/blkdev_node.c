/*
 * Every block device as a raw device node, the way Linux shows disks:
 * /dev/vblkN, and /dev/disk/by-id/virtio-SERIAL leading to it. Reads and
 * writes take any offset and length (partial sectors are read, patched and
 * written back through a bounce sector); ioctl answers BLKGETSIZE64,
 * BLKGETSIZE, BLKSSZGET, BLKROGET and BLKFLSBUF (a device flush).
 */
#include <rr/kern.h>
#include <rr/blkdev.h>
#include <rr/vfs.h>
#include <rr/vfs_calls.h>

#define BLK_MAJOR 254               /* Linux's dynamic range; nothing else here uses it */
#define BLKROGET     0x125eUL
#define BLKGETSIZE   0x1260UL
#define BLKFLSBUF    0x1261UL
#define BLKSSZGET    0x1268UL
#define BLKGETSIZE64 0x80081272UL
#define CHUNK_SECTORS 8

static int node_open(struct rr_file *f)
{
    struct rr_vattr va;
    int e = rr_vnode_getattr(f->vn, &va);
    if (e)
        return e;
    struct rr_blkdev *dev = rr_blkdev_nth(RR_DEV_MINOR(va.rdev));
    if (!dev)
        return -ENXIO;
    if (rr_file_writable(f) && dev->read_only)
        return -EROFS;
    f->priv = dev;
    return 0;
}

/* Moves n bytes at byte offset off between buf and the device, a chunk at a time. */
static long move(struct rr_blkdev *dev, uint8_t *buf, size_t n, uint64_t off, bool write)
{
    uint64_t size = dev->sectors * RR_BLK_SECTOR;
    if (off >= size)
        return write && n ? -ENOSPC : 0;
    if (n > size - off)
        n = (size_t)(size - off);
    uint8_t *bounce = rr_malloc(CHUNK_SECTORS * RR_BLK_SECTOR);
    if (!bounce)
        return -ENOMEM;
    size_t done = 0;
    int e = 0;
    while (done < n && !e) {
        uint64_t at = off + done;
        uint64_t sector = at / RR_BLK_SECTOR;
        size_t skip = (size_t)(at % RR_BLK_SECTOR);
        size_t take = CHUNK_SECTORS * RR_BLK_SECTOR - skip;
        if (take > n - done)
            take = n - done;
        uint32_t count = (uint32_t)((skip + take + RR_BLK_SECTOR - 1) / RR_BLK_SECTOR);
        if (!write || skip || take % RR_BLK_SECTOR)
            e = rr_blk_read(dev, sector, count, bounce);
        if (!e && write) {
            rr_memcpy(bounce + skip, buf + done, take);
            e = rr_blk_write(dev, sector, count, bounce);
        } else if (!e) {
            rr_memcpy(buf + done, bounce + skip, take);
        }
        if (!e)
            done += take;
    }
    rr_free(bounce);
    return done ? (long)done : e;
}

static long node_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    return move(f->priv, buf, n, off, false);
}

static long node_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    return move(f->priv, (void *)(uintptr_t)buf, n, off, true);
}

static long node_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    struct rr_blkdev *dev = f->priv;
    void *out = (void *)arg;
    /* Linux takes the request as 32 bits; musl passes an int, sign-extended. */
    switch ((uint32_t)cmd) {
    case BLKGETSIZE64: {
        uint64_t bytes = dev->sectors * RR_BLK_SECTOR;
        if (!rr_vfs_user_ok(out, sizeof(bytes)))
            return -EFAULT;
        rr_memcpy(out, &bytes, sizeof(bytes));
        return 0;
    }
    case BLKGETSIZE: {
        unsigned long sectors = (unsigned long)dev->sectors;
        if (!rr_vfs_user_ok(out, sizeof(sectors)))
            return -EFAULT;
        rr_memcpy(out, &sectors, sizeof(sectors));
        return 0;
    }
    case BLKSSZGET:
    case BLKROGET: {
        int v = cmd == BLKSSZGET ? (int)RR_BLK_SECTOR : dev->read_only;
        if (!rr_vfs_user_ok(out, sizeof(v)))
            return -EFAULT;
        rr_memcpy(out, &v, sizeof(v));
        return 0;
    }
    case BLKFLSBUF:
        return rr_blk_flush(dev);
    default:
        return -ENOTTY;
    }
}

static const struct rr_vnode_ops node_ops = {
    .open = node_open,
    .read = node_read,
    .write = node_write,
    .ioctl = node_ioctl,
};

static bool serial_usable(const char *s)
{
    if (!s[0])
        return false;
    for (; *s; s++)
        if (*s == '/' || *s == '?')
            return false;
    return true;
}

void rr_blkdev_nodes_create(void)
{
    struct rr_blkdev *dev;
    for (size_t i = 0; (dev = rr_blkdev_nth(i)) != NULL; i++) {
        char path[64], link[64], target[48];
        rr_snprintf(path, sizeof(path), "/dev/%s", dev->name);
        if (rr_chrdev_register(BLK_MAJOR, (uint32_t)i, &node_ops) < 0 ||
            rr_fs_mknodat(RR_AT_FDCWD, path, RR_S_IFCHR | 0660, RR_MKDEV(BLK_MAJOR, (uint32_t)i)) < 0)
            continue;   /* the disk stays usable by mounts; only the node is missing */
        if (!serial_usable(dev->serial))
            continue;
        rr_fs_mkdirat(RR_AT_FDCWD, "/dev/disk", 0755);
        rr_fs_mkdirat(RR_AT_FDCWD, "/dev/disk/by-id", 0755);
        rr_snprintf(link, sizeof(link), "/dev/disk/by-id/virtio-%s", dev->serial);
        rr_snprintf(target, sizeof(target), "../../%s", dev->name);
        rr_fs_symlinkat(target, RR_AT_FDCWD, link);
    }
}
