/*
 * rr/random.h — the generator behind rr_random_bytes() (kern/random.c) and
 * its block function (kern/chacha20.c).
 */
#pragma once

#include <stdint.h>
#include <stddef.h>

void rr_chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3], uint8_t out[64]);
/* Keys the generator from RDSEED/RDRAND (when the CPU has them), the TSC and
 * the configuration's seed. Until then rr_random_bytes keys itself without
 * the seed. */
void rr_random_init(const uint8_t *seed, size_t seed_len);
/* Mixes n bytes from an entropy source (a device, say) into the generator's
 * key; never lowers what the key already holds. */
void rr_random_add_entropy(const void *buf, size_t n);
