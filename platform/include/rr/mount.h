/*
 * rr/mount.h — block file systems mounted at boot from the configuration's
 * "mounts" key and unmounted at the guest's end (platform/block/mount.c,
 * docs/contracts.md §8).
 */
#pragma once

struct rr_mount;

/* Mounts every configured entry in order, after the root file system is
 * built. A failed required entry ends the guest (rr:config 78 mount PATH:
 * REASON); a failed optional one is reported on the console and skipped. */
void rr_block_mount_all(void);

/* Writes back and flushes every mounted block file system (sync(2)): 0 or the first error. */
int rr_block_sync_all(void);
/* The same for the one file system m, if it is a block file system (syncfs(2)); 0 otherwise. */
int rr_block_sync_mount(struct rr_mount *m);

/* At the guest's end, before the status line: unmounts every block file
 * system (written back, flushed, marked clean), latest first. Safe with
 * nothing mounted; runs once, so a fault inside it cannot recurse. */
void rr_block_unmount_all(void);
