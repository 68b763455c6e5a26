import CNearDupKernels

/// Computes k-slot MinHash signatures from shingle-hash sets.
///
/// Each shingle is hashed once (by `Shingler`); slot `i` then maps the hash's high 32 bits `x`
/// through the odd-multiplier affine permutation `a[i] · x + b[i]` (mod 2³²) and keeps the minimum
/// (see `SignatureFormat`). The probability that two signatures agree in a slot estimates the
/// Jaccard similarity of the sets. The slot loop runs in C, eight slots per instruction on AVX2.
public struct MinHasher: Sendable {
    /// The number of slots per signature.
    public let permutationCount: Int
    private let multipliers: [UInt32]
    private let increments: [UInt32]

    /// Creates a hasher with `permutationCount` slots, parameters drawn from `SignatureFormat.permutationSeed`.
    /// - Parameter permutationCount: Slots per signature; at least 1.
    public init(permutationCount: Int) {
        precondition(permutationCount >= 1, "a signature needs at least one slot")
        self.permutationCount = permutationCount
        var generator = SplitMix64(seed: SignatureFormat.permutationSeed)
        var multipliers: [UInt32] = []
        var increments: [UInt32] = []
        multipliers.reserveCapacity(permutationCount)
        increments.reserveCapacity(permutationCount)
        for _ in 0..<permutationCount {
            multipliers.append(UInt32(truncatingIfNeeded: generator.next()) | 1)
            increments.append(UInt32(truncatingIfNeeded: generator.next()))
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// Writes the signature of `shingles` into `signature` (`permutationCount` slots).
    ///
    /// Not API: raw buffers stay out of the public surface (use `signature(of:)`). The pipeline
    /// calls it, and the benchmark package through `@_spi(Benchmarks) import NearDup`.
    /// - Parameters:
    ///   - shingles: Shingle hashes (any order; repeats do not change the result).
    ///   - signature: Exactly `permutationCount` slots, overwritten.
    /// - Complexity: O(*m* · *k*) for *m* shingles and *k* slots.
    @_spi(Benchmarks) public func sign(
        _ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>
    ) {
        precondition(signature.count == permutationCount, "signature buffer has the wrong length")
        // Safety: a, b and signature hold permutationCount slots (checked above); shingles holds its count.
        multipliers.withUnsafeBufferPointer { a in
            increments.withUnsafeBufferPointer { b in
                neardup_minhash_sign(
                    shingles.baseAddress, shingles.count, a.baseAddress, b.baseAddress, signature.baseAddress,
                    permutationCount)
            }
        }
    }

    /// Returns the signature of `shingles`.
    /// - Parameter shingles: Shingle hashes.
    /// - Returns: `permutationCount` slot values.
    /// - Complexity: O(*m* · *k*) for *m* shingles and *k* slots.
    public func signature(of shingles: [UInt64]) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: permutationCount) { buffer, initialized in
            // Safety: sign writes every one of the permutationCount slots, so all of them are initialized.
            shingles.withUnsafeBufferPointer { sign($0, into: buffer) }
            initialized = permutationCount
        }
    }

    /// The share of slots in which two signatures agree: an unbiased estimate of the Jaccard
    /// similarity of the sets they were computed from.
    /// - Parameters:
    ///   - first: A signature from this hasher.
    ///   - second: Another signature from this hasher.
    /// - Returns: A value in 0…1.
    /// - Complexity: O(*k*).
    public func estimatedJaccard(_ first: [UInt32], _ second: [UInt32]) -> Double {
        precondition(first.count == permutationCount && second.count == permutationCount)
        var equal = 0
        for slot in 0..<permutationCount where first[slot] == second[slot] { equal += 1 }
        return Double(equal) / Double(permutationCount)
    }
}
