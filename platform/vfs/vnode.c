/* Vnode reference counting and the attributes every vnode can report. */
#include <rr/vfs.h>

void rr_vnode_init(struct rr_vnode *vn, const struct rr_vnode_ops *ops, struct rr_mount *mnt,
                   uint32_t mode, uint64_t ino)
{
    vn->ops = ops;
    vn->mount = mnt;
    vn->covered_by = NULL;
    vn->refs = 1;
    vn->mode = mode;
    vn->ino = ino;
    vn->fs_data = NULL;
    vn->fifo = NULL;
    vn->shared_maps = 0;
}

/* A file system's node may sit at zero references while it has names: taking
 * the first reference again is normal. */
struct rr_vnode *rr_vnode_ref(struct rr_vnode *vn)
{
    vn->refs++;
    return vn;
}

void rr_vnode_unref(struct rr_vnode *vn)
{
    if (!vn)
        return;
    RR_ASSERT(vn->refs > 0);
    if (--vn->refs > 0)
        return;
    bool anonymous = !vn->mount;   /* read first: inactive may free a file system's vnode */
    if (vn->ops->inactive)
        vn->ops->inactive(vn);
    if (anonymous)
        rr_free(vn);
}

int rr_vnode_getattr(struct rr_vnode *vn, struct rr_vattr *va)
{
    rr_memset(va, 0, sizeof(*va));
    va->mode = vn->mode;
    va->ino = vn->ino;
    va->nlink = 1;
    va->blksize = RR_PAGE_SIZE;
    if (vn->mount)
        va->dev = vn->mount->dev;
    if (vn->ops->getattr)
        return vn->ops->getattr(vn, va);
    return 0;
}

static uint64_t anon_next_ino = 1;

struct rr_vnode *rr_vnode_anon(const struct rr_vnode_ops *ops, uint32_t mode, void *fs_data)
{
    struct rr_vnode *vn = rr_zalloc(sizeof(*vn));
    if (!vn)
        return NULL;
    rr_vnode_init(vn, ops, NULL, mode, anon_next_ino++);
    vn->fs_data = fs_data;
    return vn;
}
