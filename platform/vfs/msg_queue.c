/* A queue of messages with a byte budget (see rr/vfs_msgq.h). */
#include <rr/vfs_msgq.h>
#include <rr/signal.h>
#include <rr/sched.h>

#define SIGPIPE 13

struct msg {
    struct msg *next;
    size_t len;
    char data[];
};

struct rr_msgq {
    struct msg *head, *tail;
    size_t bytes, count;
    unsigned readers, writers;
};

struct rr_msgq *rr_msgq_new(void)
{
    return rr_zalloc(sizeof(struct rr_msgq));
}

void rr_msgq_free(struct rr_msgq *q)
{
    if (!q)
        return;
    while (q->head) {
        struct msg *m = q->head;
        q->head = m->next;
        rr_free(m);
    }
    rr_free(q);
}

void rr_msgq_attach(struct rr_msgq *q, bool reader, bool writer)
{
    q->readers += reader;
    q->writers += writer;
}

void rr_msgq_detach(struct rr_msgq *q, bool reader, bool writer)
{
    q->readers -= reader;
    q->writers -= writer;
}

unsigned rr_msgq_readers(const struct rr_msgq *q) { return q->readers; }
unsigned rr_msgq_writers(const struct rr_msgq *q) { return q->writers; }
size_t rr_msgq_bytes(const struct rr_msgq *q) { return q->bytes; }
size_t rr_msgq_count(const struct rr_msgq *q) { return q->count; }
size_t rr_msgq_next_len(const struct rr_msgq *q) { return q->head ? q->head->len : 0; }

bool rr_msgq_has_room(const struct rr_msgq *q)
{
    return q->bytes < RR_MSGQ_BUDGET;
}

struct send_wait {
    struct rr_msgq *q;
    size_t len;
};

static bool fits(const struct rr_msgq *q, size_t len)
{
    /* an empty queue takes any message within the budget, so a large one cannot wait for ever */
    return q->bytes == 0 || q->bytes + len <= RR_MSGQ_BUDGET;
}

static bool can_send(void *arg)
{
    struct send_wait *w = arg;
    return w->q->readers == 0 || fits(w->q, w->len);
}

long rr_msgq_send(struct rr_msgq *q, const struct rr_iovec *iov, size_t niov, int flags)
{
    size_t len = 0;
    for (size_t i = 0; i < niov; i++)
        len += iov[i].iov_len;
    if (len > RR_MSGQ_BUDGET)
        return -EMSGSIZE;
    struct send_wait w = { q, len };
    for (;;) {
        if (q->readers == 0) {
            if (!(flags & RR_PIPE_NOSIGNAL))
                rr_signal_raise(SIGPIPE);
            return -EPIPE;
        }
        if (fits(q, len))
            break;
        if (flags & RR_PIPE_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(can_send, &w, 0) < 0)
            return -RR_ERESTARTSYS;
    }
    struct msg *m = rr_malloc(sizeof(*m) + len);
    if (!m)
        return -ENOBUFS;
    m->next = NULL;
    m->len = len;
    size_t at = 0;
    for (size_t i = 0; i < niov; i++) {
        rr_memcpy(m->data + at, iov[i].iov_base, iov[i].iov_len);
        at += iov[i].iov_len;
    }
    if (q->tail)
        q->tail->next = m;
    else
        q->head = m;
    q->tail = m;
    q->bytes += len;
    q->count++;
    return (long)len;
}

struct recv_wait {
    struct rr_msgq *q;
    bool eof_without_writer;
};

static bool can_recv(void *arg)
{
    struct recv_wait *w = arg;
    return w->q->head || (w->eof_without_writer && w->q->writers == 0);
}

long rr_msgq_recv(struct rr_msgq *q, const struct rr_iovec *iov, size_t niov, int flags,
                  bool eof_without_writer, bool *truncated)
{
    *truncated = false;
    struct recv_wait w = { q, eof_without_writer };
    while (!q->head) {
        if (eof_without_writer && q->writers == 0)
            return 0;
        if (flags & RR_PIPE_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(can_recv, &w, 0) < 0)
            return -RR_ERESTARTSYS;
    }
    struct msg *m = q->head;
    size_t at = 0;
    for (size_t i = 0; i < niov && at < m->len; i++) {
        size_t k = m->len - at < iov[i].iov_len ? m->len - at : iov[i].iov_len;
        rr_memcpy(iov[i].iov_base, m->data + at, k);
        at += k;
    }
    *truncated = at < m->len;
    long r = (flags & RR_MSGQ_FULL_LENGTH) ? (long)m->len : (long)at;
    if (!(flags & RR_PIPE_PEEK)) {
        q->head = m->next;
        if (!q->head)
            q->tail = NULL;
        q->bytes -= m->len;
        q->count--;
        rr_free(m);
    }
    return r;
}
