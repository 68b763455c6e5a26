import NearDup

/// Moves the recent articles' keys into a sorted run, merging runs as they pile up, and rewrites
/// everything into one run for `compact()`.
///
/// Policy (a binary counter): a new run takes in the newest existing runs while each is smaller than
/// twice what is being merged so far. So there are at most about log2(articles / mergeThreshold)
/// runs, and each key is rewritten about that many times over its life — sequentially, as blobs,
/// never as one B-tree insert per key. Entries of removed articles are dropped when their run is
/// merged.
struct RunMerger {
    let store: IndexStore
    let bands: Int
    let path: String
    /// The filters' memory budget, in bytes (`Configuration.filterMebibytes`).
    let filterBytes: Int

    /// Merges every recent article into a new run, in the caller's transaction: those added before
    /// (their keys read back from `keys`) and the batch just added, articles `batch` (whose keys
    /// `batchKeys` appends, in article order, since they are not stored in `keys`). The new run
    /// takes in the newest runs while each is smaller than twice what is being merged so far.
    func mergeRecent(batch: ClosedRange<Int64>, batchKeys: (inout EntryBuckets) -> Void) throws {
        let (mergedThrough, _) = try store.bandState(path: path)
        var recent = try entries(after: mergedThrough, through: batch.lowerBound - 1)
        batchKeys(&recent)
        let runs = try store.runs(path: path)
        var size = recent.count
        var first = runs.count
        while first > 0 && runs[first - 1].entries < 2 * size {
            first -= 1
            size += runs[first].entries
        }
        try write(recent: recent, recentRange: (mergedThrough + 1, batch.upperBound), merging: Array(runs[first...]))
    }

    /// Merges every run and every recent article into one run, dropping the entries of removed articles.
    func mergeAll() throws {
        let (mergedThrough, _) = try store.bandState(path: path)
        let last = try store.lastDocumentNumber()
        let recent = try entries(after: mergedThrough, through: last)
        let runs = try store.runs(path: path)
        if runs.isEmpty && recent.count == 0 {
            try store.setMergedThrough(last)
            return
        }
        try write(recent: recent, recentRange: (mergedThrough + 1, max(mergedThrough, last)), merging: runs)
    }

    /// The band keys of the articles numbered `after + 1 ... through`, read back from `keys`.
    private func entries(after: Int64, through: Int64) throws -> EntryBuckets {
        var buckets = EntryBuckets(bands: bands)
        try store.recentKeys(after: after, through: through, bands: bands, path: path) { entries in
            for entry in entries { buckets.append(entry) }
        }
        return buckets
    }

    /// Writes one new run from `recent` (the keys of articles `recentRange`) and `merging`,
    /// removes the merged runs, and moves `merged_through` to the end of `recentRange`.
    private func write(recent: EntryBuckets, recentRange: (Int64, Int64), merging: [BandRun]) throws {
        let (_, generation) = try store.bandState(path: path)
        let id = generation + 1
        let firstDocument = ([recentRange.0] + merging.map(\.firstDocument)).min()!
        let lastDocument = ([recentRange.1] + merging.map(\.lastDocument)).max()!
        let live = try LiveDocuments(store: store, first: firstDocument, last: lastDocument)
        let documentEntries = recent.documentCount + merging.reduce(0) { $0 + $1.documentEntries }
        let sampleEntries = recent.sampleCount + merging.reduce(0) { $0 + $1.sampleEntries }
        let entries = recent.count + merging.reduce(0) { $0 + $1.entries }
        let allEntries = entries + (try store.totalRunEntries()) - merging.reduce(0) { $0 + $1.entries }
        let budgetWords = max(1, filterBytes / 8 * entries / max(1, allEntries))
        var builder = RunBuilder(
            run: BandRun(
                id: id, entries: 0, documentEntries: 0, sampleEntries: 0,
                paragraphBits: BandRun.bits(entries: entries - documentEntries - sampleEntries, bands: bands),
                documentBits: BandRun.bits(entries: documentEntries, bands: bands),
                sampleBits: BandRun.bits(entries: sampleEntries, bands: 1), firstDocument: firstDocument,
                lastDocument: lastDocument),
            filter: BandFilter(
                wordCount: BandFilter.wordCount(entries: entries, budgetWords: budgetWords),
                paragraphShare: Double(entries - documentEntries) / Double(max(1, entries)), bands: bands),
            writer: try store.blockWriter())
        var cursors = [EntryCursor(buckets: recent)]
        for run in merging {
            cursors.append(EntryCursor(run: run, scan: try store.blockScan(of: run, path: path), path: path))
        }
        let end = BandEntry(key: .max, reference: .max)
        while true {
            // The cursor with the smallest entry gives every entry it has below the others' smallest.
            var (best, bestEntry, bound) = (-1, end, end)
            for index in cursors.indices {
                guard let entry = try cursors[index].current() else { continue }
                if entry < bestEntry {
                    bound = bestEntry
                    (best, bestEntry) = (index, entry)
                } else if entry < bound {
                    bound = entry
                }
            }
            if best < 0 { break }
            try cursors[best].drain(below: bound) { entry in
                let document =
                    BandKey.isOfDocument(indexValue: entry.key)
                    ? entry.reference : IndexSchema.split(paragraphReference: entry.reference).document
                if live.contains(document) { try builder.append(entry) }
            }
        }
        try builder.finish()
        // The merged runs' statements are done with before their blocks are deleted.
        cursors.removeAll()
        for run in merging { try store.deleteRun(run.id) }
        try store.insertRun(builder.writtenRun, filter: builder.filter.data)
        try store.recordMerge(generation: id, mergedThrough: recentRange.1)
    }
}
