/*
 * Pipes and named FIFOs (see rr/vfs_pipe.h). One buffer serves both: an
 * anonymous pipe's vnode lives outside every file system and owns it; a FIFO's
 * vnode belongs to its file system and has a buffer only while some file has it
 * open, because Linux throws a FIFO's contents away when the last end closes.
 * AF_UNIX stream pairs (vfs/unix_pair.c) use two such buffers, one per direction.
 */
#include <rr/vfs_pipe.h>
#include <rr/signal.h>
#include <rr/sched.h>

#define SIGPIPE 13

struct rr_pipe {
    char **pages;          /* cap / page size slots; a slot is allocated while it holds data */
    size_t cap;            /* bytes, a power-of-two number of pages */
    size_t head, count;    /* ring: the oldest byte and how many bytes are waiting */
    unsigned readers, writers;
    uint64_t reader_opens, writer_opens;   /* how many opens each side ever had (FIFO open waits) */
};

struct rr_pipe *rr_pipe_new(void)
{
    struct rr_pipe *p = rr_zalloc(sizeof(*p));
    if (!p)
        return NULL;
    p->cap = RR_PIPE_DEF_SIZE;
    p->pages = rr_zalloc(p->cap / RR_PAGE_SIZE * sizeof(char *));
    if (!p->pages) {
        rr_free(p);
        return NULL;
    }
    return p;
}

static void release_pages(struct rr_pipe *p)
{
    for (size_t i = 0; i < p->cap / RR_PAGE_SIZE; i++) {
        if (p->pages[i])
            rr_page_free(p->pages[i]);
        p->pages[i] = NULL;
    }
}

void rr_pipe_free(struct rr_pipe *p)
{
    if (!p)
        return;
    release_pages(p);
    rr_free(p->pages);
    rr_free(p);
}

/* Copies the oldest n bytes out of the ring, leaving them there. */
static void ring_copy(const struct rr_pipe *p, char *dst, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t pos = (p->head + done) % p->cap;
        size_t in_page = pos % RR_PAGE_SIZE;
        size_t chunk = RR_PAGE_SIZE - in_page;
        if (chunk > n - done)
            chunk = n - done;
        rr_memcpy(dst + done, p->pages[pos / RR_PAGE_SIZE] + in_page, chunk);
        done += chunk;
    }
}

/* Copies out of the ring; pages are given back as soon as the ring is empty. */
static void ring_take(struct rr_pipe *p, char *dst, size_t n)
{
    ring_copy(p, dst, n);
    p->head = (p->head + n) % p->cap;
    p->count -= n;
    if (p->count == 0) {
        release_pages(p);
        p->head = 0;
    }
}

/* Copies into the ring (n fits); returns the bytes stored, short only when out of pages. */
static size_t ring_put(struct rr_pipe *p, const char *src, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t pos = (p->head + p->count) % p->cap;
        size_t slot = pos / RR_PAGE_SIZE, in_page = pos % RR_PAGE_SIZE;
        if (!p->pages[slot] && !(p->pages[slot] = rr_page_alloc()))
            break;
        size_t chunk = RR_PAGE_SIZE - in_page;
        if (chunk > n - done)
            chunk = n - done;
        rr_memcpy(p->pages[slot] + in_page, src + done, chunk);
        done += chunk;
        p->count += chunk;
    }
    return done;
}

static struct rr_pipe *pipe_of(struct rr_file *f)
{
    return f->priv;
}

static bool can_read(void *arg)
{
    struct rr_pipe *p = arg;
    return p->count > 0 || p->writers == 0;
}

long rr_pipe_read(struct rr_pipe *p, void *buf, size_t n, int flags)
{
    if (n == 0)
        return 0;
    while (p->count == 0) {
        if (p->writers == 0)
            return 0;
        if (flags & RR_PIPE_NONBLOCK)
            return -EAGAIN;
        if (rr_wait_interruptible(can_read, p, 0) < 0)
            return -RR_ERESTARTSYS;
    }
    size_t k = n < p->count ? n : p->count;
    if (flags & RR_PIPE_PEEK)
        ring_copy(p, buf, k);
    else
        ring_take(p, buf, k);
    return (long)k;
}

static int file_flags(struct rr_file *f)
{
    return (f->flags & RR_O_NONBLOCK) ? RR_PIPE_NONBLOCK : 0;
}

static long pipe_read(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)off;
    return rr_pipe_read(pipe_of(f), buf, n, file_flags(f));
}

struct write_wait {
    struct rr_pipe *p;
    size_t need;
};

static bool can_write(void *arg)
{
    struct write_wait *w = arg;
    return w->p->readers == 0 || w->p->cap - w->p->count >= w->need;
}

long rr_pipe_write(struct rr_pipe *p, const void *buf, size_t n, int flags)
{
    if (n == 0)
        return 0;
    size_t done = 0;
    for (;;) {
        if (p->readers == 0) {
            if (!(flags & RR_PIPE_NOSIGNAL))
                rr_signal_raise(SIGPIPE);
            return done ? (long)done : -EPIPE;
        }
        size_t left = n - done;
        /* a write of at most PIPE_BUF bytes goes in whole or waits; a larger one in pieces */
        size_t need = n <= RR_PIPE_BUF ? left : 1;
        size_t room = p->cap - p->count;
        if (room >= need) {
            size_t k = ring_put(p, (const char *)buf + done, left < room ? left : room);
            if (!k)
                return done ? (long)done : -ENOMEM;
            done += k;
            if (done == n)
                return (long)done;
            continue;
        }
        if (flags & RR_PIPE_NONBLOCK)
            return done ? (long)done : -EAGAIN;
        struct write_wait w = { p, need };
        if (rr_wait_interruptible(can_write, &w, 0) < 0)
            return done ? (long)done : -RR_ERESTARTSYS;
    }
}

static long pipe_write(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)off;
    return rr_pipe_write(pipe_of(f), buf, n, file_flags(f));
}

size_t rr_pipe_count(const struct rr_pipe *p)
{
    return p->count;
}

size_t rr_pipe_room(const struct rr_pipe *p)
{
    return p->cap - p->count;
}

void rr_pipe_attach(struct rr_pipe *p, bool reader, bool writer)
{
    if (reader) {
        p->readers++;
        p->reader_opens++;
    }
    if (writer) {
        p->writers++;
        p->writer_opens++;
    }
}

void rr_pipe_detach(struct rr_pipe *p, bool reader, bool writer)
{
    if (reader)
        p->readers--;
    if (writer)
        p->writers--;
}

unsigned rr_pipe_readers(const struct rr_pipe *p)
{
    return p->readers;
}

unsigned rr_pipe_writers(const struct rr_pipe *p)
{
    return p->writers;
}

static int pipe_poll(struct rr_file *f, int events)
{
    struct rr_pipe *p = pipe_of(f);
    int ready = 0;
    if (rr_file_readable(f)) {
        if (p->count)
            ready |= RR_POLLIN | RR_POLLRDNORM;
        /* a FIFO reader that never saw a writer is not hung up, only waiting */
        if (p->writers == 0 && p->writer_opens > 0)
            ready |= RR_POLLHUP;
    }
    if (rr_file_writable(f)) {
        if (p->cap - p->count >= RR_PIPE_BUF)
            ready |= RR_POLLOUT | RR_POLLWRNORM;
        if (p->readers == 0)
            ready |= RR_POLLERR;
    }
    return ready & (events | RR_POLLHUP | RR_POLLERR);
}

static long pipe_ioctl(struct rr_file *f, unsigned long cmd, unsigned long arg)
{
    if (cmd != RR_FIONREAD)
        return -ENOTTY;
    int *out = (int *)arg;
    if (!rr_vfs_user_ok(out, sizeof(*out)))
        return -EFAULT;
    *out = (int)pipe_of(f)->count;
    return 0;
}

static void pipe_release(struct rr_file *f);

static bool has_reader(void *arg)
{
    struct rr_pipe *p = arg;
    return p->readers > 0;
}

struct open_wait {
    struct rr_pipe *p;
    uint64_t writer_opens;
};

static bool writer_came(void *arg)
{
    struct open_wait *w = arg;
    return w->p->writers > 0 || w->p->writer_opens != w->writer_opens;
}

/* Counts the new end in. A FIFO opened for one direction only waits for the
 * other side unless O_NONBLOCK, as fifo(7) says. */
static int pipe_open(struct rr_file *f)
{
    struct rr_vnode *vn = f->vn;
    bool fifo = vn->mount != NULL;
    struct rr_pipe *p = vn->fifo;
    if (!p) {
        RR_ASSERT(fifo);
        if (!(p = vn->fifo = rr_pipe_new()))
            return -ENOMEM;
    }
    bool rd = rr_file_readable(f), wr = rr_file_writable(f);
    bool nonblock = (f->flags & RR_O_NONBLOCK) != 0;
    if (fifo && wr && !rd && nonblock && p->readers == 0) {
        if (p->readers + p->writers == 0) {
            rr_pipe_free(p);
            vn->fifo = NULL;
        }
        return -ENXIO;
    }
    f->priv = p;
    rr_pipe_attach(p, rd, wr);
    if (fifo && !nonblock && rd != wr) {
        struct open_wait w = { p, p->writer_opens };
        int e = 0;
        if (rd && !writer_came(&w))
            e = rr_wait_interruptible(writer_came, &w, 0);
        else if (wr && !has_reader(p))
            e = rr_wait_interruptible(has_reader, p, 0);
        if (e < 0) {
            pipe_release(f);
            return -RR_ERESTARTSYS;
        }
    }
    return 0;
}

static void pipe_release(struct rr_file *f)
{
    struct rr_pipe *p = pipe_of(f);
    rr_pipe_detach(p, rr_file_readable(f), rr_file_writable(f));
    if (f->vn->mount && p->readers + p->writers == 0) {
        rr_pipe_free(p);
        f->vn->fifo = NULL;
    }
}

static void pipe_inactive(struct rr_vnode *vn)
{
    rr_pipe_free(vn->fifo);
    vn->fifo = NULL;
}

static long pipe_dname(struct rr_vnode *vn, char *buf, size_t size)
{
    return rr_snprintf(buf, size, "pipe:[%lu]", (unsigned long)vn->ino);
}

static const struct rr_vnode_ops pipe_ops = {
    .open = pipe_open,
    .release = pipe_release,
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .dname = pipe_dname,
    .inactive = pipe_inactive,
    .stream = true,
};

const struct rr_vnode_ops rr_fifo_ops = {
    .open = pipe_open,
    .release = pipe_release,
    .read = pipe_read,
    .write = pipe_write,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .stream = true,
};

int rr_pipe_create(int flags, struct rr_file **rd, struct rr_file **wr)
{
    struct rr_pipe *p = rr_pipe_new();
    if (!p)
        return -ENOMEM;
    struct rr_vnode *vn = rr_vnode_anon(&pipe_ops, RR_S_IFIFO | 0600, NULL);
    if (!vn) {
        rr_pipe_free(p);
        return -ENOMEM;
    }
    vn->fifo = p;
    int nb = flags & RR_O_NONBLOCK;
    int e = rr_file_open_vnode(vn, RR_O_RDONLY | nb, rd);
    if (!e) {
        e = rr_file_open_vnode(vn, RR_O_WRONLY | nb, wr);
        if (e)
            rr_file_unref(*rd);
    }
    rr_vnode_unref(vn);   /* the files hold it now */
    return e;
}

long rr_pipe_size(struct rr_file *f, bool set, unsigned long size)
{
    if (f->io != &pipe_ops && f->io != &rr_fifo_ops)
        return -EBADF;
    struct rr_pipe *p = pipe_of(f);
    if (!set)
        return (long)p->cap;
    /* the program is root, so pipe-max-size does not apply; Linux's own ceiling does */
    if (size > RR_PIPE_MAX_SIZE)
        return -EINVAL;
    size_t cap = RR_PAGE_SIZE;
    while (cap < size)
        cap <<= 1;
    if (cap == p->cap)
        return (long)cap;
    if (cap < p->count)
        return -EBUSY;
    char **pages = rr_zalloc(cap / RR_PAGE_SIZE * sizeof(char *));
    if (!pages)
        return -ENOMEM;
    /* every page first, so that running out of memory loses nothing */
    size_t count = p->count, used = (count + RR_PAGE_SIZE - 1) / RR_PAGE_SIZE;
    for (size_t i = 0; i < used; i++) {
        if (!(pages[i] = rr_page_alloc())) {
            for (size_t j = 0; j < i; j++)
                rr_page_free(pages[j]);
            rr_free(pages);
            return -ENOMEM;
        }
    }
    /* the waiting bytes move to the start of the new ring; the old pages go with the last one */
    for (size_t i = 0; i < used; i++)
        ring_take(p, pages[i], count - i * RR_PAGE_SIZE < RR_PAGE_SIZE ? count - i * RR_PAGE_SIZE : RR_PAGE_SIZE);
    rr_free(p->pages);
    p->pages = pages;
    p->cap = cap;
    p->head = 0;
    p->count = count;
    return (long)cap;
}
