#ifndef NEARDUP_KERNELS_H
#define NEARDUP_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Computes a MinHash signature (the slot function of signature formats 2 and 3).
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

/// Whether the fast path of the `news` normalization applies to `text` (UTF-8): each of its
/// characters beyond ASCII is a Latin-1 separator that stays one through NFKC and case folding
/// (no-break space, `©`, `«»`, `°`, …) or in General Punctuation (U+2000–U+206F) other than U+2017 and
/// U+203E, whose compatibility forms carry a combining mark. Such characters separate words on both
/// paths, so the byte-level normalization gives the Unicode path's result.
bool neardup_normalize_admits(const uint8_t *text, size_t count);

/// The `news` normalization of one paragraph on the byte-level fast path: ASCII letters and digits
/// make words (letters lowercased), every other byte separates them, and words are joined by one
/// space. On x86-64 it runs 64 bytes at a time with SSE2 vectors.
///
/// - Parameters:
///   - text: `count` bytes of UTF-8.
///   - output: Room for `count + 16` bytes: the normalized text, then scratch.
///   - output_length: Set to the normalized text's length (at most `count`).
///   - word_starts, word_ends: Room for `(count + 1) / 2` offsets each: where each word starts in
///     `output`, and just past its end.
///   - scratch: Room for `count + 64` bytes, overwritten.
/// - Returns: The number of words, or -1 (and nothing written) when `neardup_normalize_admits` is
///   false and the Unicode path must run instead.
ptrdiff_t neardup_normalize_fast(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                 int32_t *word_starts, int32_t *word_ends, uint8_t *scratch);

/// `neardup_normalize_fast` one byte at a time, without vectors, whatever the CPU (`output` needs
/// only `count` bytes); for tests that prove the vector path gives the same result.
ptrdiff_t neardup_normalize_fast_portable(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                          int32_t *word_starts, int32_t *word_ends);

/// Sorts `values` in ascending order and moves its distinct values to the front.
/// - Returns: The number of distinct values, now `values[0..<result]`.
/// - Complexity: O(*n*) for uniform hashes (a bucket sort on the top bits), O(*n* log *n*) for any
///   input (each bucket is sorted by introsort).
size_t neardup_sort_unique(uint64_t *values, size_t count);

/// The length of the longest prefix of `bytes` that a JSON string holds as it is: no control
/// character (below 0x20), `"` or `\`. On x86-64 it looks at 16 bytes at a time with SSE2.
size_t neardup_json_plain_length(const uint8_t *bytes, size_t count);

/// Gives the heap's free pages back to the system (glibc's `malloc_trim`; nothing elsewhere), so
/// that memory freed by one stage stops counting as resident while the next allocates its own.
void neardup_release_free_memory(void);

/// The process's resident memory in bytes (`/proc/self/statm`), or -1 where it cannot be read.
long long neardup_resident_bytes(void);

#endif
