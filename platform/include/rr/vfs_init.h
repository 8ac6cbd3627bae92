/* rr/vfs_init.h — the pieces rr_vfs_init() (vfs/init.c) assembles the root from. */
#pragma once

/* Each of these leaves alone what already exists, so files unpacked from a root file
 * system image win over generated ones. */
int rr_devfs_populate(void);   /* vfs/devfs.c: /dev and its nodes */
int rr_etc_populate(void);     /* vfs/etc.c: /etc from rr_config */
/* vfs/rootfs*.c (rr/rootfs.h), when linked in: unpacks the image's files into the
 * empty root, first thing after / is mounted. */
void rr_rootfs_unpack(void) __attribute__((weak));
