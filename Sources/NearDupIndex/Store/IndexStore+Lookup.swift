import NearDup

/// Finding the stored articles that share band keys, in the runs and among the recent articles.
extension IndexStore {
    /// The entries of `keys` (sorted) in the runs and recent articles of `view`: for each key, those
    /// of its first `limit` live articles (the earliest added, as article numbers grow with each add),
    /// in number order. `isLive` says whether an article is still there (a removed one's run entries
    /// stay until its run is merged); it is asked once per key and article, earliest first, and
    /// never past the `limit + 1`th live one.
    /// - Returns: The entries; for each key, how many live articles it gave (at most `limit`); and
    ///   the keys that have more than `limit` live articles.
    /// - Complexity: Per key, its entries up to the first `limit + 1` live articles in each run and
    ///   among the recent articles, whatever the number of articles sharing it. Keys go in order,
    ///   each run reading a block once for all the keys in it.
    func hits(
        keys: [Int64], view: BandView, bands: Int, limit: Int, path: String, isLive: (Int64) throws -> Bool
    ) throws -> (hits: [(key: Int64, reference: Int64)], counts: [Int32], capped: [Int64]) {
        guard !keys.isEmpty else { return ([], [], []) }
        // The recent articles' entries, key by key in the order of `keys`, newest first.
        var recent: [(key: Int64, reference: Int64)] = []
        if let own = view.ownRecent {
            own.hits(keys, into: &recent)
        } else if !view.cache.recentHits(keys, view: view, into: &recent) {
            var own = RecentKeys()
            try loadRecent(into: &own, after: view.mergedThrough, through: view.lastDocument, bands: bands, path: path)
            own.hits(keys, into: &recent)
        }
        // Runs oldest articles first (a run holds the articles between two merges), then the recent
        // articles, all newer than the runs'.
        var readers = try view.runs.sorted { $0.run.firstDocument < $1.run.firstDocument }.map { run, filter in
            try RunBlockReader(run: run, filter: filter, lookup: blockLookup())
        }
        var result: [(key: Int64, reference: Int64)] = []
        var counts = [Int32](repeating: 0, count: keys.count)
        var capped: [Int64] = []
        var nextRecent = 0
        for (index, key) in keys.enumerated() {
            var taken = 0
            var last: (number: Int64, isLive: Bool) = (-1, false)
            var isFull = false
            func offer(_ reference: Int64) throws {
                guard !isFull else { return }
                let number =
                    BandKey.isOfDocument(indexValue: key)
                    ? reference : IndexSchema.split(paragraphReference: reference).document
                if number != last.number {
                    last = (number, try isLive(number))
                    if last.isLive {
                        guard taken < limit else {
                            capped.append(key)
                            isFull = true
                            return
                        }
                        taken += 1
                    }
                }
                if last.isLive { result.append((key, reference)) }
            }
            for reader in readers.indices where !isFull {
                try readers[reader].forEachReference(of: key, path: path, offer)
            }
            var end = nextRecent
            while end < recent.count && recent[end].key == key { end += 1 }
            for entry in recent[nextRecent..<end].reversed() { try offer(entry.reference) }
            nextRecent = end
            counts[index] = Int32(taken)
        }
        return (result, counts, capped)
    }
}
