/*
 * socket and socketpair: the family decides. A TCP/IP component registers
 * its constructor for AF_INET/AF_INET6; without one those calls return
 * ENOSYS without a console line (programs probe for networking). AF_UNIX
 * has no names in an image, so socket(AF_UNIX) fails with EAFNOSUPPORT, also
 * silently, because musl's getpwnam probes nscd through it; socketpair makes
 * a connected stream pair (vfs/unix_pair.c).
 */
#include <rr/kern.h>
#include <rr/socket.h>
#include <rr/syscall_nr.h>

#define AF_UNIX  1
#define AF_INET  2
#define AF_INET6 10

typedef long (*rr_socket_create_fn)(int family, int type, int protocol);

static rr_socket_create_fn inet_create;

/* Called by a TCP/IP component's initialiser. */
void rr_socket_register_inet(rr_socket_create_fn fn)
{
    inet_create = fn;
}

static long sys_socket(long family, long type, long protocol, long a3, long a4, long a5)
{
    (void)a3; (void)a4; (void)a5;
    if (family == AF_INET || family == AF_INET6)
        return inet_create ? inet_create((int)family, (int)type, (int)protocol) : -ENOSYS;
    return -EAFNOSUPPORT;
}

static long sys_socketpair(long family, long type, long protocol, long sv, long a4, long a5)
{
    (void)a4; (void)a5;
    if (family != AF_UNIX)
        return -EOPNOTSUPP;   /* as Linux: only AF_UNIX makes pairs */
    if (protocol != 0 && protocol != AF_UNIX)
        return -EPROTONOSUPPORT;
    return rr_unix_pair_create((int)type, (int *)sv);
}

RR_SYSCALL(__NR_socket, sys_socket);
RR_SYSCALL(__NR_socketpair, sys_socketpair);
