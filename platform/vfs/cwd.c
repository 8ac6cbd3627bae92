/* The program's working directory and file-creation mask (one process per image). */
#include <rr/vfs.h>

static struct rr_vnode *cwd;
static uint32_t umask_bits = 022;

struct rr_vnode *rr_vfs_cwd(void)
{
    return cwd ? cwd : rr_vfs_root();
}

void rr_vfs_set_cwd(struct rr_vnode *vn)
{
    struct rr_vnode *old = cwd;
    cwd = rr_vnode_ref(vn);
    rr_vnode_unref(old);
}

uint32_t rr_vfs_umask(void)
{
    return umask_bits;
}

uint32_t rr_vfs_set_umask(uint32_t mask)
{
    uint32_t old = umask_bits;
    umask_bits = mask & 0777;
    return old;
}
