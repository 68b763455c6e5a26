import CNearDupKernels
import Testing

@_spi(Benchmarks) @testable import NearDup

@Suite struct MinHashTests {
    static let goldenSentence =
        "North Korea confirmed for the first time Monday that it sent troops to fight alongside Russian forces."

    /// The first 8 slots of the 128-slot signature of `goldenSentence`'s word-5 shingles.
    ///
    /// These values are persisted format: if this test fails, signatures written by earlier
    /// versions no longer compare with new ones, and `SignatureFormat.version` must change with
    /// the new values. Cross-checked with an independent Python computation (python-xxhash and
    /// a SplitMix64 written from the paper).
    static let goldenPrefix: [UInt32] = [
        696_951_674, 619_296_189, 422_336_798, 601_422_156, 32_341_993, 45_989_143, 110_677_153, 124_218_230,
    ]

    @Test func goldenSignatureIsStable() {
        let shingles = Kernel.shingles(Self.goldenSentence)
        #expect(shingles.count == 13)
        let signature = MinHasher(permutationCount: 128).signature(of: shingles)
        #expect(signature.count == 128)
        #expect(Array(signature.prefix(8)) == Self.goldenPrefix)
        #expect(SignatureFormat.version == 3)
    }

    /// The signature as `SignatureFormat` describes it, written plainly: parameters drawn as
    /// `a[0], b[0], a[1], b[1], …` from SplitMix64(permutationSeed), truncated to 32 bits, `a`
    /// forced odd, and slot `i` the minimum of `a[i]·x + b[i]` (mod 2³²) over the high halves `x`.
    static func referenceSignature(_ shingles: [UInt64], permutationCount: Int) -> [UInt32] {
        var generator = SplitMix64(seed: SignatureFormat.permutationSeed)
        var signature: [UInt32] = []
        for _ in 0..<permutationCount {
            let a = UInt64(UInt32(truncatingIfNeeded: generator.next()) | 1)
            let b = UInt64(UInt32(truncatingIfNeeded: generator.next()))
            var minimum = UInt32.max
            for h in shingles {
                minimum = min(minimum, UInt32((a * (h >> 32) + b) % (1 << 32)))
            }
            signature.append(minimum)
        }
        return signature
    }

    @Test(arguments: [(1 as UInt64, 1), (2, 7), (3, 128), (4, 256), (5, 64), (6, 100)])
    func signEqualsTheReference(seed: UInt64, permutationCount: Int) {
        var random = SplitMix64(seed: seed)
        let hasher = MinHasher(permutationCount: permutationCount)
        for size in [1, 2, 5, 40, 300] {
            let shingles = (0..<size).map { _ in random.next() }
            #expect(
                hasher.signature(of: shingles) == Self.referenceSignature(shingles, permutationCount: permutationCount),
                "\(size) shingles")
        }
    }

    /// The vector path (AVX2 where the CPU has it) and the portable loop give the same slots,
    /// including slot counts that leave a remainder after the 64-slot vector blocks.
    @Test(arguments: [1, 7, 64, 100, 128, 256])
    func vectorAndPortableLoopsAgree(permutationCount: Int) {
        var random = SplitMix64(seed: UInt64(permutationCount))
        let multipliers = (0..<permutationCount).map { _ in UInt32(truncatingIfNeeded: random.next()) | 1 }
        let increments = (0..<permutationCount).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        for size in [0, 1, 3, 60, 1_000] {
            let shingles = (0..<size).map { _ in random.next() }
            var vector = [UInt32](repeating: 0, count: permutationCount)
            var portable = vector
            neardup_minhash_sign(shingles, size, multipliers, increments, &vector, permutationCount)
            neardup_minhash_sign_portable(shingles, size, multipliers, increments, &portable, permutationCount)
            #expect(vector == portable, "\(size) shingles")
        }
    }

    /// Slots must behave like independent permutations: over many pairs at Jaccard 0.5 the share of
    /// agreeing slots has mean 0.5 and the binomial variance J(1−J)/k. Correlated slots (such as
    /// order-preserving maps, where every slot picks the same minimum) inflate the variance k-fold.
    @Test func slotsAgreeIndependentlyAtTheJaccardRate() {
        var random = SplitMix64(seed: 33)
        let hasher = MinHasher(permutationCount: 128)
        var estimates: [Double] = []
        for _ in 0..<2_000 {
            let (first, second) = Kernel.randomPair(shared: 20, exclusive: 10, random: &random)
            estimates.append(hasher.estimatedJaccard(hasher.signature(of: first), hasher.signature(of: second)))
        }
        let mean = estimates.reduce(0, +) / Double(estimates.count)
        let variance = estimates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(estimates.count)
        let binomial = 0.5 * 0.5 / 128
        #expect(abs(mean - 0.5) < 0.005, "mean \(mean)")
        #expect(variance > 0.85 * binomial && variance < 1.15 * binomial, "variance \(variance / binomial)× binomial")
    }

    @Test func extremeHashesEqualTheReference() {
        let shingles: [UInt64] = [0, 1, .max, .max - 1, 1 << 63, 0xFFFF_FFFF, 0x1_0000_0000]
        let hasher = MinHasher(permutationCount: 32)
        #expect(hasher.signature(of: shingles) == Self.referenceSignature(shingles, permutationCount: 32))
    }

    @Test func emptySetHasEverySlotAtMaximum() {
        let signature = MinHasher(permutationCount: 128).signature(of: [])
        #expect(signature == [UInt32](repeating: .max, count: 128))
    }

    @Test func orderAndRepeatsDoNotChangeTheSignature() {
        var random = SplitMix64(seed: 9)
        let shingles = (0..<50).map { _ in random.next() }
        var shuffled = shingles + shingles.prefix(20)
        shuffled.shuffle(using: &random)
        let hasher = MinHasher(permutationCount: 128)
        #expect(hasher.signature(of: shuffled) == hasher.signature(of: shingles))
        #expect(hasher.signature(of: shingles.sorted()) == hasher.signature(of: shingles))
        #expect(hasher.signature(of: Array(shingles.dropFirst())) != hasher.signature(of: shingles))
    }

    @Test func signWritesIntoABufferOverwritingIt() {
        let hasher = MinHasher(permutationCount: 16)
        let shingles = Kernel.shingles(Self.goldenSentence)
        var buffer = [UInt32](repeating: 7, count: 16)
        shingles.withUnsafeBufferPointer { input in
            buffer.withUnsafeMutableBufferPointer { hasher.sign(input, into: $0) }
        }
        #expect(buffer == hasher.signature(of: shingles))
        #expect(buffer == Array(MinHasher(permutationCount: 128).signature(of: shingles).prefix(16)))
    }

    /// Sets over a union of 200 elements, `shared` of them common: exact Jaccard 0.2, 0.5 and 0.8.
    @Test(arguments: [40, 100, 160], [11 as UInt64, 12, 13, 14, 15])
    func estimateIsCloseToExactJaccard(shared: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let (first, second) = Kernel.randomPair(shared: shared, exclusive: (200 - shared) / 2, random: &random)
        let exact = SetOverlap(sorted: first, second).jaccard
        #expect(exact == Double(shared) / 200)
        let hasher = MinHasher(permutationCount: 256)
        let estimate = hasher.estimatedJaccard(hasher.signature(of: first), hasher.signature(of: second))
        #expect(abs(estimate - exact) < 0.1, "estimate \(estimate), exact \(exact)")
    }

    @Test func identicalAndDisjointSetsEstimateOneAndZero() {
        var random = SplitMix64(seed: 21)
        let (first, second) = Kernel.randomPair(shared: 0, exclusive: 100, random: &random)
        let hasher = MinHasher(permutationCount: 256)
        let signature = hasher.signature(of: first)
        #expect(hasher.estimatedJaccard(signature, signature) == 1)
        #expect(hasher.estimatedJaccard(signature, hasher.signature(of: second)) < 0.02)
    }
}
