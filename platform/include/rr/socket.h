/*
 * rr/socket.h — the boundary between the socket system calls and the socket
 * families. The platform owns the calls (syscall/socket_calls.c): it checks the
 * descriptor and the caller's message header and hands the rest to the file's
 * struct rr_socket_ops. A family (lwIP's AF_INET/AF_INET6 component, the
 * platform's AF_UNIX pairs) implements the operations and sets the pointer in
 * its vnode operations. Every operation returns a count or 0, or -errno.
 */
#pragma once

#include <rr/vfs.h>

#define RR_MSG_PEEK     0x2
#define RR_MSG_TRUNC    0x20
#define RR_MSG_DONTWAIT 0x40
#define RR_MSG_WAITALL  0x100
#define RR_MSG_NOSIGNAL 0x4000
#define RR_MSG_MORE     0x8000

#define RR_SOCK_STREAM    1
#define RR_SOCK_DGRAM     2
#define RR_SOCK_SEQPACKET 5
#define RR_SOCK_NONBLOCK  0x800
#define RR_SOCK_CLOEXEC   0x80000

struct rr_socket_ops {
    long (*bind)(struct rr_file *f, const void *addr, uint32_t len);
    long (*listen)(struct rr_file *f, int backlog);
    /* flags: SOCK_NONBLOCK, SOCK_CLOEXEC (checked); returns the new descriptor */
    long (*accept)(struct rr_file *f, void *addr, uint32_t *len, int flags);
    long (*connect)(struct rr_file *f, const void *addr, uint32_t len);
    /* the vector is checked readable; addr is NULL without a destination */
    long (*send)(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int flags,
                 const void *addr, uint32_t addrlen);
    /* the vector is checked writable; addr/addrlen may be NULL; *msg_flags (if given)
     * receives MSG_TRUNC and the like */
    long (*recv)(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int flags,
                 void *addr, uint32_t *addrlen, int *msg_flags);
    long (*shutdown)(struct rr_file *f, int how);
    long (*name)(struct rr_file *f, void *addr, uint32_t *len, bool peer);
    long (*setsockopt)(struct rr_file *f, int level, int name, const void *val, uint32_t len);
    long (*getsockopt)(struct rr_file *f, int level, int name, void *val, uint32_t *len);
};

/* The calls with C types (syscall/socket_calls.c), for the host unit tests as for
 * the system call handlers: >= 0, or -errno (EBADF, ENOTSOCK, the family's). */
long rr_socket_send(int fd, const struct rr_iovec *iov, size_t n, int flags, const void *addr, uint32_t addrlen);
long rr_socket_recv(int fd, const struct rr_iovec *iov, size_t n, int flags, void *addr, uint32_t *addrlen, int *msg_flags);
long rr_socket_shutdown(int fd, int how);
long rr_socket_name(int fd, void *addr, uint32_t *len, bool peer);
long rr_socket_getsockopt(int fd, int level, int name, void *val, uint32_t *len);

/* socketpair(AF_UNIX, type, 0, sv) (vfs/unix_pair.c): two connected stream sockets */
long rr_unix_pair_create(int type, int *sv);
