import Testing

@testable import NearDup

@Suite struct CandidateFinderTests {
    /// Both sorts of a band's keys — by comparison for a few items, by counting on the top 16 bits
    /// for many — give exactly the pairs of a naive grouping by key.
    @Test(arguments: [2, 100, 4_095, 4_096, 6_000])
    func pairsEqualNaiveBuckets(itemCount: Int) {
        let layout = BandLayout(permutationCount: 12, rowsPerBand: 3)
        var random = SplitMix64(seed: 0xB0C4E7 + UInt64(itemCount))
        // Few distinct keys, spread over all 32 bits, so buckets of several items form in every band.
        let distinctKeys = (0..<max(1, itemCount / 3)).map { _ in UInt32(truncatingIfNeeded: random.next()) }
        let keys = (0..<itemCount * layout.bandCount).map { _ in
            distinctKeys[Int(random.next() % UInt64(distinctKeys.count))]
        }
        let finder = CandidateFinder(layout: layout, maximumBucketSize: 2_000, threads: 2)
        let result = finder.candidates(bandKeys: keys, rows: (0..<Int32(itemCount)).map { $0 })

        var expected = Set<UInt64>()
        for band in 0..<layout.bandCount {
            var buckets: [UInt32: [Int32]] = [:]
            for item in 0..<itemCount { buckets[keys[item * layout.bandCount + band], default: []].append(Int32(item)) }
            for members in buckets.values where members.count > 1 {
                for first in members.indices.dropLast() {
                    for second in members[(first + 1)...] {
                        expected.insert(UnorderedPair.pack(members[first], second))
                    }
                }
            }
        }
        #expect(result.pairs == expected.sorted())
        #expect(result.oversizedBuckets == 0)
    }
}
