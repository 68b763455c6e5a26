internal import CXXHash

/// XXH3-64, the one hash NearDup uses for shingles, band keys and exact-text fingerprints.
///
/// This is the only file that imports the C library (`libxxhash`, Debian's `libxxhash-dev`).
/// It wraps `XXH3_64bits_withSeed`, whose output is stable across versions, machines and
/// endianness (xxHash's documented guarantee for XXH3 since 0.8.0).
enum XXH3 {
    /// Hashes `count` bytes at `bytes` with `seed` (`XXH3_64bits_withSeed`).
    static func hash(_ bytes: UnsafeRawPointer?, count: Int, seed: UInt64) -> UInt64 {
        XXH3_64bits_withSeed(bytes, count, seed)
    }

    /// Hashes the bytes of `buffer` with `seed`.
    static func hash(_ buffer: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        XXH3_64bits_withSeed(buffer.baseAddress, buffer.count, seed)
    }
}
