/*
 * rr/virtio_blk.h — the virtio block driver (components/virtio_blk): the
 * device's constants (virtio 1.2 §5.2) and the request planner, which host
 * tests exercise on their own.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* feature bits */
#define RR_VBLK_F_SIZE_MAX  (1ULL << 1)
#define RR_VBLK_F_SEG_MAX   (1ULL << 2)
#define RR_VBLK_F_RO        (1ULL << 5)
#define RR_VBLK_F_FLUSH     (1ULL << 9)

/* configuration space */
#define RR_VBLK_CFG_CAPACITY 0
#define RR_VBLK_CFG_SIZE_MAX 8
#define RR_VBLK_CFG_SEG_MAX  12

/* request types and statuses */
#define RR_VBLK_T_IN     0
#define RR_VBLK_T_OUT    1
#define RR_VBLK_T_FLUSH  4
#define RR_VBLK_T_GET_ID 8
#define RR_VBLK_S_OK     0
#define RR_VBLK_S_IOERR  1
#define RR_VBLK_S_UNSUPP 2

#define RR_VBLK_ID_BYTES 20

/* The header every request starts with (device-readable). */
struct rr_vblk_header {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

/* One data buffer of a request, by physical address. */
struct rr_vblk_seg {
    uint64_t pa;
    uint32_t len;
};

struct rr_vblk_limits {
    uint32_t max_segs;              /* data buffers per request (SEG_MAX, and the ring) */
    uint32_t size_max;              /* bytes per buffer (SIZE_MAX) */
};

/* The physical address of virtual address va, or UINT64_MAX when it has none. */
typedef uint64_t (*rr_vblk_xlate_fn)(uintptr_t va);

/* Plans one request over [va, va + len): physically contiguous pieces merged,
 * each at most size_max bytes, at most max_segs of them, covering a whole
 * number of sectors. Returns the bytes covered (a multiple of 512, possibly
 * 0 when not even one sector fits: the caller then bounces) and fills segs
 * (room for max_segs) and *nsegs. */
size_t rr_vblk_plan(uintptr_t va, size_t len, const struct rr_vblk_limits *lim, rr_vblk_xlate_fn xlate,
                    struct rr_vblk_seg *segs, unsigned *nsegs);

/* The serial as the device returned it: up to 20 bytes, NUL-padded only when
 * shorter; copied into out (size outlen) NUL-terminated, printable ASCII only
 * (anything else becomes '?'). */
void rr_vblk_serial(const uint8_t id[RR_VBLK_ID_BYTES], char *out, size_t outlen);
