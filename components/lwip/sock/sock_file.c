/* Sockets as files: creation, the vnode operations (read, write, poll, ioctl, close) and waiting. */
#include <rr/sched.h>
#include <rr/vfs_calls.h>
#include "sock.h"
#include "net_stack.h"
#include <rr/socket.h>

#define AF_INET   2
#define AF_INET6  10
#define S_IFSOCK  0140000
#define FIONREAD  0x541b

static bool always(void *arg)
{
    (void)arg;
    return false;
}

long rr_sock_wait(struct rr_sock *s, struct rr_file *f, bool dontwait, bool (*cond)(void *), uint64_t timeout_ns)
{
    if (dontwait || (f && (f->flags & RR_O_NONBLOCK)))
        return -EAGAIN;
    uint64_t deadline = timeout_ns ? rr_monotonic_ns() + timeout_ns : 0;
    rr_net_pump();
    int r = rr_wait_interruptible(cond ? cond : always, s, deadline);
    if (r == -ETIMEDOUT)
        return -EAGAIN;
    return r;
}

static long sock_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct rr_sock *s = f->vn->fs_data;
    long r;
    if (s->type == SOCK_STREAM) {
        r = rr_tcp_recv(s, f, buf, n, 0);
    } else {
        struct iovec_k iov = { buf, n };
        r = rr_udp_recvfrom(s, f, &iov, 1, 0, NULL, NULL, NULL);
    }
    rr_net_pump();
    return r;
}

/* writev: one segment (TCP) or one datagram (UDP) for the whole vector, as on Linux */
static long sock_writev(struct rr_file *f, const struct rr_iovec *iov, int cnt)
{
    struct rr_sock *s = f->vn->fs_data;
    /* the same layout: a pointer and a 64-bit length */
    _Static_assert(sizeof(struct rr_iovec) == sizeof(struct iovec_k), "iovec layouts");
    const struct iovec_k *v = (const struct iovec_k *)iov;
    long r;
    if (s->type == SOCK_STREAM)
        r = rr_tcp_sendv(s, f, v, (size_t)cnt, 0);
    else
        r = rr_udp_sendto(s, v, (size_t)cnt, NULL, 0, false, (f->flags & RR_O_NONBLOCK) != 0);
    rr_net_pump();
    return r;
}

static long sock_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct rr_iovec v = { (void *)buf, n };
    return sock_writev(f, &v, 1);
}

static int sock_poll(struct rr_file *f, int events)
{
    struct rr_sock *s = f->vn->fs_data;
    int ready = s->type == SOCK_STREAM ? rr_tcp_poll(s) : rr_udp_poll(s);
    return ready & (events | RR_POLLERR | RR_POLLHUP);
}

static size_t pending_bytes(struct rr_sock *s)
{
    if (s->type == SOCK_STREAM)
        return s->rx ? s->rx->tot_len : 0;
    return s->dq_head ? s->dq_head->p->tot_len : 0;
}

static long sock_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    struct rr_sock *s = f->vn->fs_data;
    if (cmd == FIONREAD) {
        int *out = (int *)arg;
        if (!rr_vfs_user_ok(out, sizeof(*out)))
            return -EFAULT;
        *out = (int)pending_bytes(s);
        return 0;
    }
    return -ENOTTY;
}

static long sock_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    return rr_snprintf(buf, size, "socket:[%llu]", (unsigned long long)vn->ino);
}

static struct rr_sock *live;
static size_t nlive;

static void live_add(struct rr_sock *s)
{
    s->live_next = live;
    if (live)
        live->live_prev = s;
    live = s;
    nlive++;
}

static void live_remove(struct rr_sock *s)
{
    if (s->live_prev)
        s->live_prev->live_next = s->live_next;
    else
        live = s->live_next;
    if (s->live_next)
        s->live_next->live_prev = s->live_prev;
    nlive--;
}

size_t rr_sock_live(void)
{
    return nlive;
}

void rr_sock_destroy(struct rr_sock *s)
{
    live_remove(s);
    if (s->type == SOCK_STREAM)
        rr_tcp_close(s);
    else
        rr_udp_close(s);
    rr_free(s);
}

void rr_sock_close_all(void)
{
    /* listeners first: their pending connections are reset, as Linux's exit does;
     * then every connection closes, sending its FIN after the data it holds
     * (or a reset when unread data remains) */
    for (struct rr_sock *s = live; s; s = s->live_next)
        if (s->type == SOCK_STREAM && s->listening)
            rr_tcp_close(s);
    for (struct rr_sock *s = live; s; s = s->live_next)
        if (s->type == SOCK_STREAM)
            rr_tcp_close(s);
}

static void sock_inactive(struct rr_vnode *vn)
{
    rr_sock_destroy(vn->fs_data);
    rr_net_pump();
}

static const struct rr_vnode_ops sock_ops = {
    .read = sock_read,
    .write = sock_write,
    .writev = sock_writev,
    .socket = &rr_inet_socket_ops,
    .poll = sock_poll,
    .ioctl = sock_ioctl,
    .dname = sock_dname,
    .inactive = sock_inactive,
    .stream = true,
};

struct rr_sock *rr_sock_alloc(int family, int type)
{
    struct rr_sock *s = rr_zalloc(sizeof(*s));
    if (!s)
        return NULL;
    s->family = family;
    s->type = type;
    live_add(s);
    s->rcvbuf = TCP_WND;
    s->sndbuf = TCP_SND_BUF;
    return s;
}

long rr_sock_install(struct rr_sock *s, int flags)
{
    struct rr_vnode *vn = rr_vnode_anon(&sock_ops, S_IFSOCK | 0777, s);
    if (!vn) {
        rr_sock_destroy(s);
        return -ENOMEM;
    }
    s->vn = vn;
    return rr_fd_open_vnode(vn, RR_O_RDWR | (flags & RR_O_NONBLOCK), (flags & RR_O_CLOEXEC) != 0);
}

long rr_sock_create(int family, int type, int protocol)
{
    if (family != AF_INET && family != AF_INET6)
        return -EAFNOSUPPORT;
    u8_t iptype = family == AF_INET6 ? IPADDR_TYPE_ANY : IPADDR_TYPE_V4;
    int flags = type & ~SOCK_TYPE_MASK;
    int kind = type & SOCK_TYPE_MASK;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return -EINVAL;
    if (kind == SOCK_STREAM) {
        if (protocol && protocol != 6)
            return -EPROTONOSUPPORT;
    } else if (kind == SOCK_DGRAM) {
        if (protocol && protocol != 17)
            return -EPROTONOSUPPORT;
    } else {
        return -ESOCKTNOSUPPORT;
    }
    struct rr_sock *s = rr_sock_alloc(family, kind);
    if (!s)
        return -ENOMEM;
    if (kind == SOCK_STREAM) {
        s->tcp = tcp_new_ip_type(iptype);
        if (s->tcp)
            rr_tcp_apply_options(s);
    } else {
        s->udp = udp_new_ip_type(iptype);
        if (s->udp)
            rr_udp_setup(s);
    }
    if (!s->tcp && !s->udp) {
        rr_sock_destroy(s);
        return -ENOMEM;
    }
    return rr_sock_install(s, flags);
}

void rr_socket_register_inet(long (*fn)(int family, int type, int protocol));

static int sock_register(void)
{
    rr_socket_register_inet(rr_sock_create);
    return 0;
}

RR_INIT(6, sock_register);
