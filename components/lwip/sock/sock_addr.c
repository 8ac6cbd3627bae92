/* Linux's struct sockaddr_in and lwIP's addresses; lwIP's errors as errno values. */
#include "sock.h"

#define AF_UNSPEC 0
#define AF_INET   2

struct sockaddr_in_k {
    uint16_t family;
    uint16_t port;        /* network order */
    uint32_t addr;        /* network order */
    uint8_t zero[8];
};

int rr_sock_addr_in(const void *uaddr, uint32_t len, ip_addr_t *ip, u16_t *port, bool *unspec)
{
    if (unspec)
        *unspec = false;
    if (len < sizeof(uint16_t) || (int32_t)len < 0)
        return -EINVAL;
    if (!rr_vfs_user_ok(uaddr, len))
        return -EFAULT;
    struct sockaddr_in_k sa = { 0 };
    rr_memcpy(&sa, uaddr, len < sizeof(sa) ? len : sizeof(sa));
    if (sa.family == AF_UNSPEC && unspec) {
        *unspec = true;
        return 0;
    }
    if (sa.family != AF_INET)
        return -EAFNOSUPPORT;
    if (len < sizeof(sa))
        return -EINVAL;
    ip_addr_set_ip4_u32(ip, sa.addr);
    *port = lwip_ntohs(sa.port);
    return 0;
}

long rr_sock_addr_out(void *uaddr, uint32_t *ulen, const ip_addr_t *ip, u16_t port)
{
    if (!uaddr || !ulen)
        return 0;
    if (!rr_vfs_user_ok(ulen, sizeof(*ulen)))
        return -EFAULT;
    uint32_t room = *ulen;
    if ((int32_t)room < 0)
        return -EINVAL;
    struct sockaddr_in_k sa = { .family = AF_INET, .port = lwip_htons(port) };
    sa.addr = ip ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
    size_t n = room < sizeof(sa) ? room : sizeof(sa);
    if (!rr_vfs_user_ok(uaddr, n))
        return -EFAULT;
    rr_memcpy(uaddr, &sa, n);
    *ulen = sizeof(sa);
    return 0;
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
