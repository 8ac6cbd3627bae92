/* Stream sockets over lwIP's TCP. */
#include "sock.h"
#include <rr/thread.h>
#include <rr/signal.h>
#include "net_stack.h"
#include "lwip/priv/tcp_priv.h"

#define SIGPIPE 13
#define AF_INET6_K 10

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err);
static void on_err(void *arg, err_t err);
static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len);

static void attach(struct rr_sock *s, struct tcp_pcb *pcb)
{
    s->tcp = pcb;
    tcp_arg(pcb, s);
    tcp_recv(pcb, on_recv);
    tcp_err(pcb, on_err);
    tcp_sent(pcb, on_sent);
}

void rr_tcp_apply_options(struct rr_sock *s)
{
    struct tcp_pcb *pcb = s->tcp;
    if (!pcb)
        return;
    if (s->reuseaddr || s->reuseport)
        ip_set_option(pcb, SOF_REUSEADDR);
    else
        ip_reset_option(pcb, SOF_REUSEADDR);
    if (pcb->state == LISTEN)
        return;
    tcp_arg(pcb, s);
    tcp_err(pcb, on_err);
    if (s->nodelay)
        tcp_nagle_disable(pcb);
    else
        tcp_nagle_enable(pcb);
    if (s->keepalive)
        ip_set_option(pcb, SOF_KEEPALIVE);
    else
        ip_reset_option(pcb, SOF_KEEPALIVE);
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct rr_sock *s = arg;
    (void)err;
    if (!s) {
        if (p) {
            tcp_recved(pcb, p->tot_len);
            pbuf_free(p);
        }
        return ERR_OK;
    }
    rr_sock_changed(s);
    if (!p) {
        s->rx_eof = true;
        return ERR_OK;
    }
    if (s->shut_rd) {
        tcp_recved(pcb, p->tot_len);
        pbuf_free(p);
        return ERR_OK;
    }
    if (s->rx)
        pbuf_cat(s->rx, p);
    else
        s->rx = p;
    return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
    struct rr_sock *s = arg;
    if (!s)
        return;
    s->tcp = NULL;      /* lwIP has freed it */
    s->err = s->connecting && err == ERR_RST ? ECONNREFUSED : rr_sock_err(err);
    if (s->connecting && err == ERR_ABRT)
        s->err = ECONNREFUSED;
    s->connecting = false;
    s->rx_eof = true;
    rr_sock_changed(s);
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    (void)pcb;
    (void)len;
    if (arg)
        rr_sock_changed(arg);
    return ERR_OK;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)pcb;
    struct rr_sock *s = arg;
    if (!s)
        return ERR_OK;
    s->connecting = false;
    rr_sock_changed(s);
    if (err != ERR_OK) {
        s->err = rr_sock_err(err);
        return ERR_OK;
    }
    s->connected = s->was_connected = true;
    return ERR_OK;
}

/* Connections in TIME_WAIT at most. Beyond it the oldest goes at once, as
 * Linux does past tcp_max_tw_buckets: a server that closes first (HTTP with
 * Connection: close) keeps bounded memory however many connections it serves. */
#define TIME_WAIT_MAX 1024

static void trim_time_wait(void)
{
    unsigned n = 0;
    for (struct tcp_pcb *p = tcp_tw_pcbs; p; p = p->next)
        n++;
    while (n-- > TIME_WAIT_MAX) {
        /* the newest are in front: the last is the oldest */
        struct tcp_pcb *oldest = tcp_tw_pcbs;
        while (oldest->next)
            oldest = oldest->next;
        tcp_abort(oldest);
    }
}

static err_t on_accept(void *arg, struct tcp_pcb *newpcb, err_t err)
{
    struct rr_sock *ls = arg;
    if (err != ERR_OK || !newpcb)
        return ERR_VAL;
    if (!ls || ls->acc_count >= ls->backlog) {
        tcp_abort(newpcb);
        return ERR_ABRT;
    }
    trim_time_wait();
    struct rr_sock *s = rr_sock_alloc(ls->family, SOCK_STREAM);
    if (!s) {
        tcp_abort(newpcb);
        return ERR_ABRT;
    }
    s->nodelay = ls->nodelay;
    s->keepalive = ls->keepalive;
    s->connected = s->was_connected = true;
    attach(s, newpcb);
    rr_tcp_apply_options(s);
    if (ls->acc_tail)
        ls->acc_tail->acc_next = s;
    else
        ls->acc_head = s;
    ls->acc_tail = s;
    ls->acc_count++;
    rr_sock_changed(ls);
    /* the connection counts against lwIP's backlog (which drops further SYNs, as Linux
     * does) until the program accepts it */
    return ERR_OK;
}

long rr_tcp_bind(struct rr_sock *s, const ip_addr_t *ip, u16_t port)
{
    if (!s->tcp)
        return -EINVAL;
    if (s->tcp->local_port)
        return -EINVAL;
    rr_tcp_apply_options(s);
    err_t e = tcp_bind(s->tcp, ip, port);
    return e == ERR_OK ? 0 : -rr_sock_err(e);
}

long rr_tcp_listen(struct rr_sock *s, int backlog)
{
    if (!s->tcp || s->connected || s->connecting)
        return -EINVAL;
    if (backlog <= 0)
        backlog = 1;
    if (backlog > 4096)
        backlog = 4096;
    s->backlog = backlog;
    if (s->listening)
        return 0;
    if (!s->tcp->local_port) {
        long r = rr_tcp_bind(s, s->family == AF_INET6_K ? (s->v6only ? IP6_ADDR_ANY : IP_ANY_TYPE) : IP4_ADDR_ANY, 0);
        if (r)
            return r;
    }
    err_t e;
    struct tcp_pcb *l = tcp_listen_with_backlog_and_err(s->tcp, backlog > 255 ? 255 : (u8_t)backlog, &e);
    if (!l)
        return -rr_sock_err(e);
    s->tcp = l;
    s->listening = true;
    tcp_arg(l, s);
    tcp_accept(l, on_accept);
    return 0;
}

static bool acceptable(void *arg)
{
    struct rr_sock *s = arg;
    return s->acc_head || !s->tcp;
}

long rr_tcp_accept(struct rr_sock *s, struct rr_file *f, int flags, void *uaddr, uint32_t *ulen)
{
    if (!s->listening)
        return -EINVAL;
    while (!s->acc_head) {
        if (!s->tcp)
            return -EINVAL;
        long r = rr_sock_wait(s, f, false, acceptable, s->rcvtimeo_ns);
        if (r)
            return r;
    }
    struct rr_sock *c = s->acc_head;
    s->acc_head = c->acc_next;
    if (!s->acc_head)
        s->acc_tail = NULL;
    s->acc_count--;
    c->acc_next = NULL;
    if (c->tcp)
        tcp_backlog_accepted(c->tcp);
    if (uaddr && ulen) {
        long r = c->tcp ? rr_sock_addr_out(c, uaddr, ulen, &c->tcp->remote_ip, c->tcp->remote_port)
                        : rr_sock_addr_out(c, uaddr, ulen, NULL, 0);
        if (r) {
            rr_sock_destroy(c);
            return r;
        }
    }
    return rr_sock_install(c, flags);
}

static bool connect_done(void *arg)
{
    return !((struct rr_sock *)arg)->connecting;
}

static long wait_connected(struct rr_sock *s, struct rr_file *f);

long rr_tcp_connect(struct rr_sock *s, struct rr_file *f, const ip_addr_t *ip, u16_t port)
{
    if (s->listening)
        return -EISCONN;
    if (s->connected)
        return -EISCONN;
    if (s->connecting) {
        /* a blocking connect restarted after a signal handler goes on waiting, as Linux's does */
        if (f->flags & RR_O_NONBLOCK)
            return -EALREADY;
        return wait_connected(s, f);
    }
    if (!s->tcp) {
        if (s->err) {
            int e = s->err;
            s->err = 0;
            return -e;
        }
        return -EINVAL;
    }
    trim_time_wait();
    rr_tcp_apply_options(s);
    tcp_recv(s->tcp, on_recv);
    tcp_sent(s->tcp, on_sent);
    s->err = 0;
    s->connecting = true;
    err_t e = tcp_connect(s->tcp, ip, port, on_connected);
    if (e != ERR_OK) {
        s->connecting = false;
        return -rr_sock_err(e);
    }
    /* as Linux: a non-blocking connect reports EINPROGRESS even when loopback finished it
     * at once; poll and SO_ERROR tell the outcome */
    if (f->flags & RR_O_NONBLOCK)
        return -EINPROGRESS;
    return wait_connected(s, f);
}

static long wait_connected(struct rr_sock *s, struct rr_file *f)
{
    while (s->connecting) {
        long r = rr_sock_wait(s, f, false, connect_done, s->sndtimeo_ns);
        if (r == -EAGAIN)
            return -EINPROGRESS;
        if (r)
            return r;
    }
    if (s->err) {
        int err = s->err;
        s->err = 0;
        return -err;
    }
    return 0;
}

static bool writable(void *arg)
{
    struct rr_sock *s = arg;
    return !s->tcp || s->err || (tcp_sndbuf(s->tcp) > 0 && tcp_sndqueuelen(s->tcp) < TCP_SND_QUEUELEN / 2);
}

static long epipe(int flags)
{
    if (!(flags & MSG_NOSIGNAL))
        rr_signal_raise(SIGPIPE);
    return -EPIPE;
}

/*
 * Queues a vector as one stream of bytes and sends it with one tcp_output, so that
 * a writev of a header and a body leaves as one segment, as on Linux. Sent piece
 * by piece, the second piece would wait under Nagle's rule for the first one's
 * acknowledgement, which a peer may delay by a few hundred milliseconds.
 */
long rr_tcp_sendv(struct rr_sock *s, struct rr_file *f, const struct iovec_k *iov, size_t niov, int flags)
{
    size_t last = niov;   /* the last piece that holds bytes */
    for (size_t i = 0; i < niov; i++) {
        if (!rr_vfs_user_ok(iov[i].base, iov[i].len))
            return -EFAULT;
        if (iov[i].len)
            last = i;
    }
    if (s->err) {
        int e = s->err;
        s->err = 0;
        return e == ECONNRESET || e == ECONNABORTED ? (flags & MSG_NOSIGNAL ? -EPIPE : epipe(flags)) : -e;
    }
    if (!s->connected || s->listening)
        return s->was_connected ? epipe(flags) : -ENOTCONN;
    if (s->shut_wr || !s->tcp)
        return epipe(flags);
    bool nonblock = (flags & MSG_DONTWAIT) || (f->flags & RR_O_NONBLOCK);
    size_t done = 0;
    bool stop = false;
    for (size_t i = 0; i < niov && i <= last && !stop; i++) {
        const char *buf = iov[i].base;
        size_t n = iov[i].len, put = 0;
        while (put < n) {
            if (!s->tcp || s->err) {
                stop = true;
                break;
            }
            size_t room = tcp_sndbuf(s->tcp);
            bool no_room = room == 0 || tcp_sndqueuelen(s->tcp) >= TCP_SND_QUEUELEN / 2;
            if (!no_room) {
                size_t chunk = n - put < room ? n - put : room;
                if (chunk > 0xffff)
                    chunk = 0xffff;
                u8_t wf = TCP_WRITE_FLAG_COPY;
                /* more of the vector (or the caller's MSG_MORE) follows: no push yet */
                if (chunk < n - put || i < last || (flags & MSG_MORE))
                    wf |= TCP_WRITE_FLAG_MORE;
                err_t e = tcp_write(s->tcp, buf + put, (u16_t)chunk, wf);
                if (e == ERR_OK) {
                    put += chunk;
                    continue;
                }
                if (e != ERR_MEM) {
                    if (!done && !put)
                        return -rr_sock_err(e);
                    stop = true;
                    break;
                }
            }
            /* no room, or no memory for a segment: send what is queued; a blocking call
             * waits for room, unless lwIP ran out of memory after some bytes went */
            tcp_output(s->tcp);
            rr_net_pump();
            size_t sofar = done + put;
            if (sofar && (nonblock || !no_room)) {
                stop = true;
                break;
            }
            long r = rr_sock_wait(s, f, flags & MSG_DONTWAIT, writable, s->sndtimeo_ns);
            if (r) {
                if (sofar) {
                    stop = true;
                    break;
                }
                return r;
            }
        }
        done += put;
    }
    if (s->tcp)
        tcp_output(s->tcp);
    if (!done && s->err) {
        int e = s->err;
        s->err = 0;
        return e == ECONNRESET ? epipe(flags) : -e;
    }
    return (long)done;
}

static bool readable(void *arg)
{
    struct rr_sock *s = arg;
    return s->rx || s->rx_eof || s->err || !s->tcp || s->shut_rd;
}

long rr_tcp_recv(struct rr_sock *s, struct rr_file *f, void *buf, size_t n, int flags)
{
    if (!rr_vfs_user_ok(buf, n))
        return -EFAULT;
    if (s->listening || (!s->connected && !s->was_connected && !s->connecting))
        return -ENOTCONN;
    size_t done = 0;
    for (;;) {
        if (s->rx && n > done) {
            size_t avail = s->rx->tot_len;
            size_t take = n - done < avail ? n - done : avail;
            pbuf_copy_partial(s->rx, (char *)buf + done, (u16_t)take, 0);
            if (!(flags & MSG_PEEK)) {
                s->rx = pbuf_free_header(s->rx, (u16_t)take);
                if (s->tcp)
                    tcp_recved(s->tcp, (u16_t)take);
            }
            done += take;
            if (flags & MSG_PEEK)
                return (long)done;
        }
        if (done == n || n == 0)
            return (long)done;
        if (done && !(flags & MSG_WAITALL))
            return (long)done;
        if (s->rx_eof || s->shut_rd || !s->tcp) {
            if (done)
                return (long)done;
            if (s->err) {
                int e = s->err;
                s->err = 0;
                return e == ECONNREFUSED && !s->was_connected ? -e : (e == ECONNABORTED ? -ECONNRESET : -e);
            }
            return 0;
        }
        long r = rr_sock_wait(s, f, flags & MSG_DONTWAIT, readable, s->rcvtimeo_ns);
        if (r)
            return done ? (long)done : r;
    }
}

long rr_tcp_shutdown(struct rr_sock *s, int how)
{
    if (how < 0 || how > 2)
        return -EINVAL;
    if (s->listening) {
        if (s->tcp) {
            tcp_arg(s->tcp, NULL);
            tcp_close(s->tcp);
            s->tcp = NULL;
        }
        return 0;
    }
    if (!s->connected)
        return -ENOTCONN;
    if (how != 1) {
        s->shut_rd = true;
        if (s->rx) {
            if (s->tcp)
                tcp_recved(s->tcp, s->rx->tot_len);
            pbuf_free(s->rx);
            s->rx = NULL;
        }
    }
    if (how != 0 && !s->shut_wr) {
        s->shut_wr = true;
        if (s->tcp)
            tcp_shutdown(s->tcp, 0, 1);
    }
    return 0;
}

int rr_tcp_poll(struct rr_sock *s)
{
    int ready = 0;
    if (s->listening)
        return s->acc_head ? (RR_POLLIN | RR_POLLRDNORM) : 0;
    if (s->rx || s->rx_eof || s->shut_rd)
        ready |= RR_POLLIN | RR_POLLRDNORM;
    if (s->rx_eof)
        ready |= RR_POLLRDHUP;
    if (s->err)
        ready |= RR_POLLERR | RR_POLLIN | RR_POLLRDNORM | RR_POLLOUT | RR_POLLWRNORM;
    if (s->connected && s->tcp && !s->shut_wr && writable(s))
        ready |= RR_POLLOUT | RR_POLLWRNORM;
    if (!s->connecting && !s->connected)
        ready |= RR_POLLOUT | RR_POLLWRNORM | RR_POLLHUP;
    if ((s->rx_eof && s->shut_wr) || (s->connected && !s->tcp))
        ready |= RR_POLLHUP;
    return ready;
}

void rr_tcp_close(struct rr_sock *s)
{
    while (s->acc_head) {
        struct rr_sock *c = s->acc_head;
        s->acc_head = c->acc_next;
        if (c->tcp) {
            tcp_arg(c->tcp, NULL);
            tcp_abort(c->tcp);
            c->tcp = NULL;
        }
        rr_sock_destroy(c);
    }
    if (s->rx) {
        pbuf_free(s->rx);
        s->rx = NULL;
    }
    struct tcp_pcb *pcb = s->tcp;
    if (!pcb)
        return;
    s->tcp = NULL;
    tcp_arg(pcb, NULL);
    if (s->listening) {
        tcp_close(pcb);
        return;
    }
    tcp_recv(pcb, NULL);
    tcp_err(pcb, NULL);
    tcp_sent(pcb, NULL);
    if (s->linger_on && s->linger_secs == 0) {
        tcp_abort(pcb);
        return;
    }
    if (tcp_close(pcb) != ERR_OK)
        tcp_abort(pcb);
}
