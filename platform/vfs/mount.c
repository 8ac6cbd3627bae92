/* The mount table: which file system answers for which directory. */
#include <rr/vfs.h>

#define MAX_MOUNTS 32

static struct rr_mount *mounts[MAX_MOUNTS];
static struct rr_mount *root_mount;
static uint32_t next_anon_minor = 1;

uint64_t rr_vfs_new_dev(void)
{
    uint32_t minor = next_anon_minor++;
    return RR_MKDEV(0, minor);
}

struct rr_vnode *rr_vfs_root(void)
{
    RR_ASSERT(root_mount);
    struct rr_vnode *vn = root_mount->root;
    while (vn->covered_by)
        vn = vn->covered_by->root;
    return vn;
}

static int add_to_table(struct rr_mount *m)
{
    for (size_t i = 0; i < MAX_MOUNTS; i++) {
        if (!mounts[i]) {
            mounts[i] = m;
            return 0;
        }
    }
    return -ENOMEM;
}

int rr_vfs_mount(const char *path, struct rr_mount *m)
{
    RR_ASSERT(m && m->root && RR_S_ISDIR(m->root->mode));
    if (!root_mount) {
        if (rr_strcmp(path, "/") != 0)
            return -ENOENT;
        int e = add_to_table(m);
        if (e)
            return e;
        m->covered = NULL;
        root_mount = m;
        return 0;
    }
    if (m == root_mount || m->covered)
        return -EBUSY;   /* already mounted */
    struct rr_lookup lk;
    int e = rr_vfs_lookup(rr_vfs_root(), path, RR_LOOKUP_FOLLOW, &lk);
    if (e)
        return e;
    struct rr_vnode *dir = rr_vnode_ref(lk.vn);
    rr_lookup_done(&lk);
    if (!RR_S_ISDIR(dir->mode)) {
        rr_vnode_unref(dir);
        return -ENOTDIR;
    }
    if (dir->covered_by) {
        rr_vnode_unref(dir);
        return -EBUSY;
    }
    e = add_to_table(m);
    if (e) {
        rr_vnode_unref(dir);
        return e;
    }
    m->covered = dir;             /* keeps the reference */
    dir->covered_by = m;
    return 0;
}

struct rr_mount *rr_vfs_mount_nth(size_t i)
{
    return i < MAX_MOUNTS ? mounts[i] : NULL;
}
