/*
 * rr/virtio_net.h — the virtio network driver (components/virtio_net): the
 * device's constants (virtio 1.2 §5.1) and the header logic host tests
 * exercise on their own (vnet_hdr.c).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* feature bits */
#define RR_VNET_F_CSUM        (1ULL << 0)   /* the device completes partial checksums we send */
#define RR_VNET_F_GUEST_CSUM  (1ULL << 1)   /* we accept partial checksums and DATA_VALID */
#define RR_VNET_F_MTU         (1ULL << 3)
#define RR_VNET_F_MAC         (1ULL << 5)
#define RR_VNET_F_MRG_RXBUF   (1ULL << 15)
#define RR_VNET_F_STATUS      (1ULL << 16)

/* configuration space */
#define RR_VNET_CFG_MAC     0
#define RR_VNET_CFG_STATUS  6
#define RR_VNET_CFG_MTU     10
#define RR_VNET_S_LINK_UP   1u

/* queues: one receive and one transmit queue (no multiqueue, no control queue) */
#define RR_VNET_RX_QUEUE 0
#define RR_VNET_TX_QUEUE 1

/* header flags */
#define RR_VNET_HDR_F_NEEDS_CSUM  1u
#define RR_VNET_HDR_F_DATA_VALID  2u
#define RR_VNET_HDR_GSO_NONE      0u

/* The header before every frame. num_buffers exists on modern devices and with
 * MRG_RXBUF; a legacy device without MRG_RXBUF uses the first 10 bytes only. */
struct rr_vnet_hdr {
    uint8_t flags;
    uint8_t gso_type;
    uint16_t hdr_len;
    uint16_t gso_size;
    uint16_t csum_start;
    uint16_t csum_offset;
    uint16_t num_buffers;
};
_Static_assert(sizeof(struct rr_vnet_hdr) == 12, "virtio-net header layout");

#define RR_VNET_ETH_HEADER 14u
#define RR_VNET_VLAN_TAG   4u

/* Bytes of header the device expects: 12, or 10 for a legacy device without MRG_RXBUF. */
size_t rr_vnet_hdr_len(bool legacy, uint64_t features);

/* The header of a frame to transmit. With needs_csum, the frame's checksum
 * field at csum_start + csum_offset holds the pseudo-header sum (folded, not
 * inverted) and the device (F_CSUM) completes it. */
void rr_vnet_tx_hdr(struct rr_vnet_hdr *hdr, bool needs_csum, uint16_t csum_start, uint16_t csum_offset);

/* Completes a partial checksum in software: the one's complement sum of
 * frame[start..len) (which includes the pseudo-header sum already in the
 * field) is inverted and stored at start + offset. false when the positions
 * do not fit in the frame. */
bool rr_vnet_csum_complete(uint8_t *frame, size_t len, uint16_t start, uint16_t offset);

/* What a received header says about the frame's checksum.
 * RR_VNET_RX_PARTIAL: the frame came from the host with its checksum left to
 * fill (rr_vnet_csum_complete with the header's start and offset); then it is
 * as good as verified. */
enum rr_vnet_rx_csum { RR_VNET_RX_UNCHECKED, RR_VNET_RX_VALID, RR_VNET_RX_PARTIAL };
enum rr_vnet_rx_csum rr_vnet_rx_csum(const struct rr_vnet_hdr *hdr, uint64_t features);

/* The frame's size limit for an MTU: Ethernet header, payload, one VLAN tag. */
static inline size_t rr_vnet_frame_max(uint16_t mtu)
{
    return RR_VNET_ETH_HEADER + mtu + RR_VNET_VLAN_TAG;
}
