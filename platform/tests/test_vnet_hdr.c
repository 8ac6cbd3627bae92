/* virtio-net headers and checksums (components/virtio_net/vnet_hdr.c). */
#include "../../components/virtio_net/vnet_hdr.c"
#include "test.h"

TEST(vnet_header_sizes)
{
    CHECK_EQ(rr_vnet_hdr_len(false, 0), 12);
    CHECK_EQ(rr_vnet_hdr_len(false, RR_VNET_F_MRG_RXBUF), 12);
    CHECK_EQ(rr_vnet_hdr_len(true, 0), 10);
    CHECK_EQ(rr_vnet_hdr_len(true, RR_VNET_F_CSUM | RR_VNET_F_MAC), 10);
    CHECK_EQ(rr_vnet_hdr_len(true, RR_VNET_F_MRG_RXBUF), 12);
    CHECK_EQ(rr_vnet_frame_max(1500), 1518);
}

TEST(vnet_tx_header_layout)
{
    struct rr_vnet_hdr h;
    memset(&h, 0xaa, sizeof(h));
    rr_vnet_tx_hdr(&h, false, 34, 16);
    static const uint8_t zero[12];
    CHECK(memcmp(&h, zero, sizeof(h)) == 0);

    rr_vnet_tx_hdr(&h, true, 34, 16);
    const uint8_t *b = (const uint8_t *)&h;
    /* flags, gso_type, hdr_len(2), gso_size(2), csum_start(2), csum_offset(2), num_buffers(2), little endian */
    static const uint8_t want[12] = { 1, 0, 0, 0, 0, 0, 34, 0, 16, 0, 0, 0 };
    CHECK(memcmp(b, want, sizeof(want)) == 0);
}

/* An IPv4/UDP frame: 14 bytes Ethernet, 20 IP, 8 UDP, payload "hi!" (odd length). */
static size_t udp_frame(uint8_t *f, bool partial)
{
    static const uint8_t eth_ip[34] = {
        0x52, 0x55, 0x0a, 0x00, 0x02, 0x02, 0x52, 0x54, 0x00, 0x72, 0x72, 0x01, 0x08, 0x00,
        0x45, 0x00, 0x00, 0x1f, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
        10, 0, 2, 15, 10, 0, 2, 2,
    };
    memcpy(f, eth_ip, sizeof(eth_ip));
    uint8_t udp[11] = { 0x30, 0x39, 0x00, 0x35, 0x00, 0x0b, 0x00, 0x00, 'h', 'i', '!' };
    memcpy(f + 34, udp, sizeof(udp));
    if (partial) {
        /* Pseudo-header sum (addresses, protocol 17, UDP length 11), folded, not inverted. */
        uint32_t s = 0x0a00 + 0x020f + 0x0a00 + 0x0202 + 17 + 11;
        f[40] = (uint8_t)(s >> 8);
        f[41] = (uint8_t)s;
    }
    return 45;
}

/* The checksum a receiver verifies: pseudo-header plus UDP segment sums to 0xffff. */
static uint16_t udp_verify(const uint8_t *f)
{
    uint32_t s = 0x0a00 + 0x020f + 0x0a00 + 0x0202 + 17 + 11;
    for (size_t i = 34; i < 45; i += 2)
        s += (uint32_t)f[i] << 8 | (i + 1 < 45 ? f[i + 1] : 0);
    while (s >> 16)
        s = (s & 0xffff) + (s >> 16);
    return (uint16_t)s;
}

TEST(vnet_software_checksum_completes_a_partial_udp_sum)
{
    uint8_t f[64];
    size_t len = udp_frame(f, true);
    CHECK(rr_vnet_csum_complete(f, len, 34, 6));
    CHECK_EQ(udp_verify(f), 0xffff);
    CHECK(f[40] != 0 || f[41] != 0);
}

TEST(vnet_software_checksum_refuses_fields_outside_the_frame)
{
    uint8_t f[64];
    size_t len = udp_frame(f, true);
    CHECK(!rr_vnet_csum_complete(f, len, 44, 1));
    CHECK(!rr_vnet_csum_complete(f, len, 46, 0));
    CHECK(!rr_vnet_csum_complete(f, len, 34, 10));
    CHECK(rr_vnet_csum_complete(f, len, 34, 9));    /* the last two bytes: allowed */
}

TEST(vnet_rx_checksum_state_needs_guest_csum)
{
    struct rr_vnet_hdr h = { .flags = RR_VNET_HDR_F_DATA_VALID };
    CHECK_EQ(rr_vnet_rx_csum(&h, 0), RR_VNET_RX_UNCHECKED);
    CHECK_EQ(rr_vnet_rx_csum(&h, RR_VNET_F_GUEST_CSUM), RR_VNET_RX_VALID);
    h.flags = RR_VNET_HDR_F_NEEDS_CSUM;
    CHECK_EQ(rr_vnet_rx_csum(&h, RR_VNET_F_GUEST_CSUM), RR_VNET_RX_PARTIAL);
    h.flags = RR_VNET_HDR_F_NEEDS_CSUM | RR_VNET_HDR_F_DATA_VALID;
    CHECK_EQ(rr_vnet_rx_csum(&h, RR_VNET_F_GUEST_CSUM), RR_VNET_RX_PARTIAL);
    h.flags = 0;
    CHECK_EQ(rr_vnet_rx_csum(&h, RR_VNET_F_GUEST_CSUM), RR_VNET_RX_UNCHECKED);
}
