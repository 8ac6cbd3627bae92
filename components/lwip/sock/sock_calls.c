/*
 * The socket calls of AF_INET/AF_INET6 sockets (struct rr_socket_ops): the
 * platform checks the descriptor and the vectors and calls these; each one
 * lets lwIP run what the call set going before it returns.
 */
#include <rr/socket.h>
#include "sock.h"
#include "net_stack.h"

#define SOCK_OF(f) ((struct rr_sock *)(f)->vn->fs_data)

static long done(long r)
{
    rr_net_pump();
    return r;
}

static long inet_bind(struct rr_file *f, const void *addr, uint32_t len)
{
    struct rr_sock *s = SOCK_OF(f);
    ip_addr_t ip;
    u16_t port;
    long r = rr_sock_addr_in(s, addr, len, &ip, &port, NULL);
    if (!r)
        r = s->type == SOCK_STREAM ? rr_tcp_bind(s, &ip, port) : rr_udp_bind(s, &ip, port);
    return done(r);
}

static long inet_listen(struct rr_file *f, int backlog)
{
    struct rr_sock *s = SOCK_OF(f);
    return done(s->type == SOCK_STREAM ? rr_tcp_listen(s, backlog) : -EOPNOTSUPP);
}

static long inet_accept(struct rr_file *f, void *addr, uint32_t *len, int flags)
{
    struct rr_sock *s = SOCK_OF(f);
    return done(s->type == SOCK_STREAM ? rr_tcp_accept(s, f, flags, addr, len) : -EOPNOTSUPP);
}

static long inet_connect(struct rr_file *f, const void *addr, uint32_t len)
{
    struct rr_sock *s = SOCK_OF(f);
    ip_addr_t ip;
    u16_t port;
    bool unspec;
    long r = rr_sock_addr_in(s, addr, len, &ip, &port, &unspec);
    if (!r) {
        if (s->type == SOCK_STREAM)
            r = unspec ? -EAFNOSUPPORT : rr_tcp_connect(s, f, &ip, port);
        else
            r = rr_udp_connect(s, &ip, port, unspec);
    }
    return done(r);
}

static long inet_send(struct rr_file *f, const struct rr_iovec *vec, size_t niov, int flags,
                      const void *addr, uint32_t addrlen)
{
    struct rr_sock *s = SOCK_OF(f);
    const struct iovec_k *iov = (const struct iovec_k *)vec;   /* the same layout (sock_file.c) */
    if (s->type == SOCK_DGRAM) {
        ip_addr_t ip;
        u16_t port = 0;
        bool has = addr != NULL;
        if (has) {
            long r = rr_sock_addr_in(s, addr, addrlen, &ip, &port, NULL);
            if (r)
                return r;
        }
        return done(rr_udp_sendto(s, iov, niov, has ? &ip : NULL, port, has,
                                  (flags & MSG_DONTWAIT) || (f->flags & RR_O_NONBLOCK)));
    }
    return done(rr_tcp_sendv(s, f, iov, niov, flags));
}

static long tcp_recv_iov(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags,
                         void *addr, uint32_t *addrlen, int *msg_flags)
{
    if (msg_flags)
        *msg_flags = 0;
    long total = 0;
    for (size_t i = 0; i < niov; i++) {
        if (!iov[i].len)
            continue;
        long r = rr_tcp_recv(s, f, iov[i].base, iov[i].len, total ? (flags | MSG_DONTWAIT) : flags);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((size_t)r < iov[i].len || (flags & MSG_PEEK))
            break;
    }
    if (addr && addrlen && s->tcp) {
        long r = rr_sock_addr_out(s, addr, addrlen, &s->tcp->remote_ip, s->tcp->remote_port);
        if (r)
            return r;
    }
    return total;
}

static long inet_recv(struct rr_file *f, const struct rr_iovec *vec, size_t niov, int flags,
                      void *addr, uint32_t *addrlen, int *msg_flags)
{
    struct rr_sock *s = SOCK_OF(f);
    const struct iovec_k *iov = (const struct iovec_k *)vec;
    if (s->type == SOCK_DGRAM)
        return done(rr_udp_recvfrom(s, f, iov, niov, flags, addr, addrlen, msg_flags));
    return done(tcp_recv_iov(s, f, iov, niov, flags, addr, addrlen, msg_flags));
}

static long inet_shutdown(struct rr_file *f, int how)
{
    struct rr_sock *s = SOCK_OF(f);
    long r;
    if (s->type == SOCK_STREAM) {
        r = rr_tcp_shutdown(s, how);
    } else if (how < 0 || how > 2) {
        r = -EINVAL;
    } else {
        if (how != 1)
            s->shut_rd = true;
        if (how != 0)
            s->shut_wr = true;
        r = s->connected ? 0 : -ENOTCONN;
    }
    return done(r);
}

static long inet_name(struct rr_file *f, void *addr, uint32_t *len, bool peer)
{
    struct rr_sock *s = SOCK_OF(f);
    long r;
    if (s->type == SOCK_STREAM) {
        struct tcp_pcb *p = s->tcp;
        if (peer)
            r = !s->connected || !p ? -ENOTCONN : rr_sock_addr_out(s, addr, len, &p->remote_ip, p->remote_port);
        else
            r = p ? rr_sock_addr_out(s, addr, len, &p->local_ip, p->local_port) : rr_sock_addr_out(s, addr, len, NULL, 0);
    } else {
        struct udp_pcb *p = s->udp;
        if (peer)
            r = !s->connected ? -ENOTCONN : rr_sock_addr_out(s, addr, len, &p->remote_ip, p->remote_port);
        else
            r = rr_sock_addr_out(s, addr, len, &p->local_ip, p->local_port);
    }
    if (!r && (!addr || !len))
        r = -EFAULT;
    return done(r);
}

long rr_sock_setopt(struct rr_sock *s, int level, int name, const void *val, uint32_t len);
long rr_sock_getopt(struct rr_sock *s, int level, int name, void *val, uint32_t *len);

static long inet_setsockopt(struct rr_file *f, int level, int name, const void *val, uint32_t len)
{
    return done(rr_sock_setopt(SOCK_OF(f), level, name, val, len));
}

static long inet_getsockopt(struct rr_file *f, int level, int name, void *val, uint32_t *len)
{
    return done(rr_sock_getopt(SOCK_OF(f), level, name, val, len));
}

const struct rr_socket_ops rr_inet_socket_ops = {
    .bind = inet_bind,
    .listen = inet_listen,
    .accept = inet_accept,
    .connect = inet_connect,
    .send = inet_send,
    .recv = inet_recv,
    .shutdown = inet_shutdown,
    .name = inet_name,
    .setsockopt = inet_setsockopt,
    .getsockopt = inet_getsockopt,
};
