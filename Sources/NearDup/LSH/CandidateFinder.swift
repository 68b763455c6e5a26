/// Finds candidate pairs with LSH: items whose signatures agree on every slot of some band.
///
/// Band by band, each item's band key (XXH3 of the band's slots, seeded with the band index; see
/// `SignatureFormat`) is paired with the item and the list is sorted; runs of equal keys are buckets. Sorting flat
/// `(key, item)` pairs beats hash maps here and makes the output independent of hashing order.
/// A bucket larger than `maximumBucketSize` (templated text shared by thousands of items) is not
/// enumerated pair by pair: each member is paired with the bucket's first item only, and the
/// bucket is counted as oversized.
struct CandidateFinder: Sendable {
    let layout: BandLayout
    let maximumBucketSize: Int
    let threads: Int

    /// Candidate pairs, each packed as `UInt64(lower) << 32 | UInt64(higher)` of item numbers,
    /// sorted and distinct, plus the number of oversized buckets met.
    struct Result: Sendable {
        var pairs: [UInt64]
        var oversizedBuckets: Int
    }

    /// Finds the candidate pairs among `itemCount` items whose band keys are stored row-major in
    /// `bandKeys` (`layout.bandCount` keys per item).
    /// - Complexity: O(*b* · *n* log *n*) for *b* bands and *n* items, plus the pairs found.
    func candidates(bandKeys: [UInt64], itemCount: Int) -> Result {
        let bandCount = layout.bandCount
        precondition(bandKeys.count == itemCount * bandCount)
        let bandResults = parallelChunks(count: bandCount, threads: threads, chunksPerThread: 1) { bands in
            var pairs: [UInt64] = []
            var oversized = 0
            var entries: [BandEntry] = []
            entries.reserveCapacity(itemCount)
            for band in bands {
                entries.removeAll(keepingCapacity: true)
                for item in 0..<itemCount {
                    entries.append(BandEntry(key: bandKeys[item * bandCount + band], item: Int32(item)))
                }
                entries.sort()
                oversized += appendBucketPairs(entries, to: &pairs)
            }
            return (pairs, oversized)
        }
        var all: [UInt64] = []
        all.reserveCapacity(bandResults.reduce(0) { $0 + $1.0.count })
        for result in bandResults { all.append(contentsOf: result.0) }
        _ = sortAndUnique(&all, from: 0)
        return Result(pairs: all, oversizedBuckets: bandResults.reduce(0) { $0 + $1.1 })
    }

    /// Appends the pairs of every bucket (run of equal keys) of sorted `entries`.
    /// - Returns: The number of oversized buckets.
    private func appendBucketPairs(_ entries: [BandEntry], to pairs: inout [UInt64]) -> Int {
        var oversized = 0
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            let size = end - start
            if size > maximumBucketSize {
                oversized += 1
                for member in (start + 1)..<end { pairs.append(pack(entries[start].item, entries[member].item)) }
            } else if size > 1 {
                for first in start..<(end - 1) {
                    for second in (first + 1)..<end { pairs.append(pack(entries[first].item, entries[second].item)) }
                }
            }
            start = end
        }
        return oversized
    }
}

private struct BandEntry: Comparable {
    var key: UInt64
    var item: Int32

    static func < (lhs: BandEntry, rhs: BandEntry) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.item < rhs.item
    }
}

/// Packs an unordered pair of item numbers into one sortable `UInt64`, lower item first.
func pack(_ first: Int32, _ second: Int32) -> UInt64 {
    let (low, high) = first < second ? (first, second) : (second, first)
    return UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
}

/// Unpacks a pair made by `pack(_:_:)`.
func unpack(_ pair: UInt64) -> (Int, Int) {
    (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
}
