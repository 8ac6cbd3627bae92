/*
 * socketpair(AF_UNIX, SOCK_STREAM): two connected stream sockets, one pipe
 * buffer per direction (rr/vfs_pipe.h). Each end counts as the reader of the
 * buffer it receives on and the writer of the one it sends on, so the buffers'
 * own end-of-file and EPIPE rules give the socket's: a shut-down or closed
 * sender is end-of-file for the other side, a shut-down or closed receiver makes
 * the other side's writes fail with EPIPE. The image has no AF_UNIX namespace:
 * bind, listen, accept and connect are refused.
 */
#include <rr/socket.h>
#include <rr/signal.h>
#include <rr/vfs_calls.h>
#include <rr/vfs_pipe.h>

#define AF_UNIX     1
#define SIGPIPE     13
#define SOL_SOCKET  1
#define SO_TYPE     3
#define SO_ERROR    4
#define SO_SNDBUF   7
#define SO_RCVBUF   8
#define SO_ACCEPTCONN 30
#define SO_DOMAIN   39

struct unix_pair;

struct unix_end {
    struct unix_pair *pair;
    struct rr_pipe *rx, *tx;
    struct rr_vnode *vn;        /* NULL once released */
    bool reading, writing;      /* still the reader of rx / the writer of tx */
};

struct unix_pair {
    struct unix_end end[2];
    int refs;                   /* the ends' vnodes, and the creator while it works */
};

static struct unix_end *end_of(struct rr_file *f)
{
    return f->vn->fs_data;
}

static struct unix_end *peer_of(struct unix_end *e)
{
    return &e->pair->end[e == &e->pair->end[0]];
}

/* The other end's readiness moved: its edge-triggered watches report again. */
static void peer_changed(struct unix_end *e)
{
    struct unix_end *p = peer_of(e);
    if (p->vn)
        rr_vnode_poll_changed(p->vn);
}

static void stop_reading(struct unix_end *e)
{
    if (e->reading) {
        e->reading = false;
        rr_pipe_detach(e->rx, true, false);
    }
}

static void stop_writing(struct unix_end *e)
{
    if (e->writing) {
        e->writing = false;
        rr_pipe_detach(e->tx, false, true);
    }
}

/* Receiving has ended: this end shut it down, or the sender did (or closed). */
static bool receive_shut(struct unix_end *e)
{
    return !e->reading || rr_pipe_writers(e->rx) == 0;
}

static bool send_shut(struct unix_end *e)
{
    return !e->writing || rr_pipe_readers(e->tx) == 0;
}

static int pipe_flags(struct rr_file *f, int msg_flags)
{
    int flags = 0;
    if ((f->flags & RR_O_NONBLOCK) || (msg_flags & RR_MSG_DONTWAIT))
        flags |= RR_PIPE_NONBLOCK;
    if (msg_flags & RR_MSG_PEEK)
        flags |= RR_PIPE_PEEK;
    if (msg_flags & RR_MSG_NOSIGNAL)
        flags |= RR_PIPE_NOSIGNAL;
    return flags;
}

static long end_read(struct unix_end *e, struct rr_file *f, void *buf, size_t n, int msg_flags)
{
    if (n == 0)
        return 0;
    /* what was sent before a shutdown of receiving is still read; then end-of-file */
    if (!e->reading && rr_pipe_count(e->rx) == 0)
        return 0;
    long r = rr_pipe_read(e->rx, buf, n, pipe_flags(f, msg_flags));
    if (r > 0 && !(msg_flags & RR_MSG_PEEK))
        peer_changed(e);
    return r;
}

static long end_write(struct unix_end *e, struct rr_file *f, const void *buf, size_t n, int msg_flags)
{
    if (!e->writing) {
        if (!(msg_flags & RR_MSG_NOSIGNAL))
            rr_signal_raise(SIGPIPE);
        return -EPIPE;
    }
    long r = rr_pipe_write(e->tx, buf, n, pipe_flags(f, msg_flags));
    if (r > 0)
        peer_changed(e);
    return r;
}

static long pair_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    return end_read(end_of(f), f, buf, n, 0);
}

static long pair_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)off;
    return end_write(end_of(f), f, buf, n, 0);
}

static int pair_poll(struct rr_file *f, int events)
{
    struct unix_end *e = end_of(f);
    int ready = 0;
    bool rshut = receive_shut(e), sshut = send_shut(e);
    if (rr_pipe_count(e->rx) > 0 || rshut)
        ready |= RR_POLLIN | RR_POLLRDNORM;
    if (rshut)
        ready |= RR_POLLRDHUP;
    if (rshut && sshut)
        ready |= RR_POLLHUP;
    /* a write that would fail at once (EPIPE) does not block either */
    if (sshut || rr_pipe_room(e->tx) >= RR_PIPE_BUF)
        ready |= RR_POLLOUT | RR_POLLWRNORM | RR_POLLWRBAND;
    return ready & (events | RR_POLLHUP | RR_POLLERR);
}

static long pair_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    return rr_pipe_ioctl(end_of(f)->rx, cmd, arg);
}

/* Closing one end is a shutdown of both directions for the other. */
static void pair_release(struct rr_file *f)
{
    struct unix_end *e = end_of(f);
    stop_reading(e);
    stop_writing(e);
    peer_changed(e);
}

static void pair_put(struct unix_pair *pair)
{
    if (--pair->refs == 0) {
        rr_pipe_free(pair->end[0].rx);
        rr_pipe_free(pair->end[1].rx);
        rr_free(pair);
    }
}

static void pair_inactive(struct rr_vnode *vn)
{
    struct unix_end *e = vn->fs_data;
    e->vn = NULL;
    pair_put(e->pair);
}

static long pair_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    return rr_snprintf(buf, size, "socket:[%lu]", (unsigned long)vn->ino);
}

/* --- the socket calls --- */

static long pair_bind(struct rr_file *f, const void *addr, uint32_t len)
{
    (void)f; (void)addr; (void)len;
    return -EOPNOTSUPP;   /* no AF_UNIX names in the image */
}

static long pair_listen(struct rr_file *f, int backlog)
{
    (void)f; (void)backlog;
    return -EINVAL;       /* connected already, as Linux says */
}

static long pair_accept(struct rr_file *f, void *addr, uint32_t *len, int flags)
{
    (void)f; (void)addr; (void)len; (void)flags;
    return -EINVAL;
}

static long pair_connect(struct rr_file *f, const void *addr, uint32_t len)
{
    (void)f;
    /* the address is checked first, as Linux does: a family alone names nothing */
    uint16_t family;
    if (len <= sizeof(family) || len > 110)
        return -EINVAL;
    if (!rr_vfs_user_ok(addr, len))
        return -EFAULT;
    rr_memcpy(&family, addr, sizeof(family));
    return family == AF_UNIX ? -EISCONN : -EINVAL;
}

static long pair_send(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int flags,
                      const void *addr, uint32_t addrlen)
{
    (void)addrlen;
    if (addr)
        return -EISCONN;
    struct unix_end *e = end_of(f);
    long total = 0;
    for (size_t i = 0; i < niov; i++) {
        if (!iov[i].iov_len)
            continue;
        /* after the first piece nothing waits: a partial count is the answer */
        long r = end_write(e, f, iov[i].iov_base, iov[i].iov_len, total ? flags | RR_MSG_DONTWAIT | RR_MSG_NOSIGNAL : flags);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((uint64_t)r < iov[i].iov_len)
            break;
    }
    if (total > 0)
        rr_vnode_poll_changed(f->vn);
    return total;
}

static long pair_recv(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int flags,
                      void *addr, uint32_t *addrlen, int *msg_flags)
{
    (void)addr;
    struct unix_end *e = end_of(f);
    if (msg_flags)
        *msg_flags = 0;
    size_t total = 0;
    bool stop = false;
    for (size_t i = 0; i < niov && !stop; i++) {
        char *base = iov[i].iov_base;
        size_t got = 0;
        while (got < iov[i].iov_len) {
            /* without MSG_WAITALL only the first read may wait */
            bool some = total + got > 0;
            int fl = some && !(flags & RR_MSG_WAITALL) ? flags | RR_MSG_DONTWAIT : flags;
            long r = end_read(e, f, base + got, iov[i].iov_len - got, fl);
            if (r <= 0) {
                if (r < 0 && !some)
                    return r;
                stop = true;
                break;
            }
            got += (size_t)r;
            if (flags & RR_MSG_PEEK) {   /* one look: a second would see the same bytes */
                stop = true;
                break;
            }
        }
        total += got;
    }
    if (addrlen)
        *addrlen = 0;   /* the peer has no name */
    if (total > 0 && !(flags & RR_MSG_PEEK))
        rr_vnode_poll_changed(f->vn);
    return (long)total;
}

static long pair_shutdown(struct rr_file *f, int how)
{
    if (how < 0 || how > 2)
        return -EINVAL;
    struct unix_end *e = end_of(f);
    if (how != 1)
        stop_reading(e);
    if (how != 0)
        stop_writing(e);
    rr_vnode_poll_changed(f->vn);
    peer_changed(e);
    return 0;
}

/* Unnamed: the address is the family alone, as Linux gives for a socketpair. */
static long pair_name(struct rr_file *f, void *addr, uint32_t *len, bool peer)
{
    (void)f; (void)peer;
    if (!rr_vfs_user_ok(len, sizeof(*len)))
        return -EFAULT;
    if ((int)*len < 0)
        return -EINVAL;
    uint16_t family = AF_UNIX;
    uint32_t n = *len < sizeof(family) ? *len : sizeof(family);
    if (!rr_vfs_user_ok(addr, n))
        return -EFAULT;
    rr_memcpy(addr, &family, n);
    *len = sizeof(family);
    return 0;
}

static long pair_setsockopt(struct rr_file *f, int level, int name, const void *val, uint32_t len)
{
    (void)f;
    if (level != SOL_SOCKET)
        return -EOPNOTSUPP;
    if (name != SO_SNDBUF && name != SO_RCVBUF)
        return -ENOPROTOOPT;
    if (len < sizeof(int))
        return -EINVAL;
    if (!rr_vfs_user_ok(val, sizeof(int)))
        return -EFAULT;
    /* a size hint: each direction's buffer stays RR_PIPE_DEF_SIZE (getsockopt says so) */
    return 0;
}

static long pair_getsockopt(struct rr_file *f, int level, int name, void *val, uint32_t *len)
{
    (void)f;
    if (level != SOL_SOCKET)
        return -EOPNOTSUPP;
    int v;
    switch (name) {
    case SO_TYPE:       v = RR_SOCK_STREAM; break;
    case SO_DOMAIN:     v = AF_UNIX; break;
    case SO_ERROR:      v = 0; break;
    case SO_ACCEPTCONN: v = 0; break;
    case SO_SNDBUF:
    case SO_RCVBUF:     v = RR_PIPE_DEF_SIZE; break;
    default:            return -ENOPROTOOPT;
    }
    if (!rr_vfs_user_ok(len, sizeof(*len)))
        return -EFAULT;
    if ((int)*len < 0)
        return -EINVAL;
    uint32_t n = *len < sizeof(v) ? *len : sizeof(v);
    if (!rr_vfs_user_ok(val, n))
        return -EFAULT;
    rr_memcpy(val, &v, n);
    *len = n;
    return 0;
}

static const struct rr_socket_ops pair_socket_ops = {
    .bind = pair_bind,
    .listen = pair_listen,
    .accept = pair_accept,
    .connect = pair_connect,
    .send = pair_send,
    .recv = pair_recv,
    .shutdown = pair_shutdown,
    .name = pair_name,
    .setsockopt = pair_setsockopt,
    .getsockopt = pair_getsockopt,
};

static const struct rr_vnode_ops pair_ops = {
    .release = pair_release,
    .read = pair_read,
    .write = pair_write,
    .poll = pair_poll,
    .ioctl = pair_ioctl,
    .dname = pair_dname,
    .inactive = pair_inactive,
    .stream = true,
    .socket = &pair_socket_ops,
};

long rr_unix_pair_create(int type, int *sv)
{
    int kind = type & ~(RR_SOCK_NONBLOCK | RR_SOCK_CLOEXEC);
    if (kind == RR_SOCK_DGRAM || kind == RR_SOCK_SEQPACKET)
        return -EOPNOTSUPP;   /* message boundaries: not kept by a byte ring; stream pairs only */
    if (kind != RR_SOCK_STREAM)
        return -EINVAL;
    if (!rr_vfs_user_ok(sv, 2 * sizeof(int)))
        return -EFAULT;
    struct unix_pair *pair = rr_zalloc(sizeof(*pair));
    struct rr_pipe *a = rr_pipe_new(), *b = rr_pipe_new();
    if (!pair || !a || !b) {
        rr_free(pair);
        rr_pipe_free(a);
        rr_pipe_free(b);
        return -ENOMEM;
    }
    pair->end[0] = (struct unix_end){ pair, a, b, NULL, true, true };
    pair->end[1] = (struct unix_end){ pair, b, a, NULL, true, true };
    pair->refs = 1;   /* this call's, dropped at the end: a failure half-way frees what was made */
    rr_pipe_attach(a, true, true);
    rr_pipe_attach(b, true, true);
    int flags = RR_O_RDWR | ((type & RR_SOCK_NONBLOCK) ? RR_O_NONBLOCK : 0);
    bool cloexec = (type & RR_SOCK_CLOEXEC) != 0;
    struct rr_file *files[2] = { NULL, NULL };
    int fds[2] = { -1, -1 };
    long r = 0;
    for (int i = 0; i < 2 && !r; i++) {
        struct rr_vnode *vn = rr_vnode_anon(&pair_ops, RR_S_IFSOCK | 0777, &pair->end[i]);
        if (!vn) {
            r = -ENOMEM;
            break;
        }
        pair->end[i].vn = vn;
        pair->refs++;
        r = rr_file_open_vnode(vn, flags, &files[i]);
        rr_vnode_unref(vn);   /* the file holds it now (or it is gone) */
    }
    for (int i = 0; i < 2 && !r; i++) {
        fds[i] = rr_fd_install(files[i], 0, cloexec);
        if (fds[i] < 0)
            r = fds[i];
    }
    for (int i = 0; i < 2; i++) {
        if (r && fds[i] >= 0)
            rr_fd_close(fds[i]);
        if (files[i])
            rr_file_unref(files[i]);
    }
    pair_put(pair);
    if (r)
        return r;
    sv[0] = fds[0];
    sv[1] = fds[1];
    return 0;
}
