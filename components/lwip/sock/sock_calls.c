/* The socket system calls that take a descriptor; they exist only in images with this component. */
#include <rr/syscall_nr.h>
#include "sock.h"
#include "net_stack.h"

#define SA long a0, long a1, long a2, long a3, long a4, long a5
#define UNUSED_ARGS (void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5

struct msghdr_k {
    void *name;
    uint32_t namelen;
    struct iovec_k *iov;
    size_t iovlen;
    void *control;
    size_t controllen;
    int flags;
};

#define IOV_MAX 1024

/* Looks the descriptor up: EBADF when closed, ENOTSOCK when not a socket. */
#define GET_SOCK(fd, s, f)                                   \
    struct rr_file *f;                                       \
    struct rr_sock *s = rr_sock_get((int)(fd), &f);          \
    if (!s)                                                  \
        return f ? -ENOTSOCK : -EBADF

static long done(struct rr_file *f, long r)
{
    rr_net_pump();
    rr_file_unref(f);
    return r;
}

static long sys_bind(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    ip_addr_t ip;
    u16_t port;
    long r = rr_sock_addr_in(s, (const void *)a1, (uint32_t)a2, &ip, &port, NULL);
    if (!r)
        r = s->type == SOCK_STREAM ? rr_tcp_bind(s, &ip, port) : rr_udp_bind(s, &ip, port);
    return done(f, r);
}

static long sys_listen(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    long r = s->type == SOCK_STREAM ? rr_tcp_listen(s, (int)a1) : -EOPNOTSUPP;
    return done(f, r);
}

static long do_accept(long fd, void *addr, uint32_t *len, int flags)
{
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    GET_SOCK(fd, s, f);
    if (len && !rr_vfs_user_ok(len, sizeof(*len)))
        return done(f, -EFAULT);
    long r = s->type == SOCK_STREAM ? rr_tcp_accept(s, f, flags, addr, len) : -EOPNOTSUPP;
    return done(f, r);
}

static long sys_accept(SA)
{
    UNUSED_ARGS;
    return do_accept(a0, (void *)a1, (uint32_t *)a2, 0);
}

static long sys_accept4(SA)
{
    UNUSED_ARGS;
    return do_accept(a0, (void *)a1, (uint32_t *)a2, (int)a3);
}

static long sys_connect(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    ip_addr_t ip;
    u16_t port;
    bool unspec;
    long r = rr_sock_addr_in(s, (const void *)a1, (uint32_t)a2, &ip, &port, &unspec);
    if (!r) {
        if (s->type == SOCK_STREAM)
            r = unspec ? -EAFNOSUPPORT : rr_tcp_connect(s, f, &ip, port);
        else
            r = rr_udp_connect(s, &ip, port, unspec);
    }
    return done(f, r);
}

static long send_iov(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags,
                     const void *addr, uint32_t addrlen)
{
    if (s->type == SOCK_DGRAM) {
        ip_addr_t ip;
        u16_t port = 0;
        bool has = addr != NULL;
        if (has) {
            long r = rr_sock_addr_in(s, addr, addrlen, &ip, &port, NULL);
            if (r)
                return r;
        }
        return rr_udp_sendto(s, iov, niov, has ? &ip : NULL, port, has,
                             (flags & MSG_DONTWAIT) || (f->flags & RR_O_NONBLOCK));
    }
    long total = 0;
    for (size_t i = 0; i < niov; i++) {
        if (!iov[i].len)
            continue;
        long r = rr_tcp_send(s, f, iov[i].base, iov[i].len, flags);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((size_t)r < iov[i].len)
            break;
    }
    return total;
}

static long recv_iov(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags,
                     void *addr, uint32_t *addrlen, int *msg_flags)
{
    if (s->type == SOCK_DGRAM)
        return rr_udp_recvfrom(s, f, iov, niov, flags, addr, addrlen, msg_flags);
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

static long sys_sendto(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    struct iovec_k iov = { (void *)a1, (size_t)a2 };
    return done(f, send_iov(s, f, &iov, 1, (int)a3, (const void *)a4, (uint32_t)a5));
}

static long sys_recvfrom(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    struct iovec_k iov = { (void *)a1, (size_t)a2 };
    return done(f, recv_iov(s, f, &iov, 1, (int)a3, (void *)a4, (uint32_t *)a5, NULL));
}

static long check_msg(struct msghdr_k *m)
{
    if (!rr_vfs_user_ok(m, sizeof(*m)))
        return -EFAULT;
    if (m->iovlen > IOV_MAX)
        return -EMSGSIZE;
    if (!rr_vfs_user_ok(m->iov, m->iovlen * sizeof(struct iovec_k)))
        return -EFAULT;
    return 0;
}

static long sys_sendmsg(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    struct msghdr_k *m = (struct msghdr_k *)a1;
    long r = check_msg(m);
    if (!r)
        r = send_iov(s, f, m->iov, m->iovlen, (int)a2, m->name, m->namelen);
    return done(f, r);
}

static long sys_recvmsg(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    struct msghdr_k *m = (struct msghdr_k *)a1;
    long r = check_msg(m);
    if (!r) {
        int mf = 0;
        r = recv_iov(s, f, m->iov, m->iovlen, (int)a2, m->name, m->name ? &m->namelen : NULL, &mf);
        if (r >= 0) {
            m->flags = mf;
            m->controllen = 0;
            if (!m->name)
                m->namelen = 0;
        }
    }
    return done(f, r);
}

static long sys_shutdown(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    long r;
    if (s->type == SOCK_STREAM) {
        r = rr_tcp_shutdown(s, (int)a1);
    } else if (a1 < 0 || a1 > 2) {
        r = -EINVAL;
    } else {
        if (a1 != 1)
            s->shut_rd = true;
        if (a1 != 0)
            s->shut_wr = true;
        r = s->connected ? 0 : -ENOTCONN;
    }
    return done(f, r);
}

static long name_of(long fd, void *addr, uint32_t *len, bool peer)
{
    GET_SOCK(fd, s, f);
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
    return done(f, r);
}

static long sys_getsockname(SA)
{
    UNUSED_ARGS;
    return name_of(a0, (void *)a1, (uint32_t *)a2, false);
}

static long sys_getpeername(SA)
{
    UNUSED_ARGS;
    return name_of(a0, (void *)a1, (uint32_t *)a2, true);
}

long rr_sock_setopt(struct rr_sock *s, int level, int name, const void *val, uint32_t len);
long rr_sock_getopt(struct rr_sock *s, int level, int name, void *val, uint32_t *len);

static long sys_setsockopt(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    return done(f, rr_sock_setopt(s, (int)a1, (int)a2, (const void *)a3, (uint32_t)a4));
}

static long sys_getsockopt(SA)
{
    UNUSED_ARGS;
    GET_SOCK(a0, s, f);
    return done(f, rr_sock_getopt(s, (int)a1, (int)a2, (void *)a3, (uint32_t *)a4));
}

RR_SYSCALL(__NR_bind, sys_bind);
RR_SYSCALL(__NR_listen, sys_listen);
RR_SYSCALL(__NR_accept, sys_accept);
RR_SYSCALL(__NR_accept4, sys_accept4);
RR_SYSCALL(__NR_connect, sys_connect);
RR_SYSCALL(__NR_sendto, sys_sendto);
RR_SYSCALL(__NR_recvfrom, sys_recvfrom);
RR_SYSCALL(__NR_sendmsg, sys_sendmsg);
RR_SYSCALL(__NR_recvmsg, sys_recvmsg);
RR_SYSCALL(__NR_shutdown, sys_shutdown);
RR_SYSCALL(__NR_getsockname, sys_getsockname);
RR_SYSCALL(__NR_getpeername, sys_getpeername);
RR_SYSCALL(__NR_setsockopt, sys_setsockopt);
RR_SYSCALL(__NR_getsockopt, sys_getsockopt);
