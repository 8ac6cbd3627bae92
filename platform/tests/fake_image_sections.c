/* Host stand-in for the linker-script symbols around .rr_rootfs: an image without an archive. */
const char __rr_rootfs_start[1] = { 0 };
extern const char __rr_rootfs_end[1] __attribute__((alias("__rr_rootfs_start")));
