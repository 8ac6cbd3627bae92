/* /etc: the few files the C library reads, generated from the guest configuration. */
#include <rr/vfs_calls.h>
#include <rr/vfs_init.h>

#define DEFAULT_HOSTNAME "rumprun"

/* Writes a new file; one that exists (from the root file system image) is kept as it is. */
static int write_file(const char *path, const char *text, uint32_t mode)
{
    struct rr_file *f;
    int e = rr_vfs_open(RR_AT_FDCWD, path, RR_O_WRONLY | RR_O_CREAT | RR_O_EXCL, mode, &f);
    if (e == -EEXIST)
        return 0;
    if (e)
        return e;
    size_t len = rr_strlen(text);
    long r = rr_file_write(f, text, len);
    rr_file_unref(f);
    if (r < 0)
        return (int)r;
    return (size_t)r == len ? 0 : -ENOSPC;
}

static const char *hostname(void)
{
    return rr_config.hostname[0] ? rr_config.hostname : DEFAULT_HOSTNAME;
}

int rr_etc_populate(void)
{
    int e = (int)rr_fs_mkdirat(RR_AT_FDCWD, "/etc", 0755);
    if (e && e != -EEXIST)
        return e;
    const char *host = hostname();
    size_t cap = 2 * sizeof(rr_config.hostname) + 128;
    char *buf = rr_malloc(cap);
    if (!buf)
        return -ENOMEM;
    rr_snprintf(buf, cap, "%s\n", host);
    e = write_file("/etc/hostname", buf, 0644);
    if (!e) {
        bool plain = rr_strcmp(host, "localhost") == 0;
        rr_snprintf(buf, cap, "127.0.0.1\tlocalhost%s%s\n::1\tlocalhost ip6-localhost ip6-loopback\n",
                    plain ? "" : " ", plain ? "" : host);
        e = write_file("/etc/hosts", buf, 0644);
    }
    rr_free(buf);
    /* nobody/nogroup as on Debian: servers such as nginx look up the account they
     * would drop privileges to, and refuse to start when it is missing */
    if (!e)
        e = write_file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
                       "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", 0644);
    if (!e)
        e = write_file("/etc/group", "root:x:0:\nnogroup:x:65534:\n", 0644);
    if (!e)
        e = write_file("/etc/resolv.conf", "", 0644);
    return e;
}
