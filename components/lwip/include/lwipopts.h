/*
 * lwIP's configuration for the platform. NO_SYS: the stack has no thread of
 * its own. Kernel code is never preempted and interrupts never arrive while
 * kernel code runs outside a wait, so the raw API can be called straight from
 * system calls, interrupt handlers and kernel timers without locks (see
 * components/lwip/README.md).
 */
#pragma once

#define NO_SYS                      1
#define SYS_LIGHTWEIGHT_PROT        0
#define LWIP_SOCKET                 0
#define LWIP_NETCONN                0
#define LWIP_TIMERS                 1

/* every pool and buffer comes from the platform heap: no fixed limits */
#define MEM_LIBC_MALLOC             1
#define MEMP_MEM_MALLOC             1
#define MEM_ALIGNMENT               8
#define mem_clib_malloc             rr_lwip_malloc
#define mem_clib_free               rr_lwip_free
#define mem_clib_calloc             rr_lwip_calloc

#define LWIP_IPV4                   1
#define LWIP_IPV6                   1
#define LWIP_IPV6_SCOPES            0
#define LWIP_IPV6_MLD               0
#define LWIP_IPV6_AUTOCONFIG        1
#define LWIP_IPV6_DHCP6             0
#define IPV6_FRAG_COPYHEADER        1   /* 64-bit pointers do not fit in the fragment header */
#define LWIP_IPV6_SEND_ROUTER_SOLICIT 1
#define LWIP_ARP                    1
/* packets sent while an address resolves wait for the answer (as Linux's
 * unresolved-neighbour queue, about 100 packets) instead of replacing each other */
#define ARP_QUEUEING                1
#define ARP_QUEUE_LEN               100
#define LWIP_ETHERNET               1
#define LWIP_ICMP                   1
#define LWIP_RAW                    0
#define LWIP_UDP                    1
#define LWIP_TCP                    1
#define LWIP_DHCP                   1
#define LWIP_DHCP_DOES_ACD_CHECK    0
#define DHCP_DOES_ARP_CHECK         0
#define LWIP_DNS                    1
#define DNS_MAX_SERVERS             3
#define LWIP_IGMP                   0
#define LWIP_AUTOIP                 0
#define IP_REASSEMBLY               1
#define IP_FRAG                     1

#define LWIP_NETIF_LOOPBACK         1
#define LWIP_HAVE_LOOPIF            1
#define LWIP_LOOPBACK_MAX_PBUFS     0
#define LWIP_NETIF_STATUS_CALLBACK  1
#define LWIP_NETIF_LINK_CALLBACK    1
#define LWIP_NETIF_HOSTNAME         1
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1

#define TCP_MSS                     1460
/* TIME_WAIT lasts 2 MSL: one minute, as Linux's */
#define TCP_MSL                     30000UL
#define TCP_WND                     (32 * TCP_MSS)
#define TCP_SND_BUF                 (32 * TCP_MSS)
#define TCP_SND_QUEUELEN            (4 * TCP_SND_BUF / TCP_MSS)
#define MEMP_NUM_TCP_SEG            (2 * TCP_SND_QUEUELEN)
#define TCP_LISTEN_BACKLOG          1
#define TCP_DEFAULT_LISTEN_BACKLOG  128
#define TCP_OVERSIZE                TCP_MSS
#define LWIP_TCP_KEEPALIVE          1
#define LWIP_WND_SCALE              1
#define TCP_RCV_SCALE               2
#define SO_REUSE                    1
#define LWIP_DISABLE_TCP_SANITY_CHECKS 1
#define LWIP_DISABLE_MEMP_SANITY_CHECKS 1
#define PBUF_POOL_SIZE              64

#define LWIP_STATS                  0
#define LWIP_STATS_DISPLAY          0

#define LWIP_RAND()                 rr_lwip_rand()
