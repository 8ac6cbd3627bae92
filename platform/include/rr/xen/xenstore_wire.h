/*
 * rr/xen/xenstore_wire.h — the xenstore protocol (public io/xs_wire.h): a
 * 16-byte header, then the payload; requests and replies travel through two
 * 1 KiB rings on a shared page. Framing and parsing are pure
 * (xen/logic/xenstore_msg.c) so the host tests can check them.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define RR_XS_DIRECTORY 1
#define RR_XS_READ      2
#define RR_XS_WRITE     11
#define RR_XS_ERROR     16

#define RR_XS_RING_SIZE   1024u
#define RR_XS_PAYLOAD_MAX 4096u

struct rr_xsd_sockmsg {
    uint32_t type;
    uint32_t req_id;
    uint32_t tx_id;
    uint32_t len;
};

struct rr_xenstore_interface {
    char req[RR_XS_RING_SIZE];
    char rsp[RR_XS_RING_SIZE];
    uint32_t req_cons, req_prod;
    uint32_t rsp_cons, rsp_prod;
};

/*
 * Lays out a request of `type` into buf: header then the parts, each part
 * followed by a NUL except the last when last_nul is false (XS_WRITE's value
 * is raw bytes). Returns the total length, or 0 when it does not fit in
 * bufsize or exceeds the protocol's payload limit.
 */
size_t rr_xs_frame(void *buf, size_t bufsize, uint32_t type, uint32_t req_id,
                   const char *const *parts, const size_t *lens, int nparts, bool last_nul);

/* Outcome of looking at a reply: what is still missing, or what it says. */
enum rr_xs_reply_state {
    RR_XS_REPLY_SHORT,      /* fewer bytes than the header or its payload: read more */
    RR_XS_REPLY_OK,         /* a complete reply of the expected type */
    RR_XS_REPLY_ERROR,      /* XS_ERROR: *err_name is the errno name (e.g. "ENOENT") */
    RR_XS_REPLY_BAD,        /* wrong type, oversized: the protocol broke */
};
/* Checks a reply in buf[0..n) for a request of `type`; on OK, payload and plen give its payload. */
enum rr_xs_reply_state rr_xs_reply(const void *buf, size_t n, uint32_t type, uint32_t req_id,
                                   const char **payload, size_t *plen, const char **err_name);

/* XS_DIRECTORY payload: NUL-separated names. Calls fn for each; returns how many. */
int rr_xs_each_name(const char *payload, size_t len, void (*fn)(const char *name, void *arg), void *arg);
