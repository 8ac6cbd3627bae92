/*
 * Mount-time checks (ECMA-119 8): the volume descriptor set from block 16 up
 * to its terminator, the primary descriptor's geometry, and the root
 * directory, whose first record also says whether SUSP (and so Rock Ridge) is
 * in use (the SP entry, SUSP 5.3). Every refusal names what is wrong.
 */
#include "iso9660_fs.h"

#define SP_LENGTH 7

static bool both_orders_agree16(const uint8_t *p)
{
    return iso_le16(p) == iso_be16(p + 2);
}

static bool both_orders_agree32(const uint8_t *p)
{
    return iso_le32(p) == iso_be32(p + 4);
}

/* Reads one descriptor block (bypassing the cache's volume bound, which is not known yet). */
static int read_descriptor(struct iso_fs *fs, uint32_t block, uint8_t *buf)
{
    return rr_blk_read(fs->dev, (uint64_t)block * ISO_BLOCK_SECTORS, ISO_BLOCK_SECTORS, buf);
}

static int find_primary(struct iso_fs *fs, uint8_t *pvd, uint8_t *buf, char *err, size_t errlen)
{
    uint64_t device_blocks = fs->dev->sectors / ISO_BLOCK_SECTORS;
    bool have_primary = false;
    for (uint32_t i = 0; i < ISO_MAX_DESCRIPTORS; i++) {
        uint32_t block = ISO_FIRST_VD_BLOCK + i;
        if (block >= device_blocks) {
            rr_snprintf(err, errlen, "the volume descriptor set has no terminator before the end of the device");
            return -EINVAL;
        }
        int e = read_descriptor(fs, block, buf);
        if (e) {
            rr_snprintf(err, errlen, "reading volume descriptor block %u failed (%d)", block, e);
            return -EIO;
        }
        if (rr_memcmp(buf + ISO_VD_ID, "CD001", 5) != 0 || buf[ISO_VD_VERSION] != 1) {
            rr_snprintf(err, errlen, "volume descriptor at block %u: no CD001 identifier of version 1", block);
            return -EINVAL;
        }
        if (buf[ISO_VD_TYPE] == ISO_VD_TERMINATOR) {
            if (have_primary)
                return 0;
            rr_snprintf(err, errlen, "the volume descriptor set has no primary volume descriptor");
            return -EINVAL;
        }
        if (buf[ISO_VD_TYPE] == ISO_VD_PRIMARY && !have_primary) {
            rr_memcpy(pvd, buf, ISO_BLOCK);
            have_primary = true;
        }
    }
    rr_snprintf(err, errlen, "the volume descriptor set has no terminator within %d descriptors", ISO_MAX_DESCRIPTORS);
    return -EINVAL;
}

static int check_primary(struct iso_fs *fs, const uint8_t *pvd, char *err, size_t errlen)
{
    const uint8_t *root = pvd + ISO_PVD_ROOT_RECORD;
    if (!both_orders_agree16(pvd + ISO_PVD_BLOCK_SIZE) || !both_orders_agree32(pvd + ISO_PVD_SPACE_SIZE) ||
        !both_orders_agree32(root + ISO_DR_EXTENT) || !both_orders_agree32(root + ISO_DR_SIZE)) {
        rr_snprintf(err, errlen, "primary volume descriptor: its little- and big-endian copies disagree");
        return -EINVAL;
    }
    uint16_t block_size = iso_le16(pvd + ISO_PVD_BLOCK_SIZE);
    if (block_size != ISO_BLOCK) {
        rr_snprintf(err, errlen, "primary volume descriptor: logical block size %u (only %u is supported)",
                    block_size, ISO_BLOCK);
        return -EINVAL;
    }
    uint32_t space = iso_le32(pvd + ISO_PVD_SPACE_SIZE);
    uint64_t device_blocks = fs->dev->sectors / ISO_BLOCK_SECTORS;
    if (space <= ISO_FIRST_VD_BLOCK + 1) {
        rr_snprintf(err, errlen, "primary volume descriptor: a volume of %u blocks cannot hold the descriptors", space);
        return -EINVAL;
    }
    if (space > device_blocks) {
        rr_snprintf(err, errlen, "primary volume descriptor: a volume of %u blocks on a device of %lu",
                    space, (unsigned long)device_blocks);
        return -EINVAL;
    }
    fs->blocks = space;
    uint32_t extent = iso_le32(root + ISO_DR_EXTENT) + root[ISO_DR_EAR_LENGTH];
    uint32_t size = iso_le32(root + ISO_DR_SIZE);
    if (root[ISO_DR_LENGTH] != ISO_DR_MIN || root[ISO_DR_NAME_LEN] != 1 || !(root[ISO_DR_FLAGS] & ISO_FLAG_DIRECTORY)) {
        rr_snprintf(err, errlen, "primary volume descriptor: the root directory record is malformed");
        return -EINVAL;
    }
    if (extent <= ISO_FIRST_VD_BLOCK || extent >= space || size < ISO_DR_MIN ||
        (uint64_t)extent + (size + ISO_BLOCK - 1) / ISO_BLOCK > space) {
        rr_snprintf(err, errlen, "root directory: %u bytes at block %u do not fit the volume of %u blocks",
                    size, extent, space);
        return -EINVAL;
    }
    fs->root_extent = extent;
    fs->root_size = size;
    return 0;
}

/* SP must open the System Use area of the root's "." record (SUSP 5.3). */
static int check_susp(struct iso_fs *fs, const uint8_t *block, char *err, size_t errlen)
{
    size_t rlen = block[ISO_DR_LENGTH];
    if (rlen < ISO_DR_MIN || block[ISO_DR_NAME_LEN] != 1 || block[ISO_DR_NAME] != 0 ||
        iso_le32(block + ISO_DR_EXTENT) + block[ISO_DR_EAR_LENGTH] != fs->root_extent) {
        rr_snprintf(err, errlen, "root directory at block %u does not start with its \".\" record", fs->root_extent);
        return -EINVAL;
    }
    size_t su = ISO_DR_MIN;   /* "." has a one-byte name: no padding byte */
    const uint8_t *sp = block + su;
    if (rlen - su >= SP_LENGTH && sp[0] == 'S' && sp[1] == 'P' && sp[2] == SP_LENGTH && sp[4] == 0xBE && sp[5] == 0xEF) {
        fs->rock = true;
        fs->susp_skip = sp[6];
    }
    return 0;
}

int iso_volume_open(struct iso_fs *fs, char *err, size_t errlen)
{
    uint8_t *pvd = rr_page_alloc();
    uint8_t *buf = rr_page_alloc();
    int e = -ENOMEM;
    if (!pvd || !buf)
        rr_snprintf(err, errlen, "out of memory");
    else if (!(e = find_primary(fs, pvd, buf, err, errlen)) && !(e = check_primary(fs, pvd, err, errlen))) {
        e = read_descriptor(fs, fs->root_extent, buf);
        if (e) {
            rr_snprintf(err, errlen, "reading the root directory at block %u failed (%d)", fs->root_extent, e);
            e = -EIO;
        } else {
            e = check_susp(fs, buf, err, errlen);
        }
    }
    if (pvd)
        rr_page_free(pvd);
    if (buf)
        rr_page_free(buf);
    return e;
}
