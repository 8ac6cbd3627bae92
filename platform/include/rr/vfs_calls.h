/*
 * rr/vfs_calls.h — the file system calls with C types (syscall/fs_*.c). The
 * RR_SYSCALL handlers are thin wrappers around these; other platform code and the
 * host unit tests call them directly. Results are Linux's: >= 0, or -errno.
 */
#pragma once

#include <rr/vfs.h>

/* Handlers take the six argument registers; most use only a few. */
#define RR_FS_ARGS \
    __attribute__((unused)) long a0, __attribute__((unused)) long a1, __attribute__((unused)) long a2, \
    __attribute__((unused)) long a3, __attribute__((unused)) long a4, __attribute__((unused)) long a5

/* fs_io.c */
/* The vector readable, every piece usable for its length (EFAULT) and the total
 * within a signed 64-bit count (EINVAL); the caller bounds the number of pieces. */
long rr_fs_iov_check(const struct rr_iovec *iov, size_t cnt);
long rr_fs_read(int fd, void *buf, size_t n);
long rr_fs_write(int fd, const void *buf, size_t n);
long rr_fs_readv(int fd, const struct rr_iovec *iov, int cnt);
long rr_fs_writev(int fd, const struct rr_iovec *iov, int cnt);
long rr_fs_pread(int fd, void *buf, size_t n, long off);
long rr_fs_pwrite(int fd, const void *buf, size_t n, long off);
long rr_fs_preadv(int fd, const struct rr_iovec *iov, int cnt, long off);
long rr_fs_pwritev(int fd, const struct rr_iovec *iov, int cnt, long off);
long rr_fs_lseek(int fd, long off, int whence);
long rr_fs_sendfile(int out_fd, int in_fd, long *offset, size_t count);

/* fs_open.c */
long rr_fs_openat(int dirfd, const char *path, int flags, uint32_t mode);
long rr_fs_close(int fd);
long rr_fs_close_range(unsigned first, unsigned last, unsigned flags);

/* fs_stat.c */
long rr_fs_fstat(int fd, struct rr_stat *st);
long rr_fs_fstatat(int dirfd, const char *path, struct rr_stat *st, int flags);
long rr_fs_statx(int dirfd, const char *path, int flags, unsigned mask, struct rr_statx *stx);
long rr_fs_faccessat(int dirfd, const char *path, int mode, int flags);
long rr_fs_readlinkat(int dirfd, const char *path, char *buf, long size);

/* fs_namespace.c */
long rr_fs_mkdirat(int dirfd, const char *path, uint32_t mode);
long rr_fs_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev);
long rr_fs_unlinkat(int dirfd, const char *path, int flags);
long rr_fs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
long rr_fs_symlinkat(const char *target, int newdirfd, const char *linkpath);
long rr_fs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned flags);

/* fs_dir.c */
long rr_fs_getdents64(int fd, void *buf, size_t count);
long rr_fs_getdents(int fd, void *buf, size_t count);
long rr_fs_chdir(const char *path);
long rr_fs_fchdir(int fd);
long rr_fs_getcwd(char *buf, size_t size);

/* fs_attr.c */
long rr_fs_fchmodat(int dirfd, const char *path, uint32_t mode, int flags);
long rr_fs_fchmod(int fd, uint32_t mode);
long rr_fs_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags);
long rr_fs_fchown(int fd, uint32_t uid, uint32_t gid);
long rr_fs_umask(uint32_t mask);
long rr_fs_utimensat(int dirfd, const char *path, const struct rr_timespec *times, int flags);
long rr_fs_futimesat(int dirfd, const char *path, const struct rr_timeval *times);
long rr_fs_truncate(const char *path, long len);
long rr_fs_ftruncate(int fd, long len);
long rr_fs_fallocate(int fd, int mode, long off, long len);

/* fs_sync.c */
long rr_fs_fsync(int fd);

/* fs_fd.c */
long rr_fs_dup(int fd);
long rr_fs_dup3(int oldfd, int newfd, int flags);
long rr_fs_dup2(int oldfd, int newfd);
long rr_fs_fcntl(int fd, int cmd, unsigned long arg);
long rr_fs_flock(int fd, int op);

/* fs_eventfd.c, fs_timerfd.c */
long rr_fs_eventfd2(unsigned initval, int flags);
long rr_fs_timerfd_create(int clock, int flags);

/* pipe.c */
long rr_fs_pipe2(int *fds, int flags);

/* fs_ioctl.c */
long rr_fs_ioctl(int fd, unsigned long cmd, unsigned long arg);

/* fs_poll.c */
long rr_fs_poll(struct rr_pollfd *fds, unsigned long nfds, int timeout_ms);
long rr_fs_ppoll(struct rr_pollfd *fds, unsigned long nfds, struct rr_timespec *tmo);
long rr_fs_select(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct rr_timeval *tmo);
long rr_fs_pselect(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct rr_timespec *tmo);

/* fs_statfs.c */
long rr_fs_statfs(const char *path, struct rr_statfs *st);
long rr_fs_fstatfs(int fd, struct rr_statfs *st);
