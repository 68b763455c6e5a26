import Testing

@testable import NearDup

@Suite struct BandBucketsTests {
    /// Both sorts — by comparison for few items, by counting for many — sort by key, then item.
    @Test(arguments: [0, 1, 5, BandBuckets.countingSortMinimum - 1, BandBuckets.countingSortMinimum + 7])
    func fillSortsByKeyThenItem(itemCount: Int) {
        var random = SplitMix64(seed: 0xB0C4 + UInt64(itemCount))
        let keys = (0..<itemCount).map { _ in UInt32(truncatingIfNeeded: random.next() % 97) << 25 }
        var buckets = BandBuckets()
        buckets.fill(keysOfItems: keys[...])
        let expected = keys.enumerated().map { KeyedItem.pack(key: $0.element, item: $0.offset) }.sorted()
        #expect(buckets.entries == expected)
        #expect(buckets.distinctKeys == Array(Set(keys)).sorted())
    }

    @Test func pairsEveryTwoMembersOfABucket() {
        var buckets = BandBuckets()
        buckets.fill(keysOfItems: [9, 4, 9, 9, 4, 1][...])
        var pairs: [UInt64] = []
        #expect(buckets.appendPairs(maximumBucketSize: 3, to: &pairs) == 0)
        let expected: [(Int32, Int32)] = [(1, 4), (0, 2), (0, 3), (2, 3)]
        #expect(pairs == expected.map { UnorderedPair.pack($0.0, $0.1) })
    }

    /// A bucket past the maximum size pairs its members with its first item only.
    @Test func oversizedBucketIsPairedStarWise() {
        var buckets = BandBuckets()
        buckets.fill(keysOfItems: [5, 5, 5, 5][...])
        var pairs: [UInt64] = []
        #expect(buckets.appendPairs(maximumBucketSize: 3, to: &pairs) == 1)
        #expect(pairs == [(0, 1), (0, 2), (0, 3)].map { UnorderedPair.pack($0.0, $0.1) })
    }

    @Test func findsTheItemsOfAKey() {
        let buckets = BandBuckets(
            sorting: [(8, 3), (2, 1), (8, 0), (8, 3)].map { KeyedItem.pack(key: $0.0, item: $0.1) })
        var found: [Int] = []
        buckets.forEachItem(withKey: 8) { found.append($0) }
        #expect(found == [0, 3])
        var none: [Int] = []
        buckets.forEachItem(withKey: 5) { none.append($0) }
        #expect(none.isEmpty)
    }

    /// Later items pair with earlier items of other groups, within the allowance of earlier groups.
    @Test func earlierPairsRespectGroupsAndAllowance() {
        // One bucket: items 0, 1 (group 0), 2 (group 1), 3 (group 2).
        let buckets = BandBuckets(sorting: (0..<4).map { KeyedItem.pack(key: 1, item: $0) })
        let groupOf = [0, 0, 1, 2]
        var pairs: [(Int, Int, Int)] = []
        var truncated: [Int] = []
        buckets.forEachEarlierPair(
            groupOf: { groupOf[$0] }, allowance: { _ in 1 }, { pairs.append(($0, $1, $2)) },
            truncated: { truncated.append($0) })
        #expect(pairs.map { [$0.0, $0.1, $0.2] } == [[2, 0, 1], [2, 1, 1], [3, 0, 2], [3, 1, 2]])
        #expect(truncated == [2])
    }
}
