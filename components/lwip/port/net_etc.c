/*
 * /etc/resolv.conf and the /etc/hosts line for the hostname (contracts §9),
 * from the addresses the boot configured. The file system exists only after
 * the component initialisers ran, so the platform calls rr_net_write_etc
 * once the VFS is up (a weak reference: images without this component
 * keep the platform's defaults).
 */
#include <rr/kern.h>
#include <rr/vfs.h>
#include <rr/vfs_abi.h>
#include "lwip/netif.h"
#include "lwip/dns.h"
#include "lwip/ip4_addr.h"

#define ETC_MAX 1024

static int replace_file(const char *path, const char *text)
{
    struct rr_file *f;
    int e = rr_vfs_open(RR_AT_FDCWD, path, RR_O_WRONLY | RR_O_CREAT | RR_O_TRUNC, 0644, &f);
    if (e)
        return e;
    size_t len = rr_strlen(text);
    long r = rr_file_write(f, text, len);
    rr_file_unref(f);
    if (r < 0)
        return (int)r;
    return (size_t)r == len ? 0 : -ENOSPC;
}

/* The first configured interface with an address, in configuration order. */
static const ip4_addr_t *first_address(void)
{
    for (size_t i = 0; i < rr_config.nnet; i++) {
        struct netif *n;
        NETIF_FOREACH(n) {
            if (n->hwaddr_len == 6 && rr_memcmp(n->hwaddr, rr_config.net[i].mac, 6) == 0 &&
                !ip4_addr_isany_val(*netif_ip4_addr(n)))
                return netif_ip4_addr(n);
        }
    }
    return NULL;
}

__attribute__((visibility("default"))) int rr_net_write_etc(void)
{
    char *buf = rr_malloc(ETC_MAX);
    if (!buf)
        return -ENOMEM;
    size_t used = 0;
    for (u8_t i = 0; i < DNS_MAX_SERVERS; i++) {
        const ip_addr_t *d = dns_getserver(i);
        if (ip_addr_isany(d))
            continue;
        char a[IP4ADDR_STRLEN_MAX];
        ip4addr_ntoa_r(ip_2_ip4(d), a, sizeof(a));
        used += (size_t)rr_snprintf(buf + used, ETC_MAX - used, "nameserver %s\n", a);
    }
    buf[used] = 0;
    int e = used ? replace_file("/etc/resolv.conf", buf) : 0;
    const ip4_addr_t *addr = first_address();
    if (!e && addr) {
        const char *host = rr_config.hostname[0] ? rr_config.hostname : "rumprun";
        char a[IP4ADDR_STRLEN_MAX];
        ip4addr_ntoa_r(addr, a, sizeof(a));
        rr_snprintf(buf, ETC_MAX, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n%s\t%s\n", a, host);
        e = replace_file("/etc/hosts", buf);
    }
    rr_free(buf);
    return e;
}
