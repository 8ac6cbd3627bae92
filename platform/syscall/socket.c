/*
 * socket and socketpair: the family decides. A TCP/IP component registers
 * its constructor for AF_INET/AF_INET6; without one those calls return
 * ENOSYS without a console line (programs probe for networking). AF_UNIX
 * is not offered in any image: EAFNOSUPPORT, also silently, because musl's
 * getpwnam probes nscd through it.
 */
#include <rr/kern.h>
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
    (void)type; (void)protocol; (void)sv; (void)a4; (void)a5;
    if (family == AF_UNIX)
        return -EAFNOSUPPORT;
    return -EOPNOTSUPP;
}

RR_SYSCALL(__NR_socket, sys_socket);
RR_SYSCALL(__NR_socketpair, sys_socketpair);
