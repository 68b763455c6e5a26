/// The fixed constants that make NearDup's shingle hashes and MinHash signatures identical on
/// every machine and every run. Changing any of them changes `version`.
///
/// Version 3:
/// - normalization: every character of a script written without spaces (Han, Hiragana, Katakana,
///   Thai, Lao, Khmer, Myanmar; `TextNormalizer.isUnsegmentedScalar(_:)`) is a word of its own, so
///   word shingles of such text are character n-grams; text in other scripts normalizes as in
///   version 2;
/// - shingle hash: `XXH3_64bits_withSeed(shingleBytes, shingleSeed)`;
/// - exact-copy fingerprint of a paragraph: `XXH3_64bits_withSeed(normalizedText, textSeed)`;
/// - slot `i` of a signature: `min over shingles h of (a[i] &* UInt32(h >> 32) &+ b[i])` in 32-bit
///   arithmetic, where `a[i]` (forced odd) and `b[i]` are the low 32 bits of values drawn
///   alternately from SplitMix64 seeded with `permutationSeed`, as `a[0], b[0], a[1], b[1], …`;
/// - an empty shingle set has every slot `UInt32.max`;
/// - LSH band key: `XXH3_64bits_withSeed(slots of the band as little-endian UInt32, band index)`
///   (the in-memory batch engine buckets on its low 32 bits; see `CandidateFinder`).
///
/// Version 2 normalized a run of such characters as one word (so a Chinese paragraph had no
/// shingles to match); its indexes must be rebuilt. Version 1 computed slot `i` as the high 32
/// bits of `a[i] &* h &+ b[i]` with 64-bit `a`, `b` (seed "MINHASH1"). Version 2's 32-bit affine permutations give estimates of the same quality
/// (`MinHashTests` checks mean and variance) and vectorise eight slots per AVX2 instruction, which
/// made signing about 18× faster (5.5 ns instead of 102 ns per shingle for 128 slots).
public enum SignatureFormat {
    /// The format version; stored with anything persisted.
    public static let version = 3
    /// The XXH3 seed for shingle hashes ("NEARDUP1" in ASCII).
    public static let shingleSeed: UInt64 = 0x4E45_4152_4455_5031
    /// The XXH3 seed for a paragraph's whole normalized text, which recognises exact copies.
    public static let textSeed: UInt64 = shingleSeed ^ 1
    /// The SplitMix64 seed for MinHash permutation parameters ("MINHASH2" in ASCII).
    public static let permutationSeed: UInt64 = 0x4D49_4E48_4153_4832
}
