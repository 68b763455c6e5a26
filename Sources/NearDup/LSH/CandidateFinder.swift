/// Finds candidate pairs with LSH: items whose signatures agree on every slot of some band.
///
/// Band by band, the items' key values (``BandKey``) are sorted into ``BandBuckets``, whose
/// buckets give the pairs. A bucket larger than `maximumBucketSize` (templated text shared by
/// thousands of items) is paired star-wise with its first item, and counted as oversized.
struct CandidateFinder: Sendable {
    let layout: BandLayout
    let maximumBucketSize: Int
    let threads: Int

    /// Candidate pairs (``UnorderedPair`` packings of item numbers),
    /// sorted and distinct, plus the number of oversized buckets met.
    struct Result: Sendable {
        var pairs: [UInt64]
        var oversizedBuckets: Int
    }

    /// Finds the candidate pairs among items `0..<rows.count`, where item `i`'s band keys are row
    /// `rows[i]` of `bandKeys` (`layout.bandCount` keys per row), so callers pick items without copying keys.
    /// - Complexity: O(*b* · *n*) expected for *b* bands and *n* items, plus the pairs found.
    func candidates(bandKeys: [UInt32], rows: [Int32]) -> Result {
        let bandCount = layout.bandCount
        let itemCount = rows.count
        let bandResults = parallelChunks(count: bandCount, threads: threads, chunksPerThread: 1) { bands in
            var pairs: [UInt64] = []
            var oversized = 0
            var buckets = BandBuckets()
            var gathered = [UInt32](repeating: 0, count: Self.bandsPerPass * itemCount)
            var compactionPoint = Self.compactionMinimum
            for blockStart in stride(from: bands.lowerBound, to: bands.upperBound, by: Self.bandsPerPass) {
                let block = blockStart..<min(blockStart + Self.bandsPerPass, bands.upperBound)
                // One pass over the rows reads the keys of several bands (adjacent in a row), so
                // each row's cache line is fetched once per block rather than once per band.
                for item in 0..<itemCount {
                    let row = Int(rows[item]) * bandCount
                    for band in block { gathered[(band - blockStart) * itemCount + item] = bandKeys[row + band] }
                }
                for band in block {
                    let keys = (band - blockStart) * itemCount..<(band - blockStart + 1) * itemCount
                    buckets.fill(keysOfItems: gathered[keys])
                    oversized += buckets.appendPairs(maximumBucketSize: maximumBucketSize, to: &pairs)
                    if pairs.count > compactionPoint {
                        // Most bands repeat the same pairs when many items are alike: drop the
                        // repeats now, so memory follows the distinct pairs, not the bands × pairs.
                        compactionPoint = max(Self.compactionMinimum, 2 * sortAndUnique(&pairs, from: 0))
                    }
                }
            }
            return (pairs, oversized)
        }
        var all: [UInt64] = []
        all.reserveCapacity(bandResults.reduce(0) { $0 + $1.0.count })
        for result in bandResults { all.append(contentsOf: result.0) }
        _ = sortAndUnique(&all, from: 0)
        return Result(pairs: all, oversizedBuckets: bandResults.reduce(0) { $0 + $1.1 })
    }

    /// Bands whose keys are gathered in one pass over the rows.
    private static let bandsPerPass = 4
    /// The fewest pairs a thread collects before it drops repeated ones (8 MiB of pairs); after a
    /// compaction, the next comes when the list has doubled.
    private static let compactionMinimum = 1 << 20
}
