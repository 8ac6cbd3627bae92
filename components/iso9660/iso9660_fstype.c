/*
 * The iso9660 entry in the block file-system registry: probe, mount (always
 * read-only: the format has no room for changes), and the sync and unmount
 * calls, which have nothing to write back.
 */
#include <rr/iso9660.h>
#include "iso9660_fs.h"

static bool iso_probe(struct rr_blkdev *dev)
{
    uint64_t first = (uint64_t)ISO_FIRST_VD_BLOCK * ISO_BLOCK_SECTORS;
    if (dev->sectors < first + 1)
        return false;
    uint8_t *buf = rr_page_alloc();
    if (!buf)
        return false;
    /* the descriptor's first sector holds its type and identifier */
    bool found = rr_blk_read(dev, first, 1, buf) == 0 && rr_memcmp(buf + ISO_VD_ID, "CD001", 5) == 0;
    rr_page_free(buf);
    return found;
}

static int iso_statfs(struct rr_mount *m, struct rr_statfs *st)
{
    struct iso_fs *fs = (struct iso_fs *)m;
    st->f_type = RR_ISO9660_MAGIC;
    st->f_bsize = ISO_BLOCK;
    st->f_frsize = ISO_BLOCK;
    st->f_blocks = fs->blocks;
    st->f_bfree = 0;
    st->f_bavail = 0;
    st->f_files = fs->nnodes;
    st->f_ffree = 0;
    st->f_namelen = RR_NAME_MAX;
    return 0;
}

static const char *device_name(struct rr_blkdev *dev)
{
    return dev->serial[0] ? dev->serial : dev->name;
}

static void free_fs(struct iso_fs *fs)
{
    iso_cache_drop(fs);
    rr_free(fs);
}

static int iso_mount(struct rr_blkdev *dev, bool ro, struct rr_mount **out, char *err, size_t errlen)
{
    (void)ro;   /* always read-only */
    struct iso_fs *fs = rr_zalloc(sizeof(*fs));
    if (!fs) {
        rr_snprintf(err, errlen, "iso9660: out of memory");
        return -ENOMEM;
    }
    fs->dev = dev;
    fs->devname = device_name(dev);
    fs->mnt.fstype = "iso9660";
    fs->mnt.flags = RR_MNT_RDONLY;
    fs->mnt.statfs = iso_statfs;
    fs->mnt.fs_data = fs;
    fs->quiet = true;
    char why[160];
    int e = iso_volume_open(fs, why, sizeof(why));
    struct iso_entry *root = NULL;
    if (!e) {
        root = rr_malloc(sizeof(*root));
        if (!root) {
            e = -ENOMEM;
            rr_snprintf(why, sizeof(why), "out of memory");
        } else if ((e = iso_dir_self(fs, fs->root_extent, root)) != 0) {
            rr_snprintf(why, sizeof(why), "root directory: %s", fs->last_error[0] ? fs->last_error : "unreadable");
        }
    }
    if (e) {
        rr_snprintf(err, errlen, "iso9660: %s", why);
        rr_free(root);
        free_fs(fs);
        return e;
    }
    /* the "." record knows the size; the descriptor's copy counts */
    root->one.size = fs->root_size;
    root->size = fs->root_size;
    struct iso_node *n;
    e = iso_node_get(fs, root, NULL, &n);
    iso_entry_release(root);
    rr_free(root);
    if (e) {
        rr_snprintf(err, errlen, "iso9660: out of memory");
        free_fs(fs);
        return e;
    }
    fs->mnt.root = &n->vn;   /* the mount keeps this reference */
    fs->quiet = false;
    fs->mnt.dev = rr_vfs_new_dev();
    *out = &fs->mnt;
    return 0;
}

static int iso_sync(struct rr_mount *m)
{
    (void)m;
    return 0;
}

static int iso_unmount(struct rr_mount *m)
{
    iso_cache_drop((struct iso_fs *)m);
    return 0;
}

const struct rr_fstype rr_iso9660_fstype = {
    .name = "iso9660",
    .probe = iso_probe,
    .mount = iso_mount,
    .sync = iso_sync,
    .unmount = iso_unmount,
};

static int iso_register(void)
{
    return rr_fstype_register(&rr_iso9660_fstype);
}
RR_INIT(RR_FSTYPE_ORDER, iso_register);
