/* The memory character devices: null, zero, full, random, urandom. */
#include <rr/vfs_tty.h>

static long read_nothing(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)f, (void)buf, (void)n, (void)off;
    return 0;
}

static long read_zeros(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)f, (void)off;
    rr_memset(buf, 0, n);
    return (long)n;
}

static long read_random(struct rr_file *f, void *buf, size_t n, uint64_t off)
{
    (void)f, (void)off;
    rr_random_bytes(buf, n);
    return (long)n;
}

static long write_sink(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)f, (void)buf, (void)off;
    return (long)n;
}

static long write_full(struct rr_file *f, const void *buf, size_t n, uint64_t off)
{
    (void)f, (void)buf, (void)off;
    return n ? -ENOSPC : 0;
}

static const struct rr_vnode_ops null_ops = { .read = read_nothing, .write = write_sink };
static const struct rr_vnode_ops zero_ops = { .read = read_zeros, .write = write_sink };
static const struct rr_vnode_ops full_ops = { .read = read_zeros, .write = write_full };
/* writing to the random devices is allowed and, having no use for it, ignored */
static const struct rr_vnode_ops random_ops = { .read = read_random, .write = write_sink };

int rr_memdev_register(void)
{
    int e = rr_chrdev_register(RR_MEM_MAJOR, 3, &null_ops);
    if (!e)
        e = rr_chrdev_register(RR_MEM_MAJOR, 5, &zero_ops);
    if (!e)
        e = rr_chrdev_register(RR_MEM_MAJOR, 7, &full_ops);
    if (!e)
        e = rr_chrdev_register(RR_MEM_MAJOR, 8, &random_ops);
    if (!e)
        e = rr_chrdev_register(RR_MEM_MAJOR, 9, &random_ops);
    return e;
}
