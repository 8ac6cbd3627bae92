/*
 * The transmit queue: each frame is copied with its header into a buffer of
 * the driver's own, so the stack may reuse its memory as soon as transmit
 * returns and the device never sees memory that is only virtually
 * contiguous. Completed buffers are reclaimed by the interrupt and by the
 * next transmit; when all are in flight, transmit says -EAGAIN and the
 * stack hears tx_ready once one comes back.
 */
#include <rr/kern.h>
#include "vnet_internal.h"

int rr_vnet_tx_setup(struct vnet *vn)
{
    unsigned n = vn->txq->size / vn->descs_per_buf;
    vn->ntx = n < VNET_MAX_BUFFERS ? n : VNET_MAX_BUFFERS;
    return rr_vnet_alloc_buffers(vn, vn->tx_bufs, vn->ntx);
}

static void reclaim(struct vnet *vn)
{
    void *token;
    while ((token = rr_virtq_get(vn->txq, NULL)) != NULL) {
        unsigned i = (unsigned)((uintptr_t)token - 1);
        RR_ASSERT(i < vn->ntx && vn->tx_busy[i]);
        vn->tx_busy[i] = false;
        vn->tx_in_flight--;
    }
}

void rr_vnet_tx_done(struct rr_virtq *vq)
{
    struct vnet *vn = vq->data;
    reclaim(vn);
    if (vn->tx_waiting && vn->tx_in_flight < vn->ntx) {
        vn->tx_waiting = false;
        if (vn->net.tx_ready)
            vn->net.tx_ready(&vn->net);
    }
}

unsigned rr_vnet_tx_pending(struct rr_netdev *dev)
{
    struct vnet *vn = dev->driver_data;
    reclaim(vn);
    return vn->tx_in_flight;
}

int rr_vnet_transmit(struct rr_netdev *dev, const struct rr_netbuf_piece *pieces, unsigned npieces,
                     bool needs_csum, uint16_t csum_start, uint16_t csum_offset)
{
    struct vnet *vn = dev->driver_data;
    size_t total = 0;
    for (unsigned p = 0; p < npieces; p++)
        total += pieces[p].len;
    if (total < RR_VNET_ETH_HEADER || total > vn->buf_size - vn->hdr_len)
        return -EMSGSIZE;

    reclaim(vn);
    unsigned i = 0;
    while (i < vn->ntx && vn->tx_busy[i])
        i++;
    if (i == vn->ntx) {
        vn->tx_waiting = true;
        return -EAGAIN;
    }

    uint8_t *buf = vn->tx_bufs[i];
    uint8_t *frame = buf + vn->hdr_len;
    size_t at = 0;
    for (unsigned p = 0; p < npieces; p++) {
        rr_memcpy(frame + at, pieces[p].data, pieces[p].len);
        at += pieces[p].len;
    }
    if (needs_csum && !(vn->vdev->features & RR_VNET_F_CSUM)) {
        if (!rr_vnet_csum_complete(frame, total, csum_start, csum_offset))
            return -EINVAL;
        needs_csum = false;
    } else if (needs_csum && (size_t)csum_start + csum_offset + 2 > total) {
        return -EINVAL;
    }
    struct rr_vnet_hdr hdr;
    rr_vnet_tx_hdr(&hdr, needs_csum, csum_start, csum_offset);
    rr_memcpy(buf, &hdr, vn->hdr_len);

    struct rr_virtq_buf parts[2];
    if (vn->descs_per_buf == 2) {
        parts[0] = (struct rr_virtq_buf){ buf, (uint32_t)vn->hdr_len };
        parts[1] = (struct rr_virtq_buf){ frame, (uint32_t)total };
    } else {
        parts[0] = (struct rr_virtq_buf){ buf, (uint32_t)(vn->hdr_len + total) };
    }
    /* Descriptors never run short: the ring holds every buffer at once. */
    RR_ASSERT(rr_virtq_add(vn->txq, parts, vn->descs_per_buf, 0, (void *)(uintptr_t)(i + 1)) == 0);
    vn->tx_busy[i] = true;
    vn->tx_in_flight++;
    rr_virtq_kick(vn->txq);
    if (vn->debug)
        rr_vnet_count(vn, "transmitted", &vn->tx_frames);
    else
        vn->tx_frames++;
    return 0;
}
