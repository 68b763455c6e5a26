#ifndef NEARDUP_KERNELS_H
#define NEARDUP_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Computes a MinHash signature (signature format version 2).
///
/// Slot `i` is the minimum, over the shingle hashes `h`, of
/// `(uint32_t)(multipliers[i] * (uint32_t)(h >> 32) + increments[i])` (arithmetic mod 2^32);
/// with no shingles every slot is `UINT32_MAX`.
///
/// On x86-64 CPUs with AVX2 the slots are computed eight at a time; the result is the same bit for
/// bit on every CPU. This is the hot loop of the whole pipeline, which is why it is C: Swift cannot
/// compile one function for AVX2 and choose it at run time without package-wide unsafe flags.
///
/// - Parameters:
///   - shingles: `shingle_count` 64-bit shingle hashes, in any order.
///   - multipliers: `slot_count` odd 32-bit multipliers.
///   - increments: `slot_count` 32-bit increments.
///   - signature: `slot_count` slots, overwritten.
void neardup_minhash_sign(const uint64_t *shingles, size_t shingle_count, const uint32_t *multipliers,
                          const uint32_t *increments, uint32_t *signature, size_t slot_count);

/// `neardup_minhash_sign` without vector instructions, whatever the CPU; for tests that prove the
/// vector path computes the same signatures.
void neardup_minhash_sign_portable(const uint64_t *shingles, size_t shingle_count, const uint32_t *multipliers,
                                   const uint32_t *increments, uint32_t *signature, size_t slot_count);

#endif
