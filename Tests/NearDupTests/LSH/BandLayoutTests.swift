import Foundation
import Testing

@testable import NearDup

@Suite struct BandLayoutTests {
    /// `1 − (1 − J^r)^b · (1 − J^rest)`, with powers by repeated multiplication.
    static func closedForm(_ layout: BandLayout, _ j: Double) -> Double {
        func power(_ base: Double, _ exponent: Int) -> Double { (0..<exponent).reduce(1) { value, _ in value * base } }
        let rest = layout.remainderRows > 0 ? 1 - power(j, layout.remainderRows) : 1
        return 1 - power(1 - power(j, layout.rowsPerBand), layout.fullBandCount) * rest
    }

    @Test func defaultNewsLayout() {
        let layout = BandLayout.forThreshold(0.5, permutationCount: 128, candidateProbability: 0.95)
        #expect(layout.rowsPerBand == 3)
        #expect(layout.fullBandCount == 42)
        #expect(layout.remainderRows == 2)
        #expect(layout.bandCount == 43)
        #expect(layout.permutationCount == 128)
        #expect(layout.candidateProbability(atJaccard: 0.5) >= 0.95)
        for rows in 4...128 {
            let wider = BandLayout(permutationCount: 128, rowsPerBand: rows)
            #expect(wider.candidateProbability(atJaccard: 0.5) < 0.95, "\(rows) rows")
        }
    }

    @Test(arguments: [1, 3, 5, 7, 64, 100, 128])
    func bandsCoverEverySlotExactlyOnce(rows: Int) {
        let layout = BandLayout(permutationCount: 128, rowsPerBand: rows)
        let slots = (0..<layout.bandCount).flatMap { Array(layout.slots(ofBand: $0)) }
        #expect(slots == Array(0..<128))
        #expect(layout.slots(ofBand: 0).count == rows)
        #expect(layout.fullBandCount * rows + layout.remainderRows == 128)
        #expect(layout.remainderRows < rows)
    }

    @Test(arguments: [(128, 3), (128, 5), (128, 7), (64, 4), (256, 9), (100, 100)])
    func probabilityFollowsTheClosedForm(permutationCount: Int, rows: Int) {
        let layout = BandLayout(permutationCount: permutationCount, rowsPerBand: rows)
        for j in [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9] {
            #expect(abs(layout.candidateProbability(atJaccard: j) - Self.closedForm(layout, j)) < 1e-12, "J = \(j)")
        }
        #expect(layout.candidateProbability(atJaccard: 0) == 0)
        #expect(layout.candidateProbability(atJaccard: 1) == 1)
        var previous = 0.0
        for step in 1...100 {
            let probability = layout.candidateProbability(atJaccard: Double(step) / 100)
            #expect(probability >= previous, "J = \(Double(step) / 100)")
            previous = probability
        }
    }

    @Test func handComputedProbabilities() {
        // r = 3, b = 42, rest 2 at J = 0.5: 1 − 0.875^42 · 0.75.
        let news = BandLayout(permutationCount: 128, rowsPerBand: 3)
        #expect(abs(news.candidateProbability(atJaccard: 0.5) - 0.997_249_577) < 1e-8)
        // r = 4, b = 32 at J = 0.5: 1 − 0.9375^32.
        let four = BandLayout(permutationCount: 128, rowsPerBand: 4)
        #expect(abs(four.candidateProbability(atJaccard: 0.5) - 0.873_211_214) < 1e-8)
        #expect(four.remainderRows == 0 && four.bandCount == 32)
    }

    @Test(arguments: [0.3, 0.5, 0.7, 0.9], [64, 128, 256])
    func chosenLayoutHasTheMostRowsThatReachTheProbability(threshold: Double, permutationCount: Int) {
        let layout = BandLayout.forThreshold(threshold, permutationCount: permutationCount, candidateProbability: 0.95)
        #expect(layout.permutationCount == permutationCount)
        #expect(layout.candidateProbability(atJaccard: threshold) >= 0.95)
        if layout.rowsPerBand < permutationCount {
            let wider = BandLayout(permutationCount: permutationCount, rowsPerBand: layout.rowsPerBand + 1)
            #expect(wider.candidateProbability(atJaccard: threshold) < 0.95)
        }
        // A higher threshold never needs fewer rows per band.
        if threshold < 0.9 {
            let higher = BandLayout.forThreshold(
                threshold + 0.2, permutationCount: permutationCount, candidateProbability: 0.95)
            #expect(higher.rowsPerBand >= layout.rowsPerBand)
        }
    }

    /// Band keys as `SignatureFormat` specifies them: XXH3 of the band's slots as little-endian
    /// UInt32, seeded with the band index.
    static func bandKeys(of signature: [UInt32], layout: BandLayout) -> [UInt64] {
        (0..<layout.bandCount).map { band in
            var bytes: [UInt8] = []
            for slot in layout.slots(ofBand: band) {
                withUnsafeBytes(of: signature[slot].littleEndian) { bytes.append(contentsOf: $0) }
            }
            return bytes.withUnsafeBytes { XXH3.hash($0, seed: UInt64(band)) }
        }
    }

    @Test func bandKeysMatchThePreparedCorpus() throws {
        let options = NearDupOptions()
        let layout = BandLayout.forThreshold(0.5, permutationCount: 128, candidateProbability: 0.95)
        let hasher = MinHasher(permutationCount: 128)
        let text = try Kernel.seed("001")
        var preparer = DocumentPreparer(options: options, layout: layout, hasher: hasher)
        let corpus = preparer.prepare([Document(id: "001", text: text)], range: 0..<1)
        let paragraphs = Kernel.paragraphs(text, .lines)
        #expect(corpus.paragraphCount == paragraphs.count)
        let first = Kernel.shingles(paragraphs[0])
        #expect(corpus.keyRows[0] == 0)
        let expected = Self.bandKeys(of: hasher.signature(of: first), layout: layout)
        #expect(Array(corpus.bandKeys(ofParagraph: 0)) == expected.map { UInt32(truncatingIfNeeded: $0) })
    }

    /// 400 random pairs with exact Jaccard 0.5: the share LSH proposes matches the layout's prediction.
    @Test(arguments: [3, 5, 7])
    func candidateShareMatchesThePrediction(rows: Int) {
        let layout = BandLayout(permutationCount: 128, rowsPerBand: rows)
        let hasher = MinHasher(permutationCount: 128)
        var random = SplitMix64(seed: 0x5EED + UInt64(rows))
        let pairCount = 400
        var keys: [UInt32] = []
        for _ in 0..<pairCount {
            let (first, second) = Kernel.randomPair(shared: 50, exclusive: 25, random: &random)
            for set in [first, second] {
                keys += Self.bandKeys(of: hasher.signature(of: set), layout: layout).map {
                    UInt32(truncatingIfNeeded: $0)
                }
            }
        }
        let finder = CandidateFinder(layout: layout, maximumBucketSize: 2_000, threads: 2)
        let result = finder.candidates(bandKeys: keys, rows: (0..<Int32(2 * pairCount)).map { $0 })
        // Typed closure: with GRDB's SQL operators in the build, the untyped one is too slow to type-check.
        let partners = Set(
            (0..<pairCount).map { (pair: Int) -> UInt64 in UnorderedPair.pack(Int32(2 * pair), Int32(2 * pair + 1)) })
        let found = result.pairs.filter { partners.contains($0) }.count
        let share = Double(found) / Double(pairCount)
        let predicted = layout.candidateProbability(atJaccard: 0.5)
        #expect(abs(share - predicted) < 0.08, "share \(share), predicted \(predicted)")
        // Unrelated sets (Jaccard 0) never share a band.
        #expect(found == result.pairs.count)
        #expect(result.oversizedBuckets == 0)
    }
}
