/*
 * The platform's random generator: ChaCha20 in counter mode under a 256-bit
 * key. The key mixes RDSEED/RDRAND output where the CPU has it, several TSC
 * readings and the configuration's seed, never a fixed value. After each
 * request the key is replaced by fresh output ("fast key erasure"), so a
 * later compromise of the state reveals nothing already handed out.
 */
#include <rr/kern.h>
#include <rr/random.h>
#include <rr/x86.h>

static uint32_t key[8];
static uint64_t counter;
static bool keyed;

static bool hw_random(bool seed, uint64_t *v)
{
    for (int tries = 0; tries < 32; tries++) {
        uint8_t ok;
        if (seed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
        else
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        if (ok)
            return true;
    }
    return false;
}

static void next_block(uint8_t out[64])
{
    uint32_t nonce[3] = { (uint32_t)(counter >> 32), 0, 0 };
    rr_chacha20_block(key, (uint32_t)counter, nonce, out);
    counter++;
}

void rr_random_init(const uint8_t *seed, size_t seed_len)
{
    uint32_t r[4];
    rr_cpuid(1, 0, r);
    bool has_rdrand = r[2] & (1u << 30);
    rr_cpuid(7, 0, r);
    bool has_rdseed = r[1] & (1u << 18);

    uint8_t material[32];
    rr_memcpy(material, key, sizeof(material));     /* keep whatever an early caller mixed in */
    for (int i = 0; i < 4; i++) {
        uint64_t v = 0, w = 0;
        if (has_rdseed && hw_random(true, &w))
            v ^= w;
        if (has_rdrand && hw_random(false, &w))
            v ^= w;
        v ^= rr_rdtsc() * 0x9e3779b97f4a7c15ULL;
        for (int b = 0; b < 8; b++)
            material[i * 8 + b] ^= (uint8_t)(v >> (8 * b));
    }
    for (size_t i = 0; i < seed_len; i++)
        material[i % 32] ^= seed[i];
    rr_memcpy(key, material, sizeof(key));
    uint8_t block[64];
    next_block(block);          /* the key in use is output, not the raw material */
    rr_memcpy(key, block, sizeof(key));
    rr_memset(block, 0, sizeof(block));
    rr_memset(material, 0, sizeof(material));
    keyed = true;
}

void rr_random_bytes(void *buf, size_t n)
{
    if (!keyed)
        rr_random_init(NULL, 0);
    uint8_t block[64], *out = buf;
    while (n) {
        next_block(block);
        size_t k = n < sizeof(block) ? n : sizeof(block);
        rr_memcpy(out, block, k);
        out += k;
        n -= k;
    }
    next_block(block);
    rr_memcpy(key, block, sizeof(key));
    rr_memset(block, 0, sizeof(block));
}

/* Re-keys from the current key and the new bytes, 32 at a time: each step
 * XORs a chunk into the key and replaces the key with ChaCha20 output under
 * it. The output under an unknown key stays unknown whatever the chunk is,
 * and a known key becomes unknown once a chunk carries entropy. The nonce
 * (a label and the chunk's length) keeps these blocks apart from the ones
 * rr_random_bytes hands out. */
void rr_random_add_entropy(const void *buf, size_t n)
{
    if (!keyed)
        rr_random_init(NULL, 0);
    const uint8_t *in = buf;
    uint8_t block[64];
    while (n) {
        size_t k = n < 32 ? n : 32;
        uint8_t *kb = (uint8_t *)key;
        for (size_t i = 0; i < k; i++)
            kb[i] ^= in[i];
        const uint32_t nonce[3] = { 0x79706e65u /* "enpy" */, (uint32_t)k, 0xffffffffu };
        rr_chacha20_block(key, 0, nonce, block);
        rr_memcpy(key, block, sizeof(key));
        in += k;
        n -= k;
    }
    rr_memset(block, 0, sizeof(block));
}
