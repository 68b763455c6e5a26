import Testing

@testable import NearDup

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
        533_365_594, 175_648_814, 64_034_773, 50_883_874, 192_582_377, 507_399_594, 218_935_126, 571_506_851,
    ]

    @Test func goldenSignatureIsStable() {
        let shingles = Kernel.shingles(Self.goldenSentence)
        #expect(shingles.count == 13)
        let signature = MinHasher(permutationCount: 128).signature(of: shingles)
        #expect(signature.count == 128)
        #expect(Array(signature.prefix(8)) == Self.goldenPrefix)
        #expect(SignatureFormat.version == 1)
    }

    /// The signature as `SignatureFormat` describes it, written plainly: parameters drawn as
    /// `a[0], b[0], a[1], b[1], …` from SplitMix64(permutationSeed), `a` forced odd, and slot `i`
    /// the minimum of the high 32 bits of `a[i]·h + b[i]` (mod 2⁶⁴).
    static func referenceSignature(_ shingles: [UInt64], permutationCount: Int) -> [UInt32] {
        var generator = SplitMix64(seed: SignatureFormat.permutationSeed)
        var signature: [UInt32] = []
        for _ in 0..<permutationCount {
            let a = generator.next() | 1
            let b = generator.next()
            var minimum = UInt32.max
            for h in shingles {
                let product = a.multipliedFullWidth(by: h).low
                let (sum, _) = product.addingReportingOverflow(b)
                minimum = min(minimum, UInt32(sum >> 32))
            }
            signature.append(minimum)
        }
        return signature
    }

    @Test(arguments: [(1 as UInt64, 1), (2, 7), (3, 128), (4, 256), (5, 64)])
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
