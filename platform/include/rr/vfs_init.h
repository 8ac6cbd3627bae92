/* rr/vfs_init.h — the pieces rr_vfs_init() (vfs/init.c) assembles the root from. */
#pragma once

int rr_devfs_populate(void);   /* vfs/devfs.c: /dev and its nodes */
int rr_etc_populate(void);     /* vfs/etc.c: /etc from rr_config */
