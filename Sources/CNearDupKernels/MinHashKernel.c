#include "NearDupKernels.h"

void neardup_minhash_sign_portable(const uint64_t *shingles, size_t shingle_count, const uint32_t *multipliers,
                                   const uint32_t *increments, uint32_t *signature, size_t slot_count) {
    for (size_t slot = 0; slot < slot_count; slot++) {
        signature[slot] = UINT32_MAX;
    }
    for (size_t index = 0; index < shingle_count; index++) {
        uint32_t key = (uint32_t)(shingles[index] >> 32);
        for (size_t slot = 0; slot < slot_count; slot++) {
            uint32_t value = multipliers[slot] * key + increments[slot];
            signature[slot] = value < signature[slot] ? value : signature[slot];
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// Slots per AVX2 pass: eight vectors of eight slots stay in registers while every shingle streams by.
enum { avx2_block = 64 };

__attribute__((target("avx2"))) static void sign_avx2(const uint64_t *shingles, size_t shingle_count,
                                                      const uint32_t *multipliers, const uint32_t *increments,
                                                      uint32_t *signature, size_t slot_count) {
    size_t slot = 0;
    for (; slot + avx2_block <= slot_count; slot += avx2_block) {
        __m256i a[8], b[8], minimum[8];
        for (int lane = 0; lane < 8; lane++) {
            a[lane] = _mm256_loadu_si256((const __m256i *)(multipliers + slot + 8 * lane));
            b[lane] = _mm256_loadu_si256((const __m256i *)(increments + slot + 8 * lane));
            minimum[lane] = _mm256_set1_epi32(-1);
        }
        for (size_t index = 0; index < shingle_count; index++) {
            __m256i key = _mm256_set1_epi32((int)(uint32_t)(shingles[index] >> 32));
            for (int lane = 0; lane < 8; lane++) {
                __m256i value = _mm256_add_epi32(_mm256_mullo_epi32(a[lane], key), b[lane]);
                minimum[lane] = _mm256_min_epu32(minimum[lane], value);
            }
        }
        for (int lane = 0; lane < 8; lane++) {
            _mm256_storeu_si256((__m256i *)(signature + slot + 8 * lane), minimum[lane]);
        }
    }
    if (slot < slot_count) {
        neardup_minhash_sign_portable(shingles, shingle_count, multipliers + slot, increments + slot, signature + slot,
                      slot_count - slot);
    }
}

void neardup_minhash_sign(const uint64_t *shingles, size_t shingle_count, const uint32_t *multipliers,
                          const uint32_t *increments, uint32_t *signature, size_t slot_count) {
    if (__builtin_cpu_supports("avx2")) {
        sign_avx2(shingles, shingle_count, multipliers, increments, signature, slot_count);
    } else {
        neardup_minhash_sign_portable(shingles, shingle_count, multipliers, increments, signature, slot_count);
    }
}
#else
void neardup_minhash_sign(const uint64_t *shingles, size_t shingle_count, const uint32_t *multipliers,
                          const uint32_t *increments, uint32_t *signature, size_t slot_count) {
    neardup_minhash_sign_portable(shingles, shingle_count, multipliers, increments, signature, slot_count);
}
#endif
