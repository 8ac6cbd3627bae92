/* xenstore message framing and reply parsing (platform/xen/logic/xenstore_msg.c). */
#include "../xen/logic/xenstore_msg.c"
#include "test.h"

static uint32_t u32_at(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

TEST(xen_xs_read_request_is_header_then_the_path_with_its_nul)
{
    uint8_t buf[64];
    const char *parts[] = { "rumprun/cfg" };
    size_t lens[] = { 11 };
    size_t n = rr_xs_frame(buf, sizeof(buf), RR_XS_READ, 7, parts, lens, 1, true);
    CHECK_EQ(n, 16 + 12);
    CHECK_EQ(u32_at(buf), RR_XS_READ);
    CHECK_EQ(u32_at(buf + 4), 7);
    CHECK_EQ(u32_at(buf + 8), 0);        /* no transaction */
    CHECK_EQ(u32_at(buf + 12), 12);
    CHECK_MEM(buf + 16, "rumprun/cfg", 12);
}

TEST(xen_xs_write_request_has_the_value_without_a_nul)
{
    uint8_t buf[64];
    const char *parts[] = { "data/rr-exit", "exit 3" };
    size_t lens[] = { 12, 6 };
    size_t n = rr_xs_frame(buf, sizeof(buf), RR_XS_WRITE, 1, parts, lens, 2, false);
    CHECK_EQ(n, 16 + 13 + 6);
    CHECK_EQ(u32_at(buf), RR_XS_WRITE);
    CHECK_EQ(u32_at(buf + 12), 19);
    CHECK_MEM(buf + 16, "data/rr-exit\0exit 3", 19);
}

TEST(xen_xs_frame_refuses_what_does_not_fit)
{
    uint8_t buf[20];
    const char *parts[] = { "toolong" };
    size_t lens[] = { 7 };
    CHECK_EQ(rr_xs_frame(buf, sizeof(buf), RR_XS_READ, 1, parts, lens, 1, true), 0);
    static char big[RR_XS_PAYLOAD_MAX + 32];
    static uint8_t out[sizeof(big) + 64];
    const char *bparts[] = { big };
    size_t blens[] = { RR_XS_PAYLOAD_MAX };
    CHECK_EQ(rr_xs_frame(out, sizeof(out), RR_XS_READ, 1, bparts, blens, 1, true), 0);
}

static size_t reply(uint8_t *buf, uint32_t type, uint32_t id, const char *payload, uint32_t len)
{
    struct rr_xsd_sockmsg h = { type, id, 0, len };
    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), payload, len);
    return sizeof(h) + len;
}

TEST(xen_xs_reply_ok_short_error_and_bad)
{
    uint8_t buf[128];
    const char *payload = NULL, *err = NULL;
    size_t plen = 0;
    size_t n = reply(buf, RR_XS_READ, 5, "{\"cmdline\":\"x\"}", 15);
    CHECK_EQ(rr_xs_reply(buf, n, RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_OK);
    CHECK_EQ(plen, 15);
    CHECK_MEM(payload, "{\"cmdline\":\"x\"}", 15);
    /* a partial header, then a partial payload */
    CHECK_EQ(rr_xs_reply(buf, 10, RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_SHORT);
    CHECK_EQ(rr_xs_reply(buf, n - 1, RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_SHORT);
    /* another request's answer, or another type */
    CHECK_EQ(rr_xs_reply(buf, n, RR_XS_READ, 6, &payload, &plen, &err), RR_XS_REPLY_BAD);
    CHECK_EQ(rr_xs_reply(buf, n, RR_XS_WRITE, 5, &payload, &plen, &err), RR_XS_REPLY_BAD);

    n = reply(buf, RR_XS_ERROR, 5, "ENOENT", 7);
    CHECK_EQ(rr_xs_reply(buf, n, RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_ERROR);
    CHECK_STR(err, "ENOENT");
    /* an error name without its NUL is not trusted */
    n = reply(buf, RR_XS_ERROR, 5, "ENOENT", 6);
    CHECK_EQ(rr_xs_reply(buf, n, RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_BAD);

    struct rr_xsd_sockmsg huge = { RR_XS_READ, 5, 0, RR_XS_PAYLOAD_MAX + 1 };
    memcpy(buf, &huge, sizeof(huge));
    CHECK_EQ(rr_xs_reply(buf, sizeof(huge), RR_XS_READ, 5, &payload, &plen, &err), RR_XS_REPLY_BAD);
}

static void collect(const char *name, void *arg)
{
    char *out = arg;
    strcat(out, name);
    strcat(out, ",");
}

TEST(xen_xs_directory_names_are_split_at_nuls)
{
    char seen[64] = "";
    CHECK_EQ(rr_xs_each_name("cfg\0domid\0name\0", 15, collect, seen), 3);
    CHECK_STR(seen, "cfg,domid,name,");
    seen[0] = '\0';
    CHECK_EQ(rr_xs_each_name("", 0, collect, seen), 0);
    CHECK_EQ(rr_xs_each_name("a\0\0b\0", 5, collect, seen), 2);
    CHECK_STR(seen, "a,b,");
}
