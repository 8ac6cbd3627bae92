/*
 * The netif shared rings (public io/netif.h over io/ring.h): one page each for
 * transmit and receive, a 64-byte header of producer and event indices, then
 * the entries. Indices run freely over 2^32 and are reduced modulo the ring
 * size (a power of two). Front-end index logic only; no kernel headers, so the
 * host tests exercise it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RR_NETIF_PAGE 4096u

/* Transmit request flags. */
#define RR_NETTXF_CSUM_BLANK     (1u << 0)
#define RR_NETTXF_DATA_VALIDATED (1u << 1)
#define RR_NETTXF_MORE_DATA      (1u << 2)
#define RR_NETTXF_EXTRA_INFO     (1u << 3)
/* Receive response flags. */
#define RR_NETRXF_DATA_VALIDATED (1u << 0)
#define RR_NETRXF_CSUM_BLANK     (1u << 1)
#define RR_NETRXF_MORE_DATA      (1u << 2)
#define RR_NETRXF_EXTRA_INFO     (1u << 3)

struct rr_netif_tx_request {
    uint32_t gref;
    uint16_t offset;
    uint16_t flags;
    uint16_t id;
    uint16_t size;        /* the first request of a frame: the whole frame */
};

struct rr_netif_tx_response {
    uint16_t id;
    int16_t status;       /* 0 sent, negative: error or dropped */
};

struct rr_netif_rx_request {
    uint16_t id;
    uint16_t pad;
    uint32_t gref;
};

struct rr_netif_rx_response {
    uint16_t id;
    uint16_t offset;
    uint16_t flags;
    int16_t status;       /* positive: the frame's length; negative: an error */
};

/* A request and its response share one entry. */
union rr_netif_tx_entry {
    struct rr_netif_tx_request req;
    struct rr_netif_tx_response rsp;
};
union rr_netif_rx_entry {
    struct rr_netif_rx_request req;
    struct rr_netif_rx_response rsp;
};

struct rr_netif_sring_header {
    volatile uint32_t req_prod, req_event;
    volatile uint32_t rsp_prod, rsp_event;
    uint8_t pad[48];
};

_Static_assert(sizeof(struct rr_netif_tx_request) == 12, "netif_tx_request layout");
_Static_assert(sizeof(union rr_netif_tx_entry) == 12, "netif_tx ring entry");
_Static_assert(sizeof(struct rr_netif_rx_request) == 8, "netif_rx_request layout");
_Static_assert(sizeof(union rr_netif_rx_entry) == 8, "netif_rx ring entry");
_Static_assert(sizeof(struct rr_netif_sring_header) == 64, "ring header layout");

/* The front end's view of one ring page: its private producer and consumer. */
struct rr_netif_front {
    struct rr_netif_sring_header *sring;
    uint8_t *entries;
    uint32_t entry_size;
    uint32_t size;            /* entries, a power of two */
    uint32_t req_prod_pvt;    /* requests filled, not all published yet */
    uint32_t rsp_cons;        /* responses taken */
};

/* Entries that fit in a ring of page_size bytes with entry_size-byte entries. */
uint32_t rr_netif_ring_entries(size_t page_size, size_t entry_size);
/* Clears the page and asks for an event at the first response. */
void rr_netif_front_init(struct rr_netif_front *f, void *page, size_t page_size, size_t entry_size);
/* Entries the front end may still fill without overrunning unconsumed responses. */
uint32_t rr_netif_free_requests(const struct rr_netif_front *f);
/* The entry at a free-running index. */
void *rr_netif_entry(const struct rr_netif_front *f, uint32_t index);
/* Publishes the filled requests; true when the back end asked to be told. */
bool rr_netif_push_requests(struct rr_netif_front *f);
/* Whether a response is waiting; when none, re-arms rsp_event and looks once more. */
bool rr_netif_has_response(struct rr_netif_front *f);
