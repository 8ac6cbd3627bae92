/*
 * The receive queue: every buffer is offered to the device at start and
 * offered again as soon as its frame has been handed on, from the same
 * interrupt, so the ring stays full. The stack's rx callback copies the
 * frame; without a stack attached the frame is counted and dropped.
 */
#include <rr/kern.h>
#include "vnet_internal.h"

static int offer(struct vnet *vn, uint8_t *buf)
{
    struct rr_virtq_buf parts[2];
    if (vn->descs_per_buf == 2) {
        parts[0] = (struct rr_virtq_buf){ buf, (uint32_t)vn->hdr_len };
        parts[1] = (struct rr_virtq_buf){ buf + vn->hdr_len, (uint32_t)(vn->buf_size - vn->hdr_len) };
    } else {
        parts[0] = (struct rr_virtq_buf){ buf, (uint32_t)vn->buf_size };
    }
    return rr_virtq_add(vn->rxq, parts, 0, vn->descs_per_buf, buf);
}

int rr_vnet_rx_setup(struct vnet *vn)
{
    unsigned n = vn->rxq->size / vn->descs_per_buf;
    vn->nrx = n < VNET_MAX_BUFFERS ? n : VNET_MAX_BUFFERS;
    int r = rr_vnet_alloc_buffers(vn, vn->rx_bufs, vn->nrx);
    if (r < 0)
        return r;
    for (unsigned i = 0; i < vn->nrx; i++) {
        r = offer(vn, vn->rx_bufs[i]);
        if (r < 0)
            return r;
    }
    return 0;
}

static void deliver(struct vnet *vn, uint8_t *buf, uint32_t len)
{
    if (len < vn->hdr_len + RR_VNET_ETH_HEADER || len > vn->buf_size) {
        vn->rx_dropped++;
        return;
    }
    struct rr_vnet_hdr hdr = { 0 };
    rr_memcpy(&hdr, buf, vn->hdr_len);
    uint8_t *frame = buf + vn->hdr_len;
    size_t frame_len = len - vn->hdr_len;
    bool csum_ok = false;
    switch (rr_vnet_rx_csum(&hdr, vn->vdev->features)) {
    case RR_VNET_RX_VALID:
        csum_ok = true;
        break;
    case RR_VNET_RX_PARTIAL:
        /* The host's own traffic through tap arrives this way: nothing was
         * damaged on a wire, the sum was just never computed. */
        if (!rr_vnet_csum_complete(frame, frame_len, hdr.csum_start, hdr.csum_offset)) {
            vn->rx_dropped++;
            return;
        }
        csum_ok = true;
        break;
    case RR_VNET_RX_UNCHECKED:
        break;
    }
    if (vn->debug)
        rr_vnet_count(vn, "received", &vn->rx_frames);
    else
        vn->rx_frames++;
    if (vn->net.rx)
        vn->net.rx(&vn->net, frame, frame_len, csum_ok);
    else
        vn->rx_dropped++;
}

void rr_vnet_rx_done(struct rr_virtq *vq)
{
    struct vnet *vn = vq->data;
    uint8_t *buf;
    uint32_t len;
    bool offered = false;
    while ((buf = rr_virtq_get(vq, &len)) != NULL) {
        deliver(vn, buf, len);
        /* The descriptors just freed are enough for this buffer: this cannot fail. */
        RR_ASSERT(offer(vn, buf) == 0);
        offered = true;
    }
    if (offered)
        rr_virtq_kick(vq);
}
