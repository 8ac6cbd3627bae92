/* Grant references over a growing table (platform/xen/logic/grant_refs.c). */
#include "../xen/logic/grant_refs.c"
#include "test.h"

struct fake_mapper {
    uint32_t mapped[8];
    int calls;
    int fail_with;
};

static int fake_map(uint32_t idx, void *ctx)
{
    struct fake_mapper *m = ctx;
    if (m->fail_with)
        return m->fail_with;
    m->mapped[m->calls++] = idx;
    return 0;
}

TEST(xen_grant_refs_map_the_first_frame_only_when_a_reference_is_taken)
{
    struct fake_mapper m = { 0 };
    struct rr_grant_refs refs = { .next = 8, .max_frames = 4, .map_frame = fake_map, .ctx = &m };
    CHECK_EQ(m.calls, 0);
    CHECK_EQ(rr_grant_refs_take(&refs), 8);
    CHECK_EQ(m.calls, 1);
    CHECK_EQ(m.mapped[0], 0);
    CHECK_EQ(rr_grant_refs_take(&refs), 9);
    CHECK_EQ(m.calls, 1);
}

TEST(xen_grant_refs_map_the_next_frame_when_the_mapped_ones_are_used_up)
{
    struct fake_mapper m = { 0 };
    struct rr_grant_refs refs = { .next = 8, .max_frames = 2, .map_frame = fake_map, .ctx = &m };
    long last = 0;
    for (int i = 8; i < 512; i++)
        last = rr_grant_refs_take(&refs);
    CHECK_EQ(last, 511);
    CHECK_EQ(m.calls, 1);
    CHECK_EQ(rr_grant_refs_take(&refs), 512);
    CHECK_EQ(m.calls, 2);
    CHECK_EQ(m.mapped[1], 1);
}

TEST(xen_grant_refs_end_with_enospc_after_the_last_frame)
{
    struct fake_mapper m = { 0 };
    struct rr_grant_refs refs = { .next = 8, .max_frames = 2, .map_frame = fake_map, .ctx = &m };
    long r = 0;
    for (int i = 8; i < 1024; i++)
        r = rr_grant_refs_take(&refs);
    CHECK_EQ(r, 1023);
    CHECK_EQ(rr_grant_refs_take(&refs), -ENOSPC);
    CHECK_EQ(rr_grant_refs_take(&refs), -ENOSPC);
    CHECK_EQ(m.calls, 2);
}

TEST(xen_grant_refs_pass_on_a_mapping_error_and_try_again_next_time)
{
    struct fake_mapper m = { .fail_with = -EINVAL };
    struct rr_grant_refs refs = { .next = 8, .max_frames = 2, .map_frame = fake_map, .ctx = &m };
    CHECK_EQ(rr_grant_refs_take(&refs), -EINVAL);
    CHECK_EQ(refs.next, 8);
    m.fail_with = 0;
    CHECK_EQ(rr_grant_refs_take(&refs), 8);
    CHECK_EQ(m.mapped[0], 0);
}
