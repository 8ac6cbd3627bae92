/*
 * Stand-ins for the block layer's mount registry when platform/block/ is not
 * compiled into the host tests; weak, so the real one wins when it is.
 */
#include <rr/mount.h>

__attribute__((weak)) int rr_block_sync_all(void)
{
    return 0;
}

__attribute__((weak)) int rr_block_sync_mount(struct rr_mount *m)
{
    (void)m;
    return 0;
}
