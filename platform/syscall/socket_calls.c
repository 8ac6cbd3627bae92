/*
 * The socket calls that take a descriptor: checked here, carried out by the
 * socket's family (rr/socket.h). A descriptor that is not a socket gets ENOTSOCK
 * whichever families the image holds.
 */
#include <rr/socket.h>
#include <rr/syscall_nr.h>
#include <rr/vfs_calls.h>

#define IOV_MAX 1024

struct msghdr_k {
    void *name;
    uint32_t namelen;
    struct rr_iovec *iov;
    size_t iovlen;
    void *control;
    size_t controllen;
    int flags;
};

/* The socket file behind fd, referenced, or NULL with *err set. */
static struct rr_file *socket_file(long fd, long *err)
{
    struct rr_file *f = rr_fd_get((int)fd);
    if (!f) {
        *err = -EBADF;
        return NULL;
    }
    if (!f->io->socket) {
        rr_file_unref(f);
        *err = -ENOTSOCK;
        return NULL;
    }
    return f;
}

#define WITH_SOCKET(fd, f, call)                    \
    long r_;                                        \
    struct rr_file *f = socket_file((fd), &r_);     \
    if (!f)                                         \
        return r_;                                  \
    r_ = (call);                                    \
    rr_file_unref(f);                               \
    return r_

/* A message's vector: at most IOV_MAX pieces (EMSGSIZE, as sendmsg says), checked as readv's. */
static long check_iov(const struct rr_iovec *iov, size_t n)
{
    return n > IOV_MAX ? -EMSGSIZE : rr_fs_iov_check(iov, n);
}

long rr_socket_send(int fd, const struct rr_iovec *iov, size_t n, int flags, const void *addr, uint32_t addrlen)
{
    long e = check_iov(iov, n);
    if (e)
        return e;
    WITH_SOCKET(fd, f, f->io->socket->send(f, iov, n, flags, addr, addrlen));
}

long rr_socket_recv(int fd, const struct rr_iovec *iov, size_t n, int flags, void *addr, uint32_t *addrlen, int *mf)
{
    long e = check_iov(iov, n);
    if (e)
        return e;
    if (addrlen && !rr_vfs_user_ok(addrlen, sizeof(*addrlen)))
        return -EFAULT;
    WITH_SOCKET(fd, f, f->io->socket->recv(f, iov, n, flags, addr, addrlen, mf));
}

static long sys_bind(RR_FS_ARGS)
{
    WITH_SOCKET(a0, f, f->io->socket->bind(f, (const void *)a1, (uint32_t)a2));
}

static long sys_listen(RR_FS_ARGS)
{
    WITH_SOCKET(a0, f, f->io->socket->listen(f, (int)a1));
}

static long do_accept(long fd, void *addr, uint32_t *len, int flags)
{
    if (flags & ~(RR_SOCK_NONBLOCK | RR_SOCK_CLOEXEC))
        return -EINVAL;
    if (len && !rr_vfs_user_ok(len, sizeof(*len)))
        return -EFAULT;
    WITH_SOCKET(fd, f, f->io->socket->accept(f, addr, len, flags));
}

static long sys_accept(RR_FS_ARGS) { return do_accept(a0, (void *)a1, (uint32_t *)a2, 0); }
static long sys_accept4(RR_FS_ARGS) { return do_accept(a0, (void *)a1, (uint32_t *)a2, (int)a3); }

static long sys_connect(RR_FS_ARGS)
{
    WITH_SOCKET(a0, f, f->io->socket->connect(f, (const void *)a1, (uint32_t)a2));
}

static long sys_sendto(RR_FS_ARGS)
{
    struct rr_iovec iov = { (void *)a1, (uint64_t)a2 };
    return rr_socket_send((int)a0, &iov, 1, (int)a3, (const void *)a4, (uint32_t)a5);
}

static long sys_recvfrom(RR_FS_ARGS)
{
    struct rr_iovec iov = { (void *)a1, (uint64_t)a2 };
    return rr_socket_recv((int)a0, &iov, 1, (int)a3, (void *)a4, (uint32_t *)a5, NULL);
}

static long sys_sendmsg(RR_FS_ARGS)
{
    struct msghdr_k *m = (struct msghdr_k *)a1;
    if (!rr_vfs_user_ok(m, sizeof(*m)))
        return -EFAULT;
    return rr_socket_send((int)a0, m->iov, m->iovlen, (int)a2, m->name, m->namelen);
}

static long sys_recvmsg(RR_FS_ARGS)
{
    struct msghdr_k *m = (struct msghdr_k *)a1;
    if (!rr_vfs_user_ok(m, sizeof(*m)))
        return -EFAULT;
    int mf = 0;
    long r = rr_socket_recv((int)a0, m->iov, m->iovlen, (int)a2, m->name, m->name ? &m->namelen : NULL, &mf);
    if (r >= 0) {
        m->flags = mf;
        m->controllen = 0;   /* no ancillary data is ever passed */
        if (!m->name)
            m->namelen = 0;
    }
    return r;
}

long rr_socket_shutdown(int fd, int how)
{
    WITH_SOCKET(fd, f, f->io->socket->shutdown(f, how));
}

long rr_socket_name(int fd, void *addr, uint32_t *len, bool peer)
{
    WITH_SOCKET(fd, f, f->io->socket->name(f, addr, len, peer));
}

long rr_socket_getsockopt(int fd, int level, int name, void *val, uint32_t *len)
{
    WITH_SOCKET(fd, f, f->io->socket->getsockopt(f, level, name, val, len));
}

static long sys_shutdown(RR_FS_ARGS) { return rr_socket_shutdown((int)a0, (int)a1); }

static long sys_getsockname(RR_FS_ARGS) { return rr_socket_name((int)a0, (void *)a1, (uint32_t *)a2, false); }
static long sys_getpeername(RR_FS_ARGS) { return rr_socket_name((int)a0, (void *)a1, (uint32_t *)a2, true); }

static long sys_setsockopt(RR_FS_ARGS)
{
    WITH_SOCKET(a0, f, f->io->socket->setsockopt(f, (int)a1, (int)a2, (const void *)a3, (uint32_t)a4));
}

static long sys_getsockopt(RR_FS_ARGS) { return rr_socket_getsockopt((int)a0, (int)a1, (int)a2, (void *)a3, (uint32_t *)a4); }

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
