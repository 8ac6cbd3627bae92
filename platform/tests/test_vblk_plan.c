/* virtio-blk request planning: merging, SIZE_MAX, SEG_MAX, sector ends (components/virtio_blk). */
#include "../../components/virtio_blk/vblk_plan.c"
#include "test.h"

static uint64_t same(uintptr_t va)
{
    return va;
}

/* Every page lands somewhere else: page n of the buffer at 0x100000 + 0x3000 n, in reverse order. */
static uint64_t scattered(uintptr_t va)
{
    return 0x900000 - (va >> 12) * 0x3000 + (va & 0xfff);
}

static uint64_t second_page_missing(uintptr_t va)
{
    return (va >> 12) == 0x11 ? UINT64_MAX : va;
}

TEST(vblk_plan_contiguous_buffer_is_one_segment)
{
    struct rr_vblk_limits lim = { 8, 1u << 30 };
    struct rr_vblk_seg segs[8];
    unsigned n;
    CHECK_EQ(rr_vblk_plan(0x10000, 5 * 4096, &lim, same, segs, &n), 5 * 4096);
    CHECK_EQ(n, 1);
    CHECK_EQ(segs[0].pa, 0x10000);
    CHECK_EQ(segs[0].len, 5 * 4096);
}

TEST(vblk_plan_size_max_splits)
{
    struct rr_vblk_limits lim = { 8, 4096 };
    struct rr_vblk_seg segs[8];
    unsigned n;
    CHECK_EQ(rr_vblk_plan(0x10200, 3 * 4096, &lim, same, segs, &n), 3 * 4096);
    CHECK_EQ(n, 3);
    CHECK_EQ(segs[0].pa, 0x10200);
    CHECK_EQ(segs[0].len, 4096);
    CHECK_EQ(segs[2].pa, 0x12200);
}

TEST(vblk_plan_scattered_pages_and_seg_max_end_on_a_sector)
{
    struct rr_vblk_limits lim = { 2, 1u << 30 };
    struct rr_vblk_seg segs[2];
    unsigned n;
    /* starts 100 bytes into a page: two pieces cover 3996 + 4096 bytes, cut to 15 sectors */
    size_t got = rr_vblk_plan(0x10064, 16 * 512, &lim, scattered, segs, &n);
    CHECK_EQ(got, 15 * 512);
    CHECK_EQ(n, 2);
    CHECK_EQ(segs[0].len, 3996);
    CHECK_EQ(segs[0].len + segs[1].len, 15 * 512);
    CHECK_EQ(segs[1].pa, scattered(0x11000));
}

TEST(vblk_plan_too_few_segments_for_a_sector_bounces)
{
    struct rr_vblk_limits lim = { 1, 1u << 30 };
    struct rr_vblk_seg segs[1];
    unsigned n;
    CHECK_EQ(rr_vblk_plan(0x10f00, 1024, &lim, scattered, segs, &n), 0);
    CHECK_EQ(n, 0);
}

TEST(vblk_plan_stops_at_an_untranslatable_page)
{
    struct rr_vblk_limits lim = { 8, 1u << 30 };
    struct rr_vblk_seg segs[8];
    unsigned n;
    CHECK_EQ(rr_vblk_plan(0x10000, 3 * 4096, &lim, second_page_missing, segs, &n), 4096);
    CHECK_EQ(n, 1);
}

TEST(vblk_serial_is_printable_and_terminated)
{
    char out[24];
    uint8_t full[20] = "abcdefghijklmnopqrst";
    rr_vblk_serial(full, out, sizeof(out));
    CHECK_STR(out, "abcdefghijklmnopqrst");
    uint8_t shortid[20] = { 'r', 'r', '0', 0 };
    rr_vblk_serial(shortid, out, sizeof(out));
    CHECK_STR(out, "rr0");
    uint8_t odd[20] = { 'a', 0x07, 'b', 0 };
    rr_vblk_serial(odd, out, sizeof(out));
    CHECK_STR(out, "a?b");
}
