/*
 * A new connection's SYN that meets an old one in TIME_WAIT.
 *
 * NAT in front of the guest (QEMU's user networking above all) reuses the
 * host client's port, so a client that connects in a loop soon sends a SYN
 * whose addresses and ports match a connection the guest closed first and
 * still holds in TIME_WAIT (2 MSL). lwIP answers such a SYN with a bare ACK
 * and ignores the peer's RST, and the new connection hangs until TIME_WAIT
 * ends. Linux and the BSDs accept the SYN when its sequence number lies
 * beyond what the old connection received (RFC 1122 4.2.2.13): the old state
 * goes and the SYN reaches the listener. This does the same, on the frame,
 * before lwIP sees it.
 */
#include <rr/kern.h>
#include "lwip/priv/tcp_priv.h"
#include "lwip/ip_addr.h"
#include "netif_dev.h"

#define ETH_HLEN        14
#define ETHERTYPE_IPV4  0x0800
#define ETHERTYPE_IPV6  0x86DD
#define PROTO_TCP       6
#define TCP_FLAG_BYTE   13

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The segment's endpoints, addresses as they sit in the packet. */
struct endpoints {
    bool v6;
    const uint8_t *src, *dst;
    const uint8_t *tcp;
};

static bool parse(const uint8_t *f, size_t len, struct endpoints *ep)
{
    if (len < ETH_HLEN)
        return false;
    const uint8_t *ip = f + ETH_HLEN;
    size_t left = len - ETH_HLEN;
    switch (be16(f + 12)) {
    case ETHERTYPE_IPV4: {
        if (left < 20 || ip[0] >> 4 != 4)
            return false;
        size_t ihl = (size_t)(ip[0] & 15) * 4;
        /* a fragment past the first has no TCP header where we would look */
        if (ihl < 20 || left < ihl + 20 || ip[9] != PROTO_TCP || (be16(ip + 6) & 0x1fff))
            return false;
        *ep = (struct endpoints){ false, ip + 12, ip + 16, ip + ihl };
        return true;
    }
    case ETHERTYPE_IPV6:
        /* extension headers before TCP are rare on a SYN; those go to lwIP untouched */
        if (left < 40 + 20 || ip[0] >> 4 != 6 || ip[6] != PROTO_TCP)
            return false;
        *ep = (struct endpoints){ true, ip + 8, ip + 24, ip + 40 };
        return true;
    default:
        return false;
    }
}

static bool same_addr(const ip_addr_t *a, bool v6, const uint8_t *bytes)
{
    if (v6)
        return IP_IS_V6_VAL(*a) && rr_memcmp(ip_2_ip6(a)->addr, bytes, 16) == 0;
    return IP_IS_V4_VAL(*a) && rr_memcmp(&ip_2_ip4(a)->addr, bytes, 4) == 0;
}

void rr_lwip_tw_reuse(const void *frame, size_t len)
{
    struct endpoints ep;
    if (!tcp_tw_pcbs || !parse(frame, len, &ep))
        return;
    uint8_t flags = ep.tcp[TCP_FLAG_BYTE];
    if ((flags & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN)
        return;
    uint16_t sport = be16(ep.tcp), dport = be16(ep.tcp + 2);
    uint32_t seq = be32(ep.tcp + 4);
    for (struct tcp_pcb *pcb = tcp_tw_pcbs; pcb; pcb = pcb->next) {
        if (pcb->remote_port != sport || pcb->local_port != dport
            || !same_addr(&pcb->remote_ip, ep.v6, ep.src) || !same_addr(&pcb->local_ip, ep.v6, ep.dst))
            continue;
        /* an old duplicate SYN (not beyond the old sequence) keeps lwIP's answer */
        if (TCP_SEQ_GT(seq, pcb->rcv_nxt))
            tcp_abort(pcb);    /* in TIME_WAIT: unlinked and freed, nothing sent */
        return;
    }
}
