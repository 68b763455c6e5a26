import NearDup

/// Reads a whole run back for `checkIntegrity()`.
struct RunChecker {
    let store: IndexStore
    let run: BandRun
    let bands: Int
    let path: String

    /// Counts the run's entries whose article `isLive` and the others, and names what is wrong:
    /// a damaged block, entries out of order or in the wrong block, a key its filter lacks, a wrong count.
    func check(isLive: (Int64) -> Bool) throws -> (live: Int, stale: Int, problems: [String]) {
        let filter: BandFilter
        do {
            filter = try store.filter(run: run.id, bands: bands, path: path)
        } catch NearDupIndexError.corrupt(_, let reason) {
            return (0, 0, ["run \(run.id): \(reason) is damaged"])
        }
        var cursor = try EntryCursor(run: run, scan: store.blockScan(of: run, path: path), path: path)
        var problems: [String] = []
        var (live, stale, entries) = (0, 0, 0)
        var previous: BandEntry?
        var misplaced = 0
        var unfiltered = 0
        while let entry = try cursor.current() {
            entries += 1
            if let previous, !(previous < entry) { misplaced += 1 }
            if run.blockID(of: entry.key) != cursor.block { misplaced += 1 }
            if !filter.mayContain(entry.key) { unfiltered += 1 }
            let document =
                BandKey.isOfDocument(indexValue: entry.key)
                ? entry.reference : IndexSchema.split(paragraphReference: entry.reference).document
            if document < run.firstDocument || document > run.lastDocument { misplaced += 1 }
            if isLive(document) { live += 1 } else { stale += 1 }
            previous = entry
            cursor.advance()
        }
        if misplaced > 0 { problems.append("run \(run.id): \(misplaced) band keys out of order or out of place") }
        if unfiltered > 0 { problems.append("run \(run.id): \(unfiltered) band keys missing from its filter") }
        if entries != run.entries {
            problems.append("run \(run.id) holds \(entries) band keys, its row says \(run.entries)")
        }
        return (live, stale, problems)
    }
}
