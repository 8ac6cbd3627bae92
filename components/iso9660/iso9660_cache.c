/*
 * The block cache: pages of two 2048-byte blocks, least recently used out.
 * Pages come from the page allocator because they are identity mapped, which
 * block drivers need for their transfers (heap blocks above 1 KiB are not).
 *
 * A read blocks the calling thread while others run, so no slot is held
 * across it: the fresh page is installed only after the read completes, and
 * a page another thread installed meanwhile wins. Callers copy what they need
 * before their next call that may block.
 */
#include "iso9660_fs.h"

#define PAIR_SECTORS (2 * ISO_BLOCK_SECTORS)

static struct iso_cache_slot *find(struct iso_fs *fs, uint32_t pair)
{
    for (size_t i = 0; i < ISO_CACHE_SLOTS; i++)
        if (fs->cache[i].page && fs->cache[i].pair == pair)
            return &fs->cache[i];
    return NULL;
}

static struct iso_cache_slot *victim(struct iso_fs *fs)
{
    struct iso_cache_slot *best = &fs->cache[0];
    for (size_t i = 0; i < ISO_CACHE_SLOTS; i++) {
        struct iso_cache_slot *s = &fs->cache[i];
        if (!s->page)
            return s;
        if (s->used < best->used)
            best = s;
    }
    return best;
}

static int load(struct iso_fs *fs, uint32_t pair, struct iso_cache_slot **out)
{
    uint64_t first = (uint64_t)pair * PAIR_SECTORS;
    uint64_t count = fs->dev->sectors - first;   /* the caller checked that first is inside */
    if (count > PAIR_SECTORS)
        count = PAIR_SECTORS;
    uint8_t *page = rr_page_alloc();
    if (!page)
        return -ENOMEM;
    int e = rr_blk_read(fs->dev, first, (uint32_t)count, page);
    if (e) {
        rr_page_free(page);
        return iso_corrupt(fs, "reading sectors %lu..%lu failed (%d)", (unsigned long)first,
                           (unsigned long)(first + count - 1), e);
    }
    struct iso_cache_slot *s = find(fs, pair);
    if (s) {
        rr_page_free(page);
    } else {
        s = victim(fs);
        if (s->page)
            rr_page_free(s->page);
        s->page = page;
        s->pair = pair;
    }
    *out = s;
    return 0;
}

int iso_block(struct iso_fs *fs, uint32_t lba, const uint8_t **out)
{
    if (lba >= fs->blocks)
        return iso_corrupt(fs, "block %u is outside the volume of %u blocks", lba, fs->blocks);
    uint32_t pair = lba / 2;
    struct iso_cache_slot *s = find(fs, pair);
    if (!s) {
        int e = load(fs, pair, &s);
        if (e)
            return e;
    }
    s->used = ++fs->cache_clock;
    *out = s->page + (lba % 2) * ISO_BLOCK;
    return 0;
}

int iso_read_bytes(struct iso_fs *fs, uint64_t pos, void *buf, size_t len)
{
    uint8_t *dst = buf;
    while (len) {
        uint64_t lba = pos / ISO_BLOCK;
        if (lba >= fs->blocks)
            return iso_corrupt(fs, "byte %lu is outside the volume", (unsigned long)pos);
        const uint8_t *block;
        int e = iso_block(fs, (uint32_t)lba, &block);
        if (e)
            return e;
        size_t in = pos % ISO_BLOCK;
        size_t n = ISO_BLOCK - in < len ? ISO_BLOCK - in : len;
        rr_memcpy(dst, block + in, n);
        dst += n;
        pos += n;
        len -= n;
    }
    return 0;
}

void iso_cache_drop(struct iso_fs *fs)
{
    for (size_t i = 0; i < ISO_CACHE_SLOTS; i++) {
        if (fs->cache[i].page)
            rr_page_free(fs->cache[i].page);
        fs->cache[i].page = NULL;
    }
}
