/// Finds candidate pairs with LSH: items whose signatures agree on every slot of some band.
///
/// Band by band, each item's band key (the low 32 bits of the XXH3 of the band's slots, seeded
/// with the band index; see `SignatureFormat`) is paired with the item and the list is sorted; runs
/// of equal keys are buckets. 32-bit keys halve the memory; the few unrelated items they put in one
/// bucket become extra candidates that exact verification rejects, so no result changes. Sorting flat `(key, item)` pairs beats hash maps here and makes the output independent
/// of hashing order. Keys are uniform hashes, so one counting pass on their top 16 bits followed by
/// insertion sort of each (tiny) run sorts them in linear time; fewer items than
/// `countingSortMinimum` are sorted by comparison instead, since the counting pass visits all
/// 65,536 runs however few items there are.
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

    /// Finds the candidate pairs among items `0..<rows.count`, where item `i`'s band keys are row
    /// `rows[i]` of `bandKeys` (`layout.bandCount` keys per row), so callers pick items without copying keys.
    /// - Complexity: O(*b* · *n*) expected for *b* bands and *n* items, plus the pairs found.
    func candidates(bandKeys: [UInt32], rows: [Int32]) -> Result {
        let bandCount = layout.bandCount
        let itemCount = rows.count
        let bandResults = parallelChunks(count: bandCount, threads: threads, chunksPerThread: 1) { bands in
            var pairs: [UInt64] = []
            var oversized = 0
            var entries = [BandEntry](repeating: BandEntry(key: 0, item: 0), count: itemCount)
            var runStarts = [Int](repeating: 0, count: itemCount < Self.countingSortMinimum ? 0 : Self.runCount + 1)
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
                    sortEntries(gathered[keys], into: &entries, runStarts: &runStarts)
                    oversized += appendBucketPairs(entries, to: &pairs)
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

    /// Runs of the counting pass: one per value of a key's top 16 bits.
    private static let runCount = 1 << 16
    /// The fewest items sorted by counting: below it a comparison sort is cheaper than visiting
    /// every run (a scan of a few paragraphs would otherwise cost 65,536 steps per band).
    private static let countingSortMinimum = runCount / 16
    /// Bands whose keys are gathered in one pass over the rows.
    private static let bandsPerPass = 4
    /// The fewest pairs a thread collects before it drops repeated ones (8 MiB of pairs); after a
    /// compaction, the next comes when the list has doubled.
    private static let compactionMinimum = 1 << 20

    /// Fills `entries` with one band's `(key, item)` pairs, `keys` holding item `i`'s key at
    /// offset `i`, sorted by key, then item.
    /// - Complexity: O(*n*) expected for *n* items with uniformly distributed keys; O(*n* log *n*)
    ///   below `countingSortMinimum` items.
    private func sortEntries(_ keys: ArraySlice<UInt32>, into entries: inout [BandEntry], runStarts: inout [Int]) {
        if keys.count < Self.countingSortMinimum {
            for (item, key) in zip(0..., keys) { entries[item] = BandEntry(key: key, item: Int32(item)) }
            entries.sort { ($0.key, $0.item) < ($1.key, $1.item) }
            return
        }
        for run in runStarts.indices { runStarts[run] = 0 }
        for key in keys { runStarts[Int(key >> 16) + 1] += 1 }
        for run in 0..<Self.runCount { runStarts[run + 1] += runStarts[run] }
        var cursor = runStarts
        for (item, key) in zip(0..., keys) {
            let run = Int(key >> 16)
            entries[cursor[run]] = BandEntry(key: key, item: Int32(item))
            cursor[run] += 1
        }
        // Items entered each run in ascending order, so sorting by key alone keeps (key, item) order.
        for run in 0..<Self.runCount where runStarts[run + 1] - runStarts[run] > 1 {
            for index in (runStarts[run] + 1)..<runStarts[run + 1] {
                let entry = entries[index]
                var position = index
                while position > runStarts[run] && entries[position - 1].key > entry.key {
                    entries[position] = entries[position - 1]
                    position -= 1
                }
                entries[position] = entry
            }
        }
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

private struct BandEntry {
    var key: UInt32
    var item: Int32
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

/// The items (below `count`) that take part in at least one of `pairs`, ascending.
func itemsInPairs(_ pairs: [UInt64], count: Int) -> [Int] {
    var inPair = [Bool](repeating: false, count: count)
    for pair in pairs {
        let (a, b) = unpack(pair)
        inPair[a] = true
        inPair[b] = true
    }
    return inPair.indices.filter { inPair[$0] }
}
