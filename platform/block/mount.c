/*
 * Block file systems named by the configuration's "mounts" key (contracts
 * §8): each entry's device is found by serial, its file system detected or
 * checked, its mount point created in the root file system, and the result
 * grafted into the tree. What was mounted is remembered so sync(2) and the
 * guest's end can reach every one of them.
 */
#include <rr/kern.h>
#include <rr/blkdev.h>
#include <rr/fstype.h>
#include <rr/mount.h>
#include <rr/vfs.h>

#define MAX_MOUNTED 16
#define REASON_MAX 200

struct mounted {
    const struct rr_fstype *type;
    struct rr_mount *m;
    struct rr_blkdev *dev;
    const char *path;
    bool ro;
};

static struct mounted mounted[MAX_MOUNTED];
static size_t nmounted;
static bool ending;

/* mkdir -p in the root file system; 0 or -errno (-ENOTDIR when a component is not a directory). */
static int make_path(const char *path)
{
    size_t len = rr_strlen(path);
    char *prefix = rr_malloc(len + 1);
    if (!prefix)
        return -ENOMEM;
    int e = 0;
    for (size_t end = 1; end <= len && !e; end++) {
        if (end < len && path[end] != '/')
            continue;
        if (path[end - 1] == '/')
            continue;       /* "//" or a trailing '/' */
        rr_memcpy(prefix, path, end);
        prefix[end] = 0;
        struct rr_lookup lk;
        e = rr_vfs_lookup(rr_vfs_root(), prefix, RR_LOOKUP_FOLLOW | RR_LOOKUP_PARENT, &lk);
        if (e)
            break;
        if (lk.vn) {
            if (!RR_S_ISDIR(lk.vn->mode))
                e = -ENOTDIR;
        } else if (!lk.parent->ops->mkdir) {
            e = -EPERM;
        } else {
            struct rr_vnode *vn;
            e = lk.parent->ops->mkdir(lk.parent, lk.name, lk.len, 0755, &vn);
            if (!e)
                rr_vnode_unref(vn);
        }
        rr_lookup_done(&lk);
    }
    rr_free(prefix);
    return e;
}

static const char *errno_text(int e)
{
    switch (e) {
    case -ENOTDIR: return "a component of the mount point is not a directory";
    case -EBUSY: return "something is already mounted there";
    case -ENOMEM: return "out of memory";
    case -EROFS: return "the root file system is read-only";
    default: return NULL;
    }
}

/* Mounts one entry; on failure returns -errno with the reason in reason. */
static int mount_one(const struct rr_mount_spec *spec, char *reason, size_t rlen)
{
    if (nmounted == MAX_MOUNTED) {
        rr_snprintf(reason, rlen, "more than %d block file systems", MAX_MOUNTED);
        return -ENOSPC;
    }
    struct rr_blkdev *dev = rr_blkdev_find(spec->device);
    if (!dev) {
        rr_snprintf(reason, rlen, "device %s not found", spec->device);
        return -ENODEV;
    }
    bool ro = spec->readonly || dev->read_only;
    const struct rr_fstype *type;
    if (rr_strcmp(spec->fstype, "auto") == 0) {
        type = rr_fstype_detect(dev);
        if (!type) {
            rr_snprintf(reason, rlen, "%s holds no file system rumprun knows", spec->device);
            return -EINVAL;
        }
    } else {
        type = rr_fstype_find(spec->fstype);
        if (!type) {
            rr_snprintf(reason, rlen, "%s: this image has no %s support", spec->device, spec->fstype);
            return -ENODEV;
        }
    }

    int e = make_path(spec->path);
    if (e) {
        const char *text = errno_text(e);
        if (text)
            rr_snprintf(reason, rlen, "mount point: %s", text);
        else
            rr_snprintf(reason, rlen, "mount point: error %d", -e);
        return e;
    }

    char err[REASON_MAX - 32] = "";
    struct rr_mount *m = NULL;
    e = type->mount(dev, ro, &m, err, sizeof(err));
    if (e || !m) {
        rr_snprintf(reason, rlen, "%s: %s", spec->device, err[0] ? err : "the file system could not be mounted");
        return e ? e : -EIO;
    }
    if (ro)
        m->flags |= RR_MNT_RDONLY;
    e = rr_vfs_mount(spec->path, m);
    if (e) {
        type->unmount(m);
        const char *text = errno_text(e);
        if (text)
            rr_snprintf(reason, rlen, "%s", text);
        else
            rr_snprintf(reason, rlen, "error %d", -e);
        return e;
    }
    mounted[nmounted++] = (struct mounted){ type, m, dev, spec->path, ro };
    return 0;
}

void rr_block_mount_all(void)
{
    rr_blkdev_nodes_create();
    for (size_t i = 0; i < rr_config.nmounts; i++) {
        const struct rr_mount_spec *spec = &rr_config.mounts[i];
        char reason[REASON_MAX];
        if (mount_one(spec, reason, sizeof(reason)) == 0)
            continue;
        if (!spec->required) {
            rr_printk("mount %s: %s (continuing without it)", spec->path, reason);
            continue;
        }
        char message[REASON_MAX + 64];
        rr_snprintf(message, sizeof(message), "mount %s: %s", spec->path, reason);
        /* What was mounted before may have been marked in use on its device. */
        rr_block_unmount_all();
        rr_exit_config(message);
    }
}

static int sync_one(struct mounted *mt)
{
    if (mt->ro || !mt->type->sync)
        return 0;
    return mt->type->sync(mt->m);
}

int rr_block_sync_all(void)
{
    int first = 0;
    for (size_t i = 0; i < nmounted; i++) {
        int e = sync_one(&mounted[i]);
        if (e && !first)
            first = e;
    }
    return first;
}

int rr_block_sync_mount(struct rr_mount *m)
{
    for (size_t i = 0; i < nmounted; i++)
        if (mounted[i].m == m)
            return sync_one(&mounted[i]);
    return 0;
}

void rr_block_unmount_all(void)
{
    if (ending)
        return;
    ending = true;
    rr_blk_set_final();
    while (nmounted) {
        struct mounted *mt = &mounted[--nmounted];
        int e = mt->type->unmount(mt->m);
        if (!e && !mt->ro)
            e = rr_blk_flush(mt->dev);
        if (e)
            rr_printk("unmount %s: error %d; the file system may not be clean", mt->path, -e);
    }
}
