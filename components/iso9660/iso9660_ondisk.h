/*
 * The on-disk layout this component reads (ECMA-119 volume descriptors and
 * directory records; SUSP and Rock Ridge entry signatures). Offsets are byte
 * positions from the start of the structure. Multi-byte numbers in ISO 9660
 * are stored twice ("both-byte order"): the little-endian copy comes first.
 */
#pragma once

#include <stdint.h>

#define ISO_BLOCK           2048u
#define ISO_BLOCK_SECTORS   (ISO_BLOCK / 512u)
#define ISO_FIRST_VD_BLOCK  16u
#define ISO_MAX_DESCRIPTORS 64u     /* a real set has a handful; this bounds a corrupt one */

/* volume descriptor */
#define ISO_VD_TYPE         0
#define ISO_VD_ID           1       /* "CD001" */
#define ISO_VD_VERSION      6
#define ISO_VD_PRIMARY      1
#define ISO_VD_TERMINATOR   255
#define ISO_PVD_SPACE_SIZE  80      /* both-order 32: blocks in the volume */
#define ISO_PVD_SET_SIZE    120     /* both-order 16 */
#define ISO_PVD_SEQUENCE    124     /* both-order 16 */
#define ISO_PVD_BLOCK_SIZE  128     /* both-order 16 */
#define ISO_PVD_ROOT_RECORD 156     /* a 34-byte directory record */

/* directory record */
#define ISO_DR_LENGTH       0
#define ISO_DR_EAR_LENGTH   1       /* extended attribute record, in blocks before the data */
#define ISO_DR_EXTENT       2       /* both-order 32 */
#define ISO_DR_SIZE         10      /* both-order 32 */
#define ISO_DR_TIME         18      /* 7 bytes */
#define ISO_DR_FLAGS        25
#define ISO_DR_NAME_LEN     32
#define ISO_DR_NAME         33
#define ISO_DR_MIN          34      /* header plus a one-byte name */

#define ISO_FLAG_DIRECTORY  0x02
#define ISO_FLAG_MULTI      0x80    /* more extents of this file follow in the next record */

/* SUSP (IEEE P1281) and Rock Ridge (IEEE P1282) entries: 2-byte signature, length, version */
#define SUSP_HEADER         4
#define SUSP_SIG(a, b)      ((uint16_t)((uint8_t)(a) << 8 | (uint8_t)(b)))

static inline uint16_t iso_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint16_t iso_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t iso_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint32_t iso_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}
