/// Computes k-slot MinHash signatures from sorted shingle-hash sets with multiply-shift slots.
///
/// Each shingle is hashed once (by `Shingler`); slot `i` then applies the universal
/// multiply-shift map `(a[i] · h + b[i]) >> 32` and keeps the minimum (see `SignatureFormat`).
/// The probability that two signatures agree in a slot estimates the Jaccard similarity of the sets.
public struct MinHasher: Sendable {
    /// The number of slots per signature.
    public let permutationCount: Int
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    /// Creates a hasher with `permutationCount` slots, parameters drawn from `SignatureFormat.permutationSeed`.
    /// - Parameter permutationCount: Slots per signature; at least 1.
    public init(permutationCount: Int) {
        precondition(permutationCount >= 1, "a signature needs at least one slot")
        self.permutationCount = permutationCount
        var generator = SplitMix64(seed: SignatureFormat.permutationSeed)
        var multipliers: [UInt64] = []
        var increments: [UInt64] = []
        multipliers.reserveCapacity(permutationCount)
        increments.reserveCapacity(permutationCount)
        for _ in 0..<permutationCount {
            multipliers.append(generator.next() | 1)
            increments.append(generator.next())
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// Writes the signature of `shingles` into `signature` (`permutationCount` slots).
    /// - Parameters:
    ///   - shingles: Shingle hashes (any order; repeats do not change the result).
    ///   - signature: Exactly `permutationCount` slots, overwritten.
    /// - Complexity: O(*m* · *k*) for *m* shingles and *k* slots.
    public func sign(_ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>) {
        precondition(signature.count == permutationCount, "signature buffer has the wrong length")
        let k = permutationCount
        signature.initialize(repeating: .max)
        multipliers.withUnsafeBufferPointer { a in
            increments.withUnsafeBufferPointer { b in
                for h in shingles {
                    for slot in 0..<k {
                        let value = UInt32(truncatingIfNeeded: (a[slot] &* h &+ b[slot]) &>> 32)
                        if value < signature[slot] { signature[slot] = value }
                    }
                }
            }
        }
    }

    /// Returns the signature of `shingles`.
    /// - Parameter shingles: Shingle hashes.
    /// - Returns: `permutationCount` slot values.
    /// - Complexity: O(*m* · *k*) for *m* shingles and *k* slots.
    public func signature(of shingles: [UInt64]) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: permutationCount) { buffer, initialized in
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
