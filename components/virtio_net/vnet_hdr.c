/*
 * The virtio-net header (virtio 1.2 §5.1.6): its size for each kind of
 * device, the transmit header for checksum offload, what a received header
 * says about the checksum, and the software checksum for frames the device
 * left partial. No platform calls: host tests compile this file alone.
 */
#include "include/rr/virtio_net.h"   /* by path: host tests compile this file alone */

size_t rr_vnet_hdr_len(bool legacy, uint64_t features)
{
    /* num_buffers is part of the modern header whether or not MRG_RXBUF is on (§5.1.6). */
    if (legacy && !(features & RR_VNET_F_MRG_RXBUF))
        return 10;
    return sizeof(struct rr_vnet_hdr);
}

void rr_vnet_tx_hdr(struct rr_vnet_hdr *hdr, bool needs_csum, uint16_t csum_start, uint16_t csum_offset)
{
    *hdr = (struct rr_vnet_hdr){ .gso_type = RR_VNET_HDR_GSO_NONE };
    if (needs_csum) {
        hdr->flags = RR_VNET_HDR_F_NEEDS_CSUM;
        hdr->csum_start = csum_start;
        hdr->csum_offset = csum_offset;
    }
}

bool rr_vnet_csum_complete(uint8_t *frame, size_t len, uint16_t start, uint16_t offset)
{
    size_t field = (size_t)start + offset;
    if (start > len || field + 2 > len)
        return false;
    /* Big-endian 16-bit words, as the Internet checksum is defined (RFC 1071). */
    uint32_t sum = 0;
    size_t i = start;
    for (; i + 1 < len; i += 2)
        sum += (uint32_t)frame[i] << 8 | frame[i + 1];
    if (i < len)
        sum += (uint32_t)frame[i] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    uint16_t csum = (uint16_t)~sum;
    /* UDP sends a computed zero as all ones (zero means "no checksum"); TCP does
     * not care, and 0xffff is the same value in one's complement arithmetic. */
    if (csum == 0)
        csum = 0xffff;
    frame[field] = (uint8_t)(csum >> 8);
    frame[field + 1] = (uint8_t)csum;
    return true;
}

enum rr_vnet_rx_csum rr_vnet_rx_csum(const struct rr_vnet_hdr *hdr, uint64_t features)
{
    /* The device may set these flags only when we offered GUEST_CSUM. */
    if (!(features & RR_VNET_F_GUEST_CSUM))
        return RR_VNET_RX_UNCHECKED;
    if (hdr->flags & RR_VNET_HDR_F_NEEDS_CSUM)
        return RR_VNET_RX_PARTIAL;
    if (hdr->flags & RR_VNET_HDR_F_DATA_VALID)
        return RR_VNET_RX_VALID;
    return RR_VNET_RX_UNCHECKED;
}
