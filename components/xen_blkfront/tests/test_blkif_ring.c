/* The blkif ring's front-end index logic (components/xen_blkfront/blkif_ring.c),
 * with a simulated back end working on the same page, across the 2^32 wrap. */
#include <stdlib.h>
#include "blkif_ring.h"
#include "test.h"

static struct rr_blkif_sring *page(void)
{
    struct rr_blkif_sring *s = aligned_alloc(4096, 4096);
    memset(s, 0xAA, 4096);
    return s;
}

/* Moves both sides' indices to start, as if start requests had come and gone. */
static void advance_to(struct rr_blkif_front *f, uint32_t start)
{
    f->req_prod_pvt = f->rsp_cons = start;
    f->sring->req_prod = f->sring->rsp_prod = start;
    f->sring->req_event = f->sring->rsp_event = start + 1;
}

TEST(blkif_ring_of_a_page_has_32_entries)
{
    CHECK_EQ(rr_blkif_ring_entries(4096), 32);
    CHECK_EQ(rr_blkif_ring_entries(64 + 112), 1);
    CHECK_EQ(rr_blkif_ring_entries(64 + 3 * 112), 2);
    CHECK_EQ(rr_blkif_ring_entries(64), 0);
    CHECK_EQ(rr_blkif_ring_entries(8192), 64);
}

TEST(blkif_init_clears_the_header_and_asks_for_the_first_events)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    CHECK_EQ(s->req_prod, 0);
    CHECK_EQ(s->rsp_prod, 0);
    CHECK_EQ(s->req_event, 1);
    CHECK_EQ(s->rsp_event, 1);
    CHECK_EQ(s->pad[0], 0);
    CHECK_EQ(s->pad[43], 0);
    CHECK_EQ(f.nr_ents, 32);
    CHECK_EQ(rr_blkif_free_slots(&f), 32);
    free(s);
}

TEST(blkif_free_slots_count_across_the_index_wrap)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    advance_to(&f, 0xFFFFFFF0u);
    for (int i = 0; i < 32; i++) {
        CHECK_EQ(rr_blkif_free_slots(&f), 32 - i);
        rr_blkif_next_request(&f);
    }
    CHECK_EQ(rr_blkif_free_slots(&f), 0);
    CHECK_EQ(f.req_prod_pvt, 0x10u);
    f.rsp_cons += 5;
    CHECK_EQ(rr_blkif_free_slots(&f), 5);
    free(s);
}

TEST(blkif_requests_fill_consecutive_entries_modulo_the_ring)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    advance_to(&f, 30);
    CHECK(rr_blkif_next_request(&f) == &s->ring[30].req);
    CHECK(rr_blkif_next_request(&f) == &s->ring[31].req);
    CHECK(rr_blkif_next_request(&f) == &s->ring[0].req);
    free(s);
}

TEST(blkif_push_notifies_only_when_the_back_end_asked_within_the_batch)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    for (uint32_t start = 0xFFFFFFFDu; start != 3; start++) {
        advance_to(&f, start);
        /* The back end waits for the next request: a batch of three includes it. */
        rr_blkif_next_request(&f);
        rr_blkif_next_request(&f);
        rr_blkif_next_request(&f);
        CHECK(rr_blkif_push(&f));
        CHECK_EQ(s->req_prod, start + 3);
        /* It is busy and will look again by itself: no event until req_event is reached. */
        s->req_event = start + 10;
        rr_blkif_next_request(&f);
        CHECK(!rr_blkif_push(&f));
        /* An event index at the last entry of a batch is inside it. */
        s->req_event = start + 6;
        rr_blkif_next_request(&f);
        rr_blkif_next_request(&f);
        CHECK(rr_blkif_push(&f));
        /* One already passed (a stale request for an event) is not. */
        s->req_event = start + 6;
        rr_blkif_next_request(&f);
        CHECK(!rr_blkif_push(&f));
    }
    free(s);
}

struct seen {
    uint64_t ids[64];
    int16_t status[64];
    unsigned n;
    struct rr_blkif_front *f;
    unsigned add_during;            /* responses the "back end" adds during the first call */
};

static void respond(struct rr_blkif_front *f, uint64_t id, int16_t status)
{
    struct rr_blkif_sring *s = f->sring;
    s->ring[s->rsp_prod & (f->nr_ents - 1)].rsp = (struct rr_blkif_response){ id, RR_BLKIF_OP_READ, 0, status };
    s->rsp_prod++;
}

static void record(const struct rr_blkif_response *rsp, void *arg)
{
    struct seen *seen = arg;
    seen->ids[seen->n] = rsp->id;
    seen->status[seen->n] = rsp->status;
    seen->n++;
    if (seen->add_during) {
        seen->add_during--;
        respond(seen->f, 100 + seen->add_during, RR_BLKIF_RSP_OKAY);
    }
}

TEST(blkif_responses_are_taken_in_order_across_the_wrap_and_rsp_event_rearmed)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    advance_to(&f, 0xFFFFFFFEu);
    for (int i = 0; i < 5; i++)
        rr_blkif_next_request(&f);
    respond(&f, 7, RR_BLKIF_RSP_OKAY);
    respond(&f, 3, RR_BLKIF_RSP_ERROR);
    respond(&f, 5, RR_BLKIF_RSP_EOPNOTSUPP);
    struct seen seen = { .f = &f };
    CHECK_EQ(rr_blkif_take_responses(&f, record, &seen), 3);
    CHECK_EQ(seen.ids[0], 7);
    CHECK_EQ(seen.ids[1], 3);
    CHECK_EQ(seen.ids[2], 5);
    CHECK_EQ(seen.status[1], RR_BLKIF_RSP_ERROR);
    CHECK_EQ(seen.status[2], RR_BLKIF_RSP_EOPNOTSUPP);
    CHECK_EQ(f.rsp_cons, 1u);
    CHECK_EQ(s->rsp_event, 2u);
    CHECK_EQ(rr_blkif_free_slots(&f), 30);
    /* Nothing new: nothing taken, nothing changed. */
    CHECK_EQ(rr_blkif_take_responses(&f, record, &seen), 0);
    CHECK_EQ(seen.n, 3);
    free(s);
}

TEST(blkif_a_response_added_while_taking_is_taken_in_the_same_call)
{
    struct rr_blkif_sring *s = page();
    struct rr_blkif_front f;
    rr_blkif_front_init(&f, s, 4096);
    advance_to(&f, 0xFFFFFFFFu);
    for (int i = 0; i < 4; i++)
        rr_blkif_next_request(&f);
    respond(&f, 1, RR_BLKIF_RSP_OKAY);
    struct seen seen = { .f = &f, .add_during = 2 };
    /* The back end adds one response per one taken, twice: after the pass
     * the re-check finds them and takes them before returning. */
    CHECK_EQ(rr_blkif_take_responses(&f, record, &seen), 3);
    CHECK_EQ(seen.ids[0], 1);
    CHECK_EQ(seen.ids[1], 101);
    CHECK_EQ(seen.ids[2], 100);
    CHECK_EQ(f.rsp_cons, s->rsp_prod);
    CHECK_EQ(s->rsp_event, f.rsp_cons + 1);
    free(s);
}

TEST(blkif_read_and_write_requests_cover_whole_pages_then_the_rest)
{
    struct rr_blkif_request req;
    uint32_t grefs[RR_BLKIF_MAX_SEGS];
    for (unsigned i = 0; i < RR_BLKIF_MAX_SEGS; i++)
        grefs[i] = 40 + i;
    CHECK_EQ(rr_blkif_fill_rw(&req, false, 51712, 3, 1000, 1, grefs), 1);
    CHECK_EQ(req.operation, RR_BLKIF_OP_READ);
    CHECK_EQ(req.handle, 51712);
    CHECK_EQ(req.id, 3);
    CHECK_EQ(req.sector_number, 1000);
    CHECK_EQ(req.seg[0].gref, 40);
    CHECK_EQ(req.seg[0].first_sect, 0);
    CHECK_EQ(req.seg[0].last_sect, 0);

    CHECK_EQ(rr_blkif_fill_rw(&req, true, 1, 0, 0, 8, grefs), 1);
    CHECK_EQ(req.operation, RR_BLKIF_OP_WRITE);
    CHECK_EQ(req.seg[0].last_sect, 7);

    CHECK_EQ(rr_blkif_fill_rw(&req, false, 1, 0, 0, 9, grefs), 2);
    CHECK_EQ(req.nr_segments, 2);
    CHECK_EQ(req.seg[1].gref, 41);
    CHECK_EQ(req.seg[1].last_sect, 0);

    CHECK_EQ(rr_blkif_fill_rw(&req, false, 1, 0, 0, 88, grefs), 11);
    CHECK_EQ(req.seg[10].gref, 50);
    CHECK_EQ(req.seg[10].last_sect, 7);

    CHECK_EQ(rr_blkif_fill_rw(&req, false, 1, 0, 0, 89, grefs), 0);
    CHECK_EQ(rr_blkif_fill_rw(&req, false, 1, 0, 0, 0, grefs), 0);
}

TEST(blkif_flush_carries_no_segments)
{
    struct rr_blkif_request req;
    memset(&req, 0xAA, sizeof(req));
    rr_blkif_fill_flush(&req, 51728, 6);
    CHECK_EQ(req.operation, RR_BLKIF_OP_FLUSH_DISKCACHE);
    CHECK_EQ(req.nr_segments, 0);
    CHECK_EQ(req.handle, 51728);
    CHECK_EQ(req.id, 6);
}

TEST(blkif_vdev_numbers_name_xvd_disks)
{
    char name[16];
    CHECK(rr_blkif_vdev_name(51712, name, sizeof(name)));
    CHECK_STR(name, "xvda");
    CHECK(rr_blkif_vdev_name((202u << 8) | (1u << 4), name, sizeof(name)));
    CHECK_STR(name, "xvdb");
    CHECK(rr_blkif_vdev_name((202u << 8) | (15u << 4), name, sizeof(name)));
    CHECK_STR(name, "xvdp");
    CHECK(rr_blkif_vdev_name((1u << 28) | (16u << 8), name, sizeof(name)));
    CHECK_STR(name, "xvdq");
    CHECK(rr_blkif_vdev_name((1u << 28) | (26u << 8), name, sizeof(name)));
    CHECK_STR(name, "xvdaa");
    CHECK(rr_blkif_vdev_name((1u << 28) | (53u << 8), name, sizeof(name)));
    CHECK_STR(name, "xvdbb");
    /* Partitions and other majors are not whole xvd disks. */
    CHECK(!rr_blkif_vdev_name((202u << 8) | 1u, name, sizeof(name)));
    CHECK(!rr_blkif_vdev_name(8u << 8, name, sizeof(name)));
    CHECK(!rr_blkif_vdev_name(51712, name, 4));
}
