/*
 * socketpair(AF_UNIX, ...): two connected sockets with one buffer per direction,
 * a pipe buffer (rr/vfs_pipe.h) for SOCK_STREAM, a message queue (rr/vfs_msgq.h)
 * for SOCK_SEQPACKET and SOCK_DGRAM. Each end counts as the reader of the buffer it
 * receives on and the writer of the one it sends on, so the buffers' own rules
 * give the socket's: for stream and seqpacket pairs a shut-down or closed sender is
 * end-of-file for the other side, a shut-down or closed receiver makes the other
 * side's sends fail with EPIPE. Datagram pairs, as on Linux, keep no connection
 * state: the peer's close is ECONNREFUSED (then ENOTCONN) for a sender and nothing
 * for a receiver. The image has no AF_UNIX namespace: bind, listen, accept and
 * connect are refused.
 */
#include <rr/socket.h>
#include <rr/signal.h>
#include <rr/vfs_calls.h>
#include <rr/vfs_msgq.h>
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

/* What one direction's buffer does, for the two kinds of buffer. */
struct channel {
    void *(*create)(void);
    void (*destroy)(void *b);
    void (*attach)(void *b, bool reader, bool writer);
    void (*detach)(void *b, bool reader, bool writer);
    unsigned (*readers)(const void *b);
    unsigned (*writers)(const void *b);
    bool (*pending)(const void *b);      /* something to receive */
    bool (*room)(const void *b);         /* a send would not wait */
    int inq_bytes;                       /* FIONREAD: all bytes (1) or the next message's (0) */
    size_t (*bytes)(const void *b);
    size_t (*next_len)(const void *b);
    long (*send)(void *b, const struct rr_iovec *iov, size_t niov, int flags);
    /* flags as rr_pipe_read/rr_msgq_recv; eof: end-of-file once no writer is left */
    long (*recv)(void *b, const struct rr_iovec *iov, size_t niov, int flags, int msg_flags, bool eof,
                 int *out_flags);
};

/* --- stream: a pipe buffer --- */

static void *pipe_create(void) { return rr_pipe_new(); }
static void pipe_destroy(void *b) { rr_pipe_free(b); }
static void pipe_attach(void *b, bool r, bool w) { rr_pipe_attach(b, r, w); }
static void pipe_detach(void *b, bool r, bool w) { rr_pipe_detach(b, r, w); }
static unsigned pipe_readers(const void *b) { return rr_pipe_readers(b); }
static unsigned pipe_writers(const void *b) { return rr_pipe_writers(b); }
static bool pipe_pending(const void *b) { return rr_pipe_count(b) > 0; }
static bool pipe_room(const void *b) { return rr_pipe_room(b) >= RR_PIPE_BUF; }
static size_t pipe_bytes(const void *b) { return rr_pipe_count(b); }

/* A vector one piece after another; after the first piece nothing waits or signals. */
static long pipe_send(void *b, const struct rr_iovec *iov, size_t niov, int flags)
{
    long total = 0;
    for (size_t i = 0; i < niov; i++) {
        if (!iov[i].iov_len)
            continue;
        long r = rr_pipe_write(b, iov[i].iov_base, iov[i].iov_len,
                               total ? flags | RR_PIPE_NONBLOCK | RR_PIPE_NOSIGNAL : flags);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((uint64_t)r < iov[i].iov_len)
            break;
    }
    return total;
}

/* Fills the vector; without MSG_WAITALL only the first read may wait. */
static long pipe_recv(void *b, const struct rr_iovec *iov, size_t niov, int flags, int msg_flags, bool eof,
                      int *out_flags)
{
    (void)eof;   /* a pipe buffer is at its end once no writer is left */
    *out_flags = 0;
    size_t total = 0;
    bool stop = false;
    for (size_t i = 0; i < niov && !stop; i++) {
        char *base = iov[i].iov_base;
        size_t got = 0;
        while (got < iov[i].iov_len) {
            bool some = total + got > 0;
            int fl = some && !(msg_flags & RR_MSG_WAITALL) ? flags | RR_PIPE_NONBLOCK : flags;
            long r = rr_pipe_read(b, base + got, iov[i].iov_len - got, fl);
            if (r <= 0) {
                if (r < 0 && !some)
                    return r;
                stop = true;
                break;
            }
            got += (size_t)r;
            if (flags & RR_PIPE_PEEK) {   /* one look: a second would see the same bytes */
                stop = true;
                break;
            }
        }
        total += got;
    }
    return (long)total;
}

static const struct channel stream_channel = {
    pipe_create, pipe_destroy, pipe_attach, pipe_detach, pipe_readers, pipe_writers,
    pipe_pending, pipe_room, 1, pipe_bytes, pipe_bytes, pipe_send, pipe_recv,
};

/* --- seqpacket and datagram: a message queue --- */

static void *msgq_create(void) { return rr_msgq_new(); }
static void msgq_destroy(void *b) { rr_msgq_free(b); }
static void msgq_attach(void *b, bool r, bool w) { rr_msgq_attach(b, r, w); }
static void msgq_detach(void *b, bool r, bool w) { rr_msgq_detach(b, r, w); }
static unsigned msgq_readers(const void *b) { return rr_msgq_readers(b); }
static unsigned msgq_writers(const void *b) { return rr_msgq_writers(b); }
static bool msgq_pending(const void *b) { return rr_msgq_count(b) > 0; }
static bool msgq_room(const void *b) { return rr_msgq_has_room(b); }
static size_t msgq_bytes(const void *b) { return rr_msgq_bytes(b); }
static size_t msgq_next_len(const void *b) { return rr_msgq_next_len(b); }

static long msgq_send(void *b, const struct rr_iovec *iov, size_t niov, int flags)
{
    return rr_msgq_send(b, iov, niov, flags);
}

static long msgq_recv(void *b, const struct rr_iovec *iov, size_t niov, int flags, int msg_flags, bool eof,
                      int *out_flags)
{
    bool truncated;
    if (msg_flags & RR_MSG_TRUNC)
        flags |= RR_MSGQ_FULL_LENGTH;
    long r = rr_msgq_recv(b, iov, niov, flags, eof, &truncated);
    *out_flags = truncated ? RR_MSG_TRUNC : 0;
    return r;
}

static const struct channel seqpacket_channel = {
    msgq_create, msgq_destroy, msgq_attach, msgq_detach, msgq_readers, msgq_writers,
    msgq_pending, msgq_room, 1, msgq_bytes, msgq_next_len, msgq_send, msgq_recv,
};

/* Linux's FIONREAD on a datagram socket is the next message's length. */
static const struct channel datagram_channel = {
    msgq_create, msgq_destroy, msgq_attach, msgq_detach, msgq_readers, msgq_writers,
    msgq_pending, msgq_room, 0, msgq_bytes, msgq_next_len, msgq_send, msgq_recv,
};

/* --- the pair --- */

struct unix_pair;

struct unix_end {
    struct unix_pair *pair;
    void *rx, *tx;
    struct rr_vnode *vn;        /* NULL once released */
    bool reading, writing;      /* still the reader of rx / the writer of tx */
    bool refused;               /* datagram: the peer's close was reported once (ECONNREFUSED) */
};

struct unix_pair {
    const struct channel *ch;
    int type;
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

static bool datagram(const struct unix_end *e)
{
    return e->pair->type == RR_SOCK_DGRAM;
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
        e->pair->ch->detach(e->rx, true, false);
    }
}

static void stop_writing(struct unix_end *e)
{
    if (e->writing) {
        e->writing = false;
        e->pair->ch->detach(e->tx, false, true);
    }
}

/* Receiving has ended: this end shut it down, or (not for datagrams) the sender did or closed. */
static bool receive_shut(struct unix_end *e)
{
    return !e->reading || (!datagram(e) && e->pair->ch->writers(e->rx) == 0);
}

static bool send_shut(struct unix_end *e)
{
    return !e->writing || (!datagram(e) && e->pair->ch->readers(e->tx) == 0);
}

static int buffer_flags(struct rr_file *f, int msg_flags)
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

static long end_send(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int msg_flags)
{
    struct unix_end *e = end_of(f);
    const struct channel *ch = e->pair->ch;
    if (!e->writing) {
        if (!(msg_flags & RR_MSG_NOSIGNAL))
            rr_signal_raise(SIGPIPE);
        return -EPIPE;
    }
    if (datagram(e) && ch->readers(e->tx) == 0) {
        /* the peer is gone: said once, then the socket is no longer connected */
        if (e->refused)
            return -ENOTCONN;
        e->refused = true;
        return -ECONNREFUSED;
    }
    long r = ch->send(e->tx, iov, niov, buffer_flags(f, msg_flags));
    if (r >= 0) {
        peer_changed(e);
        rr_vnode_poll_changed(f->vn);
    }
    return r;
}

static long end_recv(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int msg_flags, int *out_flags)
{
    struct unix_end *e = end_of(f);
    const struct channel *ch = e->pair->ch;
    *out_flags = 0;
    /* what was sent before a shutdown of receiving is still received; then end-of-file */
    if (!e->reading && !ch->pending(e->rx))
        return 0;
    long r = ch->recv(e->rx, iov, niov, buffer_flags(f, msg_flags), msg_flags, !datagram(e), out_flags);
    if (r >= 0 && !(msg_flags & RR_MSG_PEEK)) {
        peer_changed(e);
        rr_vnode_poll_changed(f->vn);
    }
    return r;
}

static long pair_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct rr_iovec v = { buf, n };
    int out;
    return end_recv(f, &v, 1, 0, &out);
}

static long pair_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)off;
    struct rr_iovec v = { (void *)buf, n };
    return end_send(f, &v, 1, 0);
}

/* writev: one message from the whole vector (and for streams, the pieces in order) */
static long pair_writev(struct rr_file *f, const struct rr_iovec *iov, int cnt)
{
    return end_send(f, iov, (size_t)cnt, 0);
}

static int pair_poll(struct rr_file *f, int events)
{
    struct unix_end *e = end_of(f);
    const struct channel *ch = e->pair->ch;
    int ready = 0;
    bool rshut = receive_shut(e), sshut = send_shut(e);
    if (ch->pending(e->rx) || rshut)
        ready |= RR_POLLIN | RR_POLLRDNORM;
    if (rshut)
        ready |= RR_POLLRDHUP;
    if (rshut && sshut)
        ready |= RR_POLLHUP;
    /* a send that would fail at once (EPIPE, ECONNREFUSED) does not block either */
    if (sshut || ch->room(e->tx) || ch->readers(e->tx) == 0)
        ready |= RR_POLLOUT | RR_POLLWRNORM | RR_POLLWRBAND;
    return ready & (events | RR_POLLHUP | RR_POLLERR);
}

static long pair_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    if (cmd != RR_FIONREAD)
        return -ENOTTY;
    int *out = (int *)arg;
    if (!rr_vfs_user_ok(out, sizeof(*out)))
        return -EFAULT;
    struct unix_end *e = end_of(f);
    const struct channel *ch = e->pair->ch;
    *out = (int)(ch->inq_bytes ? ch->bytes(e->rx) : ch->next_len(e->rx));
    return 0;
}

/* Closing one end is a shutdown of both directions for the other (datagrams: see above). */
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
        pair->ch->destroy(pair->end[0].rx);
        pair->ch->destroy(pair->end[1].rx);
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
    return end_send(f, iov, niov, flags);
}

static long pair_recv(struct rr_file *f, const struct rr_iovec *iov, size_t niov, int flags,
                      void *addr, uint32_t *addrlen, int *msg_flags)
{
    (void)addr;
    int out;
    long r = end_recv(f, iov, niov, flags, &out);
    if (msg_flags)
        *msg_flags = out;
    if (addrlen && r >= 0)
        *addrlen = 0;   /* the peer has no name */
    return r;
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
    /* a size hint: each direction's buffer keeps its size (getsockopt says which) */
    return 0;
}

static long pair_getsockopt(struct rr_file *f, int level, int name, void *val, uint32_t *len)
{
    if (level != SOL_SOCKET)
        return -EOPNOTSUPP;
    int type = end_of(f)->pair->type, v;
    switch (name) {
    case SO_TYPE:       v = type; break;
    case SO_DOMAIN:     v = AF_UNIX; break;
    case SO_ERROR:      v = 0; break;
    case SO_ACCEPTCONN: v = 0; break;
    case SO_SNDBUF:
    case SO_RCVBUF:     v = type == RR_SOCK_STREAM ? RR_PIPE_DEF_SIZE : RR_MSGQ_BUDGET; break;
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
    .writev = pair_writev,
    .poll = pair_poll,
    .ioctl = pair_ioctl,
    .dname = pair_dname,
    .inactive = pair_inactive,
    .stream = true,
    .socket = &pair_socket_ops,
};

static const struct channel *channel_for(int kind)
{
    switch (kind) {
    case RR_SOCK_STREAM:    return &stream_channel;
    case RR_SOCK_SEQPACKET: return &seqpacket_channel;
    case RR_SOCK_DGRAM:     return &datagram_channel;
    default:                return NULL;
    }
}

long rr_unix_pair_create(int type, int *sv)
{
    int kind = type & ~(RR_SOCK_NONBLOCK | RR_SOCK_CLOEXEC);
    const struct channel *ch = channel_for(kind);
    if (!ch)
        return -EINVAL;
    if (!rr_vfs_user_ok(sv, 2 * sizeof(int)))
        return -EFAULT;
    struct unix_pair *pair = rr_zalloc(sizeof(*pair));
    void *a = ch->create(), *b = ch->create();
    if (!pair || !a || !b) {
        rr_free(pair);
        if (a)
            ch->destroy(a);
        if (b)
            ch->destroy(b);
        return -ENOMEM;
    }
    pair->ch = ch;
    pair->type = kind;
    pair->end[0] = (struct unix_end){ .pair = pair, .rx = a, .tx = b, .reading = true, .writing = true };
    pair->end[1] = (struct unix_end){ .pair = pair, .rx = b, .tx = a, .reading = true, .writing = true };
    pair->refs = 1;   /* this call's, dropped at the end: a failure half-way frees what was made */
    ch->attach(a, true, true);
    ch->attach(b, true, true);
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
