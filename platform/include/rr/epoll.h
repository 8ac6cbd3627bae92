/*
 * rr/epoll.h — epoll instances (syscall/epoll.c): a set of watched open file
 * descriptions, level- or edge-triggered, read through epoll_wait.
 *
 * A watch does not keep its file open: as on Linux it ends when the open file
 * description's last reference goes, which the file layer reports here.
 * Readiness is found through each file's poll operation; the scheduler tests a
 * waiting epoll_wait again after every interrupt, so no object has to wake it.
 * Edge-triggered watches report again when the file's vnode poll_seq moved
 * (rr_vnode_poll_changed) or a ready bit appeared since the last report.
 */
#pragma once

#include <rr/vfs.h>

/* From vfs/file.c, before the last reference to f is dropped. */
void rr_epoll_file_gone(struct rr_file *f);

/* The calls with C types (host tests, other platform code). */
long rr_epoll_create1(int flags);
long rr_epoll_ctl(int epfd, int op, int fd, void *uevent);
/* timeout_ns: UINT64_MAX waits forever, 0 does not wait */
long rr_epoll_wait(int epfd, void *uevents, int maxevents, uint64_t timeout_ns);
