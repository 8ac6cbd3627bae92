/* The netif rings' front-end index logic (components/xen_netfront/netif_ring.c),
 * with a simulated back end working on the same page, across the 2^32 wrap. */
#include <stdlib.h>
#include <string.h>
#include "netif_ring.h"
#include "test.h"

static void *netif_page(void)
{
    void *p = aligned_alloc(4096, 4096);
    memset(p, 0xAA, 4096);
    return p;
}

static void netif_advance_to(struct rr_netif_front *f, uint32_t start)
{
    f->req_prod_pvt = f->rsp_cons = start;
    f->sring->req_prod = f->sring->rsp_prod = start;
    f->sring->req_event = f->sring->rsp_event = start + 1;
}

TEST(netif_rings_of_a_page_have_256_entries)
{
    CHECK_EQ(rr_netif_ring_entries(4096, sizeof(union rr_netif_tx_entry)), 256);
    CHECK_EQ(rr_netif_ring_entries(4096, sizeof(union rr_netif_rx_entry)), 256);
    CHECK_EQ(rr_netif_ring_entries(64 + 12, 12), 1);
    CHECK_EQ(rr_netif_ring_entries(64 + 3 * 12, 12), 2);
    CHECK_EQ(rr_netif_ring_entries(64, 12), 0);
    CHECK_EQ(rr_netif_ring_entries(4096, 0), 0);
}

TEST(netif_init_clears_the_page_and_asks_for_the_first_events)
{
    uint8_t *p = netif_page();
    struct rr_netif_front f;
    rr_netif_front_init(&f, p, 4096, sizeof(union rr_netif_rx_entry));
    CHECK_EQ(f.sring->req_prod, 0);
    CHECK_EQ(f.sring->rsp_prod, 0);
    CHECK_EQ(f.sring->req_event, 1);
    CHECK_EQ(f.sring->rsp_event, 1);
    CHECK_EQ(p[20], 0);
    CHECK_EQ(p[4095], 0);
    CHECK_EQ(rr_netif_free_requests(&f), 256);
    CHECK(rr_netif_entry(&f, 0) == p + 64);
    free(p);
}

TEST(netif_entries_wrap_modulo_the_ring_and_free_requests_count_across_2_32)
{
    uint8_t *p = netif_page();
    struct rr_netif_front f;
    rr_netif_front_init(&f, p, 4096, sizeof(union rr_netif_tx_entry));
    netif_advance_to(&f, 0xFFFFFF00u + 250);
    CHECK(rr_netif_entry(&f, f.req_prod_pvt) == p + 64 + 250 * 12);
    CHECK(rr_netif_entry(&f, f.req_prod_pvt + 6) == p + 64);
    f.req_prod_pvt += 256;
    CHECK_EQ(rr_netif_free_requests(&f), 0);
    f.rsp_cons += 10;
    CHECK_EQ(rr_netif_free_requests(&f), 10);
    free(p);
}

TEST(netif_push_notifies_only_when_req_event_is_within_the_batch)
{
    uint8_t *p = netif_page();
    struct rr_netif_front f;
    rr_netif_front_init(&f, p, 4096, sizeof(union rr_netif_tx_entry));
    for (uint32_t start = 0xFFFFFFFDu; start != 3; start++) {
        netif_advance_to(&f, start);
        f.req_prod_pvt += 3;
        CHECK(rr_netif_push_requests(&f));
        CHECK_EQ(f.sring->req_prod, start + 3);
        f.sring->req_event = start + 10;
        f.req_prod_pvt += 1;
        CHECK(!rr_netif_push_requests(&f));
        f.sring->req_event = start + 6;
        f.req_prod_pvt += 2;
        CHECK(rr_netif_push_requests(&f));
        f.sring->req_event = start + 6;
        f.req_prod_pvt += 1;
        CHECK(!rr_netif_push_requests(&f));
    }
    free(p);
}

TEST(netif_responses_are_seen_and_rsp_event_rearmed_when_none_wait)
{
    uint8_t *p = netif_page();
    struct rr_netif_front f;
    rr_netif_front_init(&f, p, 4096, sizeof(union rr_netif_rx_entry));
    netif_advance_to(&f, 0xFFFFFFFEu);
    CHECK(!rr_netif_has_response(&f));
    CHECK_EQ(f.sring->rsp_event, 0xFFFFFFFFu);
    f.sring->rsp_prod = 0xFFFFFFFEu + 3;
    for (int i = 0; i < 3; i++) {
        CHECK(rr_netif_has_response(&f));
        f.rsp_cons++;
    }
    CHECK(!rr_netif_has_response(&f));
    CHECK_EQ(f.sring->rsp_event, 2);
    CHECK_EQ(f.rsp_cons, 1);
    free(p);
}
