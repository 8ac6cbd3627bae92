/*
 * Sockets over lwIP's raw API. A socket is an anonymous vnode (S_IFSOCK)
 * whose fs_data is a struct rr_sock; lwIP's callbacks only queue data and
 * set flags, and the system calls wait on predicates over those (the
 * scheduler tests them), so poll, select and epoll need no notification.
 */
#pragma once

#include <rr/kern.h>
#include <rr/vfs.h>
#include <rr/vfs_abi.h>
#include "lwip/tcp.h"
#include "lwip/udp.h"

#define SOCK_STREAM   1
#define SOCK_DGRAM    2
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK RR_O_NONBLOCK
#define SOCK_CLOEXEC  RR_O_CLOEXEC

#define MSG_PEEK      0x2
#define MSG_TRUNC     0x20
#define MSG_DONTWAIT  0x40
#define MSG_WAITALL   0x100
#define MSG_NOSIGNAL  0x4000
#define MSG_MORE      0x8000

/* struct iovec as the program passes it */
struct iovec_k {
    void *base;
    size_t len;
};

struct rr_dgram {
    struct rr_dgram *next;
    struct pbuf *p;
    ip_addr_t addr;
    u16_t port;
};

struct rr_sock {
    struct rr_vnode *vn;          /* NULL until the socket has a descriptor */
    int family;
    int type;
    struct tcp_pcb *tcp;          /* SOCK_STREAM; NULL once lwIP dropped it */
    struct udp_pcb *udp;          /* SOCK_DGRAM */
    /* stream receive side: a pbuf chain, consumed from its head */
    struct pbuf *rx;
    bool rx_eof;                  /* the peer's FIN, or the connection is gone */
    bool connecting, connected, listening, was_connected;
    bool shut_rd, shut_wr;
    int err;                      /* pending error for SO_ERROR and the next call (positive errno) */
    /* listening: connections waiting for accept, oldest first */
    struct rr_sock *acc_head, *acc_tail, *acc_next;
    int acc_count, backlog;
    /* datagrams */
    struct rr_dgram *dq_head, *dq_tail;
    size_t dq_bytes;
    /* options */
    bool v6only;                  /* AF_INET6: IPV6_V6ONLY */
    bool reuseaddr, reuseport, keepalive, nodelay, broadcast, linger_on;
    int linger_secs;
    int rcvbuf, sndbuf;
    uint64_t rcvtimeo_ns, sndtimeo_ns;
    /* every socket that exists, for the exit (rr_sock_close_all) and the count of live ones */
    struct rr_sock *live_prev, *live_next;
};

/* Readiness changed outside a read or write (lwIP callbacks): edge-triggered epoll reports again. */
static inline void rr_sock_changed(struct rr_sock *s)
{
    if (s->vn)
        rr_vnode_poll_changed(s->vn);
}

/* sock_file.c */
long rr_sock_create(int family, int type, int protocol);
struct rr_sock *rr_sock_alloc(int family, int type);
long rr_sock_install(struct rr_sock *s, int flags);       /* new fd; frees s on failure */
long rr_sock_wait(struct rr_sock *s, struct rr_file *f, bool dontwait, bool (*cond)(void *), uint64_t timeout_ns);
void rr_sock_destroy(struct rr_sock *s);
/* Sockets that exist now: open descriptors and connections not yet accepted. */
size_t rr_sock_live(void);

/* sock_addr.c: struct sockaddr_in and sockaddr_in6 (Linux layouts) <-> lwIP, as s's family reads and writes them */
int rr_sock_addr_in(const struct rr_sock *s, const void *uaddr, uint32_t len, ip_addr_t *ip, u16_t *port, bool *unspec);
long rr_sock_addr_out(const struct rr_sock *s, void *uaddr, uint32_t *ulen, const ip_addr_t *ip, u16_t port);
int rr_sock_err(err_t e);

/* sock_calls.c: what the platform's socket calls run for these sockets */
extern const struct rr_socket_ops rr_inet_socket_ops;

/* sock_tcp.c */
long rr_tcp_bind(struct rr_sock *s, const ip_addr_t *ip, u16_t port);
long rr_tcp_listen(struct rr_sock *s, int backlog);
long rr_tcp_accept(struct rr_sock *s, struct rr_file *f, int flags, void *uaddr, uint32_t *ulen);
long rr_tcp_connect(struct rr_sock *s, struct rr_file *f, const ip_addr_t *ip, u16_t port);
long rr_tcp_sendv(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags);
long rr_tcp_recv(struct rr_sock *s, struct rr_file *f, void *buf, size_t n, int flags);
long rr_tcp_shutdown(struct rr_sock *s, int how);
int rr_tcp_poll(struct rr_sock *s);
void rr_tcp_close(struct rr_sock *s);
void rr_tcp_apply_options(struct rr_sock *s);

/* sock_udp.c */
void rr_udp_setup(struct rr_sock *s);              /* the receive callback */
long rr_udp_bind(struct rr_sock *s, const ip_addr_t *ip, u16_t port);
long rr_udp_connect(struct rr_sock *s, const ip_addr_t *ip, u16_t port, bool unspec);
/* Waits (unless dontwait: EAGAIN) while an interface's transmit queue is full, as Linux's send buffer makes a sender wait. */
long rr_udp_sendto(struct rr_sock *s, const struct iovec_k *iov, size_t niov, const ip_addr_t *ip, u16_t port, bool has_addr,
                   bool dontwait);
long rr_udp_recvfrom(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags,
                     void *uaddr, uint32_t *ulen, int *msg_flags);
int rr_udp_poll(struct rr_sock *s);
void rr_udp_close(struct rr_sock *s);
