/*
 * Linux's struct sockaddr_in and sockaddr_in6 and lwIP's addresses. An
 * AF_INET6 socket is dual-stack unless IPV6_V6ONLY: IPv4 peers appear as
 * v4-mapped addresses (::ffff:a.b.c.d), which it may also name itself.
 */
#include "sock.h"

#define AF_UNSPEC 0
#define AF_INET   2
#define AF_INET6  10

struct sockaddr_in_k {
    uint16_t family;
    uint16_t port;        /* network order */
    uint32_t addr;        /* network order */
    uint8_t zero[8];
};

struct sockaddr_in6_k {
    uint16_t family;
    uint16_t port;
    uint32_t flowinfo;
    uint32_t addr[4];
    uint32_t scope_id;
};

#define SIN6_MIN_LEN 24   /* without scope_id, as Linux accepts */

static bool v4_mapped(const uint32_t a[4])
{
    return a[0] == 0 && a[1] == 0 && a[2] == PP_HTONL(0xffff);
}

static bool unspecified(const uint32_t a[4])
{
    return (a[0] | a[1] | a[2] | a[3]) == 0;
}

static int addr_in6(const struct rr_sock *s, const struct sockaddr_in6_k *sa, ip_addr_t *ip, u16_t *port)
{
    *port = lwip_ntohs(sa->port);
    if (v4_mapped(sa->addr)) {
        if (s->v6only)
            return -ENETUNREACH;
        ip_addr_set_ip4_u32(ip, sa->addr[3]);
    } else if (unspecified(sa->addr)) {
        if (s->v6only)
            ip_addr_copy(*ip, *IP6_ADDR_ANY);
        else
            ip_addr_copy(*ip, *IP_ANY_TYPE);
    } else {
        IP_ADDR6(ip, sa->addr[0], sa->addr[1], sa->addr[2], sa->addr[3]);
    }
    return 0;
}

int rr_sock_addr_in(const struct rr_sock *s, const void *uaddr, uint32_t len, ip_addr_t *ip, u16_t *port, bool *unspec)
{
    if (unspec)
        *unspec = false;
    if (len < sizeof(uint16_t) || (int32_t)len < 0)
        return -EINVAL;
    if (!rr_vfs_user_ok(uaddr, len))
        return -EFAULT;
    uint16_t family;
    rr_memcpy(&family, uaddr, sizeof(family));
    if (family == AF_UNSPEC && unspec) {
        *unspec = true;
        return 0;
    }
    if (s->family == AF_INET6) {
        struct sockaddr_in6_k sa = { 0 };
        if (family != AF_INET6)
            return -EAFNOSUPPORT;
        if (len < SIN6_MIN_LEN)
            return -EINVAL;
        rr_memcpy(&sa, uaddr, len < sizeof(sa) ? len : sizeof(sa));
        return addr_in6(s, &sa, ip, port);
    }
    struct sockaddr_in_k sa = { 0 };
    if (family != AF_INET)
        return -EAFNOSUPPORT;
    if (len < sizeof(sa))
        return -EINVAL;
    rr_memcpy(&sa, uaddr, sizeof(sa));
    ip_addr_set_ip4_u32(ip, sa.addr);
    *port = lwip_ntohs(sa.port);
    return 0;
}

static long copy_out(void *uaddr, uint32_t *ulen, const void *sa, uint32_t size)
{
    if (!rr_vfs_user_ok(ulen, sizeof(*ulen)))
        return -EFAULT;
    uint32_t room = *ulen;
    if ((int32_t)room < 0)
        return -EINVAL;
    size_t n = room < size ? room : size;
    if (!rr_vfs_user_ok(uaddr, n))
        return -EFAULT;
    rr_memcpy(uaddr, sa, n);
    *ulen = size;
    return 0;
}

long rr_sock_addr_out(const struct rr_sock *s, void *uaddr, uint32_t *ulen, const ip_addr_t *ip, u16_t port)
{
    if (!uaddr || !ulen)
        return 0;
    if (s->family == AF_INET6) {
        struct sockaddr_in6_k sa = { .family = AF_INET6, .port = lwip_htons(port) };
        if (ip && IP_IS_V4(ip) && !ip_addr_isany(ip)) {
            sa.addr[2] = PP_HTONL(0xffff);
            sa.addr[3] = ip4_addr_get_u32(ip_2_ip4(ip));
        } else if (ip && IP_IS_V6(ip)) {
            rr_memcpy(sa.addr, ip_2_ip6(ip)->addr, sizeof(sa.addr));
        }
        return copy_out(uaddr, ulen, &sa, sizeof(sa));
    }
    struct sockaddr_in_k sa = { .family = AF_INET, .port = lwip_htons(port) };
    sa.addr = ip && IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
    return copy_out(uaddr, ulen, &sa, sizeof(sa));
}

int rr_sock_err(err_t e)
{
    switch (e) {
    case ERR_OK:         return 0;
    case ERR_MEM:        return ENOMEM;
    case ERR_BUF:        return ENOBUFS;
    case ERR_TIMEOUT:    return ETIMEDOUT;
    case ERR_RTE:        return EHOSTUNREACH;
    case ERR_INPROGRESS: return EINPROGRESS;
    case ERR_VAL:        return EINVAL;
    case ERR_WOULDBLOCK: return EAGAIN;
    case ERR_USE:        return EADDRINUSE;
    case ERR_ALREADY:    return EALREADY;
    case ERR_ISCONN:     return EISCONN;
    case ERR_CONN:       return ENOTCONN;
    case ERR_IF:         return ENETUNREACH;
    case ERR_ABRT:       return ECONNABORTED;
    case ERR_RST:        return ECONNRESET;
    case ERR_CLSD:       return ENOTCONN;
    case ERR_ARG:        return EINVAL;
    default:             return EIO;
    }
}
