/* Datagram sockets over lwIP's UDP: received datagrams wait in a queue with their sender. */
#include "sock.h"
#include "net_stack.h"

#define UDP_MAX_PAYLOAD 65507

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
    (void)pcb;
    struct rr_sock *s = arg;
    if (!s || s->shut_rd || s->dq_bytes + p->tot_len > (size_t)s->rcvbuf * 2) {
        pbuf_free(p);
        return;
    }
    struct rr_dgram *d = rr_malloc(sizeof(*d));
    if (!d) {
        pbuf_free(p);
        return;
    }
    d->next = NULL;
    d->p = p;
    ip_addr_copy(d->addr, *addr);
    d->port = port;
    if (s->dq_tail)
        s->dq_tail->next = d;
    else
        s->dq_head = d;
    s->dq_tail = d;
    s->dq_bytes += p->tot_len;
    rr_sock_changed(s);
}

void rr_udp_setup(struct rr_sock *s)
{
    udp_recv(s->udp, on_recv, s);
}

long rr_udp_bind(struct rr_sock *s, const ip_addr_t *ip, u16_t port)
{
    if (s->udp->local_port)
        return -EINVAL;
    if (s->reuseaddr || s->reuseport)
        ip_set_option(s->udp, SOF_REUSEADDR);
    err_t e = udp_bind(s->udp, ip, port);
    return e == ERR_OK ? 0 : -rr_sock_err(e);
}

long rr_udp_connect(struct rr_sock *s, const ip_addr_t *ip, u16_t port, bool unspec)
{
    if (unspec) {
        udp_disconnect(s->udp);
        s->connected = false;
        return 0;
    }
    err_t e = udp_connect(s->udp, ip, port);
    if (e != ERR_OK)
        return -rr_sock_err(e);
    s->connected = true;
    return 0;
}

static bool tx_room(void *arg)
{
    (void)arg;
    return rr_netif_tx_room();
}

long rr_udp_sendto(struct rr_sock *s, const struct iovec_k *iov, size_t niov, const ip_addr_t *ip, u16_t port, bool has_addr,
                   bool dontwait)
{
    size_t total = 0;
    for (size_t i = 0; i < niov; i++) {
        if (!rr_vfs_user_ok(iov[i].base, iov[i].len))
            return -EFAULT;
        total += iov[i].len;
        if (total > UDP_MAX_PAYLOAD)
            return -EMSGSIZE;
    }
    if (!has_addr && !s->connected)
        return -EDESTADDRREQ;
    if (s->shut_wr)
        return -EPIPE;
    while (!rr_netif_tx_room()) {
        if (dontwait)
            return -EAGAIN;
        long r = rr_sock_wait(s, NULL, false, tx_room, s->sndtimeo_ns);
        if (r)
            return r;
    }
    struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)total, PBUF_RAM);
    if (!p)
        return -ENOBUFS;
    size_t off = 0;
    for (size_t i = 0; i < niov; i++) {
        pbuf_take_at(p, iov[i].base, (u16_t)iov[i].len, (u16_t)off);
        off += iov[i].len;
    }
    err_t e;
    if (has_addr) {
        bool broadcast = IP_IS_V4(ip) &&
                         ip4_addr_isbroadcast_u32(ip4_addr_get_u32(ip_2_ip4(ip)), netif_default ? netif_default : netif_list);
        if (broadcast && !s->broadcast) {
            pbuf_free(p);
            return -EACCES;
        }
        e = udp_sendto(s->udp, p, ip, port);
    } else {
        e = udp_send(s->udp, p);
    }
    pbuf_free(p);
    if (e != ERR_OK)
        return -rr_sock_err(e);
    return (long)total;
}

static bool readable(void *arg)
{
    return ((struct rr_sock *)arg)->dq_head != NULL;
}

long rr_udp_recvfrom(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags,
                     void *uaddr, uint32_t *ulen, int *msg_flags)
{
    for (size_t i = 0; i < niov; i++)
        if (!rr_vfs_user_ok(iov[i].base, iov[i].len))
            return -EFAULT;
    while (!s->dq_head) {
        long r = rr_sock_wait(s, f, flags & MSG_DONTWAIT, readable, s->rcvtimeo_ns);
        if (r)
            return r;
    }
    struct rr_dgram *d = s->dq_head;
    size_t len = d->p->tot_len, off = 0;
    for (size_t i = 0; i < niov && off < len; i++) {
        size_t take = len - off < iov[i].len ? len - off : iov[i].len;
        pbuf_copy_partial(d->p, iov[i].base, (u16_t)take, (u16_t)off);
        off += take;
    }
    long r = rr_sock_addr_out(s, uaddr, ulen, &d->addr, d->port);
    if (r)
        return r;
    if (msg_flags)
        *msg_flags = off < len ? MSG_TRUNC : 0;
    if (!(flags & MSG_PEEK)) {
        s->dq_head = d->next;
        if (!s->dq_head)
            s->dq_tail = NULL;
        s->dq_bytes -= len;
        pbuf_free(d->p);
        rr_free(d);
    }
    return (long)((flags & MSG_TRUNC) ? len : off);
}

int rr_udp_poll(struct rr_sock *s)
{
    int ready = RR_POLLOUT | RR_POLLWRNORM;
    if (s->dq_head)
        ready |= RR_POLLIN | RR_POLLRDNORM;
    return ready;
}

void rr_udp_close(struct rr_sock *s)
{
    while (s->dq_head) {
        struct rr_dgram *d = s->dq_head;
        s->dq_head = d->next;
        pbuf_free(d->p);
        rr_free(d);
    }
    if (s->udp) {
        udp_remove(s->udp);
        s->udp = NULL;
    }
}
