/* getsockopt and setsockopt: the Linux option numbers the socket layer honours or accepts. */
#include "sock.h"

#define SOL_SOCKET    1
#define IPPROTO_IP    0
#define IPPROTO_TCP   6
#define IPPROTO_IPV6  41

#define SO_REUSEADDR  2
#define SO_TYPE       3
#define SO_ERROR      4
#define SO_DONTROUTE  5
#define SO_BROADCAST  6
#define SO_SNDBUF     7
#define SO_RCVBUF     8
#define SO_KEEPALIVE  9
#define SO_OOBINLINE  10
#define SO_LINGER     13
#define SO_REUSEPORT  15
#define SO_RCVLOWAT   18
#define SO_RCVTIMEO   20
#define SO_SNDTIMEO   21
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL   38
#define SO_DOMAIN     39

#define TCP_NODELAY   1
#define TCP_MAXSEG    2
#define TCP_KEEPIDLE  4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT   6

#define IP_TOS        1
#define IP_TTL        2
#define IPV6_V6ONLY   26

struct timeval_k {
    int64_t sec, usec;
};

struct linger_k {
    int onoff, secs;
};

static long get_int(const void *val, uint32_t len, int *out)
{
    if (len < sizeof(int))
        return -EINVAL;
    if (!rr_vfs_user_ok(val, sizeof(int)))
        return -EFAULT;
    rr_memcpy(out, val, sizeof(int));
    return 0;
}

static long set_timeout(const void *val, uint32_t len, uint64_t *out)
{
    struct timeval_k tv;
    if (len < sizeof(tv))
        return -EINVAL;
    if (!rr_vfs_user_ok(val, sizeof(tv)))
        return -EFAULT;
    rr_memcpy(&tv, val, sizeof(tv));
    if (tv.sec < 0 || tv.usec < 0 || tv.usec >= 1000000)
        return -EDOM;
    *out = (uint64_t)tv.sec * 1000000000u + (uint64_t)tv.usec * 1000u;
    return 0;
}

long rr_sock_setopt(struct rr_sock *s, int level, int name, const void *val, uint32_t len)
{
    int v = 0;
    long r;
    struct tcp_pcb *tcp = s->tcp;
    if (level == SOL_SOCKET) {
        switch (name) {
        case SO_RCVTIMEO:
            return set_timeout(val, len, &s->rcvtimeo_ns);
        case SO_SNDTIMEO:
            return set_timeout(val, len, &s->sndtimeo_ns);
        case SO_LINGER: {
            struct linger_k l;
            if (len < sizeof(l))
                return -EINVAL;
            if (!rr_vfs_user_ok(val, sizeof(l)))
                return -EFAULT;
            rr_memcpy(&l, val, sizeof(l));
            s->linger_on = l.onoff != 0;
            s->linger_secs = l.secs;
            return 0;
        }
        default:
            break;
        }
        if ((r = get_int(val, len, &v)))
            return r;
        switch (name) {
        case SO_REUSEADDR: s->reuseaddr = v != 0; break;
        case SO_REUSEPORT: s->reuseport = v != 0; break;
        case SO_KEEPALIVE: s->keepalive = v != 0; break;
        case SO_BROADCAST: s->broadcast = v != 0; break;
        case SO_SNDBUF:    s->sndbuf = v < 2048 ? 4096 : (v > 0x3fffffff ? 0x7ffffffe : 2 * v); return 0;
        case SO_RCVBUF:    s->rcvbuf = v < 1024 ? 2048 : (v > 0x3fffffff ? 0x7ffffffe : 2 * v); return 0;
        case SO_DONTROUTE: case SO_OOBINLINE: case SO_RCVLOWAT: return 0;
        default:           return -ENOPROTOOPT;
        }
    } else if (level == IPPROTO_TCP) {
        if (s->type != SOCK_STREAM)
            return -ENOPROTOOPT;
        if ((r = get_int(val, len, &v)))
            return r;
        switch (name) {
        case TCP_NODELAY: s->nodelay = v != 0; break;
        case TCP_KEEPIDLE:
            if (v < 1)
                return -EINVAL;
            if (tcp)
                tcp->keep_idle = (u32_t)v * 1000u;
            return 0;
        case TCP_KEEPINTVL:
            if (v < 1)
                return -EINVAL;
            if (tcp)
                tcp->keep_intvl = (u32_t)v * 1000u;
            return 0;
        case TCP_KEEPCNT:
            if (v < 1)
                return -EINVAL;
            if (tcp)
                tcp->keep_cnt = (u32_t)v;
            return 0;
        case TCP_MAXSEG: return 0;
        default: return -ENOPROTOOPT;
        }
    } else if (level == IPPROTO_IP) {
        if ((r = get_int(val, len, &v)))
            return r;
        if (name == IP_TTL) {
            if (v < -1 || v > 255 || v == 0)
                return -EINVAL;
            if (tcp)
                tcp->ttl = v < 0 ? 255 : (u8_t)v;
            else if (s->udp)
                s->udp->ttl = v < 0 ? 255 : (u8_t)v;
            return 0;
        }
        if (name == IP_TOS) {
            if (tcp)
                tcp->tos = (u8_t)v;
            else if (s->udp)
                s->udp->tos = (u8_t)v;
            return 0;
        }
        return -ENOPROTOOPT;
    } else if (level == IPPROTO_IPV6) {
        if (s->family != 10 || name != IPV6_V6ONLY)
            return -ENOPROTOOPT;
        if ((r = get_int(val, len, &v)))
            return r;
        bool bound = tcp ? tcp->local_port != 0 : s->udp && s->udp->local_port != 0;
        if (bound)
            return -EINVAL;
        s->v6only = v != 0;
        /* the pcb's address type decides which packets it takes: V6 only, or both */
        u8_t type = s->v6only ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY;
        if (tcp) {
            IP_SET_TYPE_VAL(tcp->local_ip, type);
            IP_SET_TYPE_VAL(tcp->remote_ip, type);
        } else if (s->udp) {
            IP_SET_TYPE_VAL(s->udp->local_ip, type);
            IP_SET_TYPE_VAL(s->udp->remote_ip, type);
        }
        return 0;
    } else {
        return -ENOPROTOOPT;
    }
    if (s->type == SOCK_STREAM)
        rr_tcp_apply_options(s);
    else if (s->udp && (s->reuseaddr || s->reuseport))
        ip_set_option(s->udp, SOF_REUSEADDR);
    return 0;
}

static long put(void *val, uint32_t *len, const void *v, uint32_t size)
{
    if (!rr_vfs_user_ok(len, sizeof(*len)))
        return -EFAULT;
    if ((int32_t)*len < 0)
        return -EINVAL;
    uint32_t n = *len < size ? *len : size;
    if (!rr_vfs_user_ok(val, n))
        return -EFAULT;
    rr_memcpy(val, v, n);
    *len = n;
    return 0;
}

static long put_int(void *val, uint32_t *len, int v)
{
    return put(val, len, &v, sizeof(v));
}

long rr_sock_getopt(struct rr_sock *s, int level, int name, void *val, uint32_t *len)
{
    struct tcp_pcb *tcp = s->tcp;
    if (level == SOL_SOCKET) {
        switch (name) {
        case SO_REUSEADDR:  return put_int(val, len, s->reuseaddr);
        case SO_REUSEPORT:  return put_int(val, len, s->reuseport);
        case SO_KEEPALIVE:  return put_int(val, len, s->keepalive);
        case SO_BROADCAST:  return put_int(val, len, s->broadcast);
        case SO_TYPE:       return put_int(val, len, s->type);
        case SO_PROTOCOL:   return put_int(val, len, s->type == SOCK_STREAM ? 6 : 17);
        case SO_DOMAIN:     return put_int(val, len, s->family);
        case SO_ACCEPTCONN: return put_int(val, len, s->listening);
        case SO_SNDBUF:     return put_int(val, len, s->sndbuf);
        case SO_RCVBUF:     return put_int(val, len, s->rcvbuf);
        case SO_ERROR: {
            int e = s->err;
            s->err = 0;
            return put_int(val, len, e);
        }
        case SO_LINGER: {
            struct linger_k l = { s->linger_on, s->linger_secs };
            return put(val, len, &l, sizeof(l));
        }
        case SO_RCVTIMEO:
        case SO_SNDTIMEO: {
            uint64_t ns = name == SO_RCVTIMEO ? s->rcvtimeo_ns : s->sndtimeo_ns;
            struct timeval_k tv = { (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u / 1000u) };
            return put(val, len, &tv, sizeof(tv));
        }
        default:
            return -ENOPROTOOPT;
        }
    }
    if (level == IPPROTO_TCP && s->type == SOCK_STREAM) {
        switch (name) {
        case TCP_NODELAY:   return put_int(val, len, s->nodelay);
        case TCP_MAXSEG:    return put_int(val, len, tcp ? tcp_mss(tcp) : TCP_MSS);
        case TCP_KEEPIDLE:  return put_int(val, len, tcp ? (int)(tcp->keep_idle / 1000u) : 7200);
        case TCP_KEEPINTVL: return put_int(val, len, tcp ? (int)(tcp->keep_intvl / 1000u) : 75);
        case TCP_KEEPCNT:   return put_int(val, len, tcp ? (int)tcp->keep_cnt : 9);
        default:            return -ENOPROTOOPT;
        }
    }
    if (level == IPPROTO_IPV6 && s->family == 10 && name == IPV6_V6ONLY)
        return put_int(val, len, s->v6only);
    if (level == IPPROTO_IP) {
        if (name == IP_TTL)
            return put_int(val, len, tcp ? tcp->ttl : s->udp ? s->udp->ttl : 255);
        if (name == IP_TOS)
            return put_int(val, len, tcp ? tcp->tos : s->udp ? s->udp->tos : 0);
    }
    return -ENOPROTOOPT;
}
