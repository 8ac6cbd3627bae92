/*
 * rr/rootfs.h — the root file system rr-bake --rootfs packs into the image
 * (docs/contracts.md §4, "Root file system"): a POSIX tar archive (ustar
 * headers, pax extended headers) in the read-only section .rr_rootfs, unpacked
 * into the ramfs root at boot by vfs/rootfs_tar.c.
 */
#pragma once

#include <stddef.h>

/* Linker-script symbols around .rr_rootfs (image.ld); equal when the image has none. */
extern const char __rr_rootfs_start[], __rr_rootfs_end[];

/* Unpacks the image's archive into the mounted root, before /dev, /tmp and /etc are
 * made. An image without one is left alone. A corrupt archive, or a tree that does
 * not fit in memory, ends the guest with rr:config 78 and a message naming the entry. */
void rr_rootfs_unpack(void);

/* The same for any archive in memory (len bytes): 0 when unpacked; otherwise a
 * negative errno (-EINVAL for a malformed archive, the file layer's error for a
 * failed creation) and a one-line message in err. */
int rr_rootfs_unpack_archive(const char *archive, size_t len, char *err, size_t errlen);
