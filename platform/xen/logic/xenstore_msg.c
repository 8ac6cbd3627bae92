/*
 * xenstore messages: building a request and checking a reply. The daemon
 * answers every request with the same type and request id, or with XS_ERROR
 * and an errno name; anything else means the two ends disagree. Kept free of
 * kernel headers so the host tests compile it as it is.
 */
#include <rr/xen/xenstore_wire.h>

static void copy(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

size_t rr_xs_frame(void *buf, size_t bufsize, uint32_t type, uint32_t req_id,
                   const char *const *parts, const size_t *lens, int nparts, bool last_nul)
{
    size_t payload = 0;
    for (int i = 0; i < nparts; i++)
        payload += lens[i] + (i < nparts - 1 || last_nul ? 1 : 0);
    size_t total = sizeof(struct rr_xsd_sockmsg) + payload;
    if (payload > RR_XS_PAYLOAD_MAX || total > bufsize)
        return 0;
    struct rr_xsd_sockmsg h = { type, req_id, 0, (uint32_t)payload };
    copy(buf, (const char *)&h, sizeof(h));
    char *p = (char *)buf + sizeof(h);
    for (int i = 0; i < nparts; i++) {
        copy(p, parts[i], lens[i]);
        p += lens[i];
        if (i < nparts - 1 || last_nul)
            *p++ = '\0';
    }
    return total;
}

enum rr_xs_reply_state rr_xs_reply(const void *buf, size_t n, uint32_t type, uint32_t req_id,
                                   const char **payload, size_t *plen, const char **err_name)
{
    struct rr_xsd_sockmsg h;
    if (n < sizeof(h))
        return RR_XS_REPLY_SHORT;
    copy((char *)&h, buf, sizeof(h));
    if (h.len > RR_XS_PAYLOAD_MAX)
        return RR_XS_REPLY_BAD;
    if (n < sizeof(h) + h.len)
        return RR_XS_REPLY_SHORT;
    if (h.req_id != req_id)
        return RR_XS_REPLY_BAD;
    const char *body = (const char *)buf + sizeof(h);
    if (h.type == RR_XS_ERROR) {
        /* The name must be NUL-terminated inside the payload to be handed out. */
        if (h.len == 0 || body[h.len - 1] != '\0')
            return RR_XS_REPLY_BAD;
        *err_name = body;
        return RR_XS_REPLY_ERROR;
    }
    if (h.type != type)
        return RR_XS_REPLY_BAD;
    *payload = body;
    *plen = h.len;
    return RR_XS_REPLY_OK;
}

int rr_xs_each_name(const char *payload, size_t len, void (*fn)(const char *name, void *arg), void *arg)
{
    int count = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (payload[i] != '\0')
            continue;
        if (i > start) {
            fn(payload + start, arg);
            count++;
        }
        start = i + 1;
    }
    return count;
}
