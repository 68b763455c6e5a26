/// One band's LSH buckets: `(key value, item)` entries (``KeyedItem``) sorted by key, then item;
/// each run of equal keys is a bucket. The one bucket pairing that batch `scan`
/// (`CandidateFinder`) and the index (`BatchProbes`) share.
///
/// Sorting flat entries beats hash maps here and makes the output independent of hashing order.
/// Keys are uniform hashes, so ``fill(keysOfItems:)`` sorts with one counting pass on their top 16
/// bits followed by insertion sort of each (tiny) run, in linear time; fewer items than
/// `countingSortMinimum` are sorted by comparison instead, since the counting pass visits all
/// 65,536 runs however few items there are.
package struct BandBuckets: Sendable {
    /// The entries, sorted (``KeyedItem`` packings).
    package private(set) var entries: [UInt64] = []
    /// The counting pass's run starts, kept between fills.
    private var runStarts: [Int] = []

    /// No buckets yet: ``fill(keysOfItems:)`` fills them.
    package init() {}

    /// The buckets of `entries` (``KeyedItem`` packings, in any order; repeats are dropped).
    /// - Complexity: O(*n* log *n*) for *n* entries.
    package init(sorting entries: [UInt64]) {
        self.entries = entries
        _ = sortAndUnique(&self.entries, from: 0)
    }

    /// Runs of the counting pass: one per value of a key's top 16 bits.
    private static let runCount = 1 << 16
    /// The fewest items sorted by counting: below it a comparison sort is cheaper than visiting
    /// every run (a scan of a few paragraphs would otherwise cost 65,536 steps per band).
    static let countingSortMinimum = runCount / 16

    /// Replaces the buckets by those of items `0..<keys.count`, item `i` having key `keys[i]`,
    /// reusing the storage of the last fill.
    /// - Complexity: O(*n*) expected for *n* items with uniformly distributed keys; O(*n* log *n*)
    ///   below `countingSortMinimum` items.
    package mutating func fill(keysOfItems keys: ArraySlice<UInt32>) {
        if entries.count != keys.count { entries = [UInt64](repeating: 0, count: keys.count) }
        if keys.count < Self.countingSortMinimum {
            for (item, key) in zip(0..., keys) { entries[item] = KeyedItem.pack(key: key, item: item) }
            entries.sort()
            return
        }
        if runStarts.count != Self.runCount + 1 { runStarts = [Int](repeating: 0, count: Self.runCount + 1) }
        for run in runStarts.indices { runStarts[run] = 0 }
        for key in keys { runStarts[Int(key >> 16) + 1] += 1 }
        for run in 0..<Self.runCount { runStarts[run + 1] += runStarts[run] }
        var cursor = runStarts
        for (item, key) in zip(0..., keys) {
            let run = Int(key >> 16)
            entries[cursor[run]] = KeyedItem.pack(key: key, item: item)
            cursor[run] += 1
        }
        // Items entered each run in ascending order, so insertion sort on the packed entries keeps
        // (key, item) order.
        for run in 0..<Self.runCount where runStarts[run + 1] - runStarts[run] > 1 {
            for index in (runStarts[run] + 1)..<runStarts[run + 1] {
                let entry = entries[index]
                var position = index
                while position > runStarts[run] && entries[position - 1] > entry {
                    entries[position] = entries[position - 1]
                    position -= 1
                }
                entries[position] = entry
            }
        }
    }

    /// The end of the bucket that starts at `start`.
    @inlinable
    func bucketEnd(from start: Int) -> Int {
        let key = KeyedItem.key(entries[start])
        var end = start + 1
        while end < entries.count && KeyedItem.key(entries[end]) == key { end += 1 }
        return end
    }

    /// The distinct key values, ascending.
    package var distinctKeys: [UInt32] {
        var keys: [UInt32] = []
        var start = 0
        while start < entries.count {
            keys.append(KeyedItem.key(entries[start]))
            start = bucketEnd(from: start)
        }
        return keys
    }

    /// Calls `body` with each item whose key value is `key`, ascending.
    /// - Complexity: O(log *n* + *m*) for *n* entries and *m* items found.
    @inlinable
    package func forEachItem(withKey key: UInt32, _ body: (Int) throws -> Void) rethrows {
        let low = KeyedItem.pack(key: key, item: 0)
        var (lower, upper) = (0, entries.count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if entries[middle] < low { lower = middle + 1 } else { upper = middle }
        }
        while lower < entries.count && KeyedItem.key(entries[lower]) == key {
            try body(KeyedItem.item(entries[lower]))
            lower += 1
        }
    }

    // MARK: - Pairing

    /// Appends every pair of items that share a bucket (``UnorderedPair`` packings). A bucket of
    /// more than `maximumBucketSize` items (templated text shared by thousands of items) is not
    /// enumerated pair by pair: each member is paired with the bucket's first item only.
    /// - Returns: The number of such oversized buckets.
    /// - Complexity: O(*n*) plus the pairs appended.
    package func appendPairs(maximumBucketSize: Int, to pairs: inout [UInt64]) -> Int {
        var oversized = 0
        var start = 0
        while start < entries.count {
            let end = bucketEnd(from: start)
            let size = end - start
            if size > maximumBucketSize {
                oversized += 1
                let first = Int32(KeyedItem.item(entries[start]))
                for member in (start + 1)..<end {
                    pairs.append(UnorderedPair.pack(first, Int32(KeyedItem.item(entries[member]))))
                }
            } else if size > 1 {
                for first in start..<(end - 1) {
                    let item = Int32(KeyedItem.item(entries[first]))
                    for second in (first + 1)..<end {
                        pairs.append(UnorderedPair.pack(item, Int32(KeyedItem.item(entries[second]))))
                    }
                }
            }
            start = end
        }
        return oversized
    }

    /// Pairs each item with the earlier items of its bucket that belong to other groups (articles),
    /// as adding the groups one by one would have looked them up: with the members of the first
    /// `allowance(key)` earlier groups only (a group's items are next to each other in a bucket).
    /// - Parameters:
    ///   - groupOf: The group of an item; groups ascend with items.
    ///   - allowance: The most earlier groups an item of a bucket with this key value is paired with.
    ///   - pair: Called with `(later item, earlier item, later item's group)`.
    ///   - truncated: Called with the group of an item that had more earlier groups than its allowance.
    /// - Complexity: O(*n*) plus the pairs made.
    @inlinable
    package func forEachEarlierPair(
        groupOf: (Int) -> Int, allowance: (UInt32) -> Int, _ pair: (Int, Int, Int) -> Void, truncated: (Int) -> Void
    ) {
        var start = 0
        while start < entries.count {
            let end = bucketEnd(from: start)
            if end - start > 1 {
                let allowed = allowance(KeyedItem.key(entries[start]))
                for later in (start + 1)..<end {
                    let member = KeyedItem.item(entries[later])
                    let group = groupOf(member)
                    var (taken, last) = (0, -1)
                    for earlier in start..<later {
                        let other = KeyedItem.item(entries[earlier])
                        let otherGroup = groupOf(other)
                        if otherGroup == group { continue }
                        if otherGroup != last {
                            if taken == allowed {
                                truncated(group)
                                break
                            }
                            (taken, last) = (taken + 1, otherGroup)
                        }
                        pair(member, other, group)
                    }
                }
            }
            start = end
        }
    }
}
