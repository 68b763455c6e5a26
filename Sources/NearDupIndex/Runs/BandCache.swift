import Foundation
internal import GRDB
internal import GRDBSQLite
import Synchronization

/// The band keys one transaction sees: the sorted runs of its snapshot, each with its filter, and
/// the keys of the articles added since the last merge.
struct BandView {
    let runs: [(run: BandRun, filter: BandFilter)]
    /// The highest article number whose keys are in the runs.
    let mergedThrough: Int64
    /// The highest article number of the snapshot.
    let lastDocument: Int64
    let cache: BandCache
    /// About how many articles wait to be merged (removed ones may still be counted).
    let recentDocuments: Int
    /// The recent keys of this snapshot, when the shared cache has moved past it (a merge happened
    /// since the snapshot began).
    let ownRecent: RecentKeys?
}

/// What every transaction of one `NearDupIndex` shares: the filters of the runs, and the recent
/// articles' keys, kept up to date incrementally (each transaction reads only the articles added
/// since the last one). Memory: the filters (capped by `Configuration.filterMebibytes`) and the keys
/// of at most `Configuration.mergeThreshold` recent articles (plus those of one batch).
final class BandCache: Sendable {
    private struct State: Sendable {
        var generation: Int64 = -1
        var filters: [Int64: BandFilter] = [:]
        var mergedThrough: Int64 = -1
        var loadedThrough: Int64 = -1
        var recent = RecentKeys()
    }

    private let state = Mutex(State())
    let bandCount: Int
    let path: String

    init(bandCount: Int, path: String) {
        self.bandCount = bandCount
        self.path = path
    }

    /// The view of the snapshot of the transaction running on `db`.
    func view(store: IndexStore) throws -> BandView {
        let (mergedThrough, generation) = try store.bandState(path: path)
        let lastDocument = try store.lastDocumentNumber()
        let runs = try store.runs(path: path)
        var filters: [Int64: BandFilter] = [:]
        var recentDocuments = 0
        let ownRecent = try state.withLock { state throws -> RecentKeys? in
            if generation > state.generation {
                state.generation = generation
                let live = Set(runs.map(\.id))
                state.filters = state.filters.filter { live.contains($0.key) }
            }
            for run in runs {
                if let filter = state.filters[run.id] {
                    filters[run.id] = filter
                } else {
                    let filter = try store.filter(run: run.id, bands: bandCount, path: path)
                    filters[run.id] = filter
                    if generation == state.generation { state.filters[run.id] = filter }
                }
            }
            if mergedThrough > state.mergedThrough {
                state.mergedThrough = mergedThrough
                state.loadedThrough = mergedThrough
                state.recent = RecentKeys()
            }
            guard mergedThrough == state.mergedThrough else {
                // An older snapshot than the cache's: read its recent keys for this transaction only.
                var own = RecentKeys()
                try store.loadRecent(
                    into: &own, after: mergedThrough, through: lastDocument, bands: bandCount, path: path)
                recentDocuments = own.documents
                return own
            }
            if lastDocument > state.loadedThrough {
                try store.loadRecent(
                    into: &state.recent, after: state.loadedThrough, through: lastDocument, bands: bandCount, path: path
                )
                state.loadedThrough = lastDocument
            }
            recentDocuments = state.recent.documents
            return nil
        }
        return BandView(
            runs: runs.map { ($0, filters[$0.id]!) }, mergedThrough: mergedThrough, lastDocument: lastDocument,
            cache: self, recentDocuments: recentDocuments, ownRecent: ownRecent)
    }

    /// Appends the recent entries of `keys` as seen by `view`; `false` if the cache has moved past
    /// the view's snapshot meanwhile (then the caller reads them itself).
    func recentHits(_ keys: [Int64], view: BandView, into result: inout [(key: Int64, reference: Int64)]) -> Bool {
        state.withLock { state in
            guard state.mergedThrough == view.mergedThrough, state.loadedThrough >= view.lastDocument else {
                return false
            }
            state.recent.hits(keys, into: &result)
            return true
        }
    }

    /// Forgets everything (after a merge that rewrote the runs in this process, or a compaction).
    func reset() {
        state.withLock { $0 = State() }
    }
}

extension IndexStore {
    /// `(merged_through, generation)` of the `state` row.
    func bandState(path: String) throws -> (Int64, Int64) {
        let handle = try db.cachedStatement(sql: "SELECT merged_through, generation FROM state WHERE id = 1")
            .sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            if code != SQLITE_DONE { throw error(code) }
            throw NearDupIndexError.corrupt(path: path, reason: "the state row is missing")
        }
        let (mergedThrough, generation) = (sqlite3_column_int64(handle, 0), sqlite3_column_int64(handle, 1))
        let last = try lastAssignedNumber()
        guard mergedThrough >= 0, mergedThrough <= last, (0..<BandRun.maximumID).contains(generation) else {
            throw NearDupIndexError.corrupt(path: path, reason: "the state row (\(mergedThrough), \(generation))")
        }
        return (mergedThrough, generation)
    }

    /// The highest article number ever given (removed articles' numbers are not given again).
    func lastAssignedNumber() throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'documents'"))
            ?? 0
    }

    func lastDocumentNumber() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(number), 0) FROM documents")) ?? 0
    }

    /// The runs, each row checked against what a merge writes.
    /// - Throws: `NearDupIndexError.corrupt` for a damaged row.
    func runs(path: String) throws -> [BandRun] {
        let sql = """
            SELECT run, entries, document_entries, paragraph_bits, document_bits, first_document, last_document
            FROM runs ORDER BY run
            """
        let last = try lastAssignedNumber()
        return try Row.fetchAll(db.cachedStatement(sql: sql)).map { row in
            // A damaged row may hold text or blobs, which GRDB would not read as numbers.
            let values = (0..<7).map { index in ((try? row.decode(Int64?.self, atIndex: index)) ?? nil) ?? -1 }
            let bits = 0...Int64(BandRun.maximumBits)
            guard (1..<BandRun.maximumID).contains(values[0]), (0..<(1 << 48)).contains(values[1]),
                (0...values[1]).contains(values[2]),
                bits.contains(values[3]), bits.contains(values[4]), values[5] >= 1, values[5] <= values[6],
                values[6] <= last
            else {
                throw NearDupIndexError.corrupt(path: path, reason: "the row of run \(values[0])")
            }
            return BandRun(
                id: values[0], entries: Int(values[1]), documentEntries: Int(values[2]),
                paragraphBits: Int(values[3]), documentBits: Int(values[4]), firstDocument: values[5],
                lastDocument: values[6])
        }
    }

    /// The filter of run `run`, read with SQLite's incremental blob I/O straight into its words
    /// (it can be tens of megabytes: no intermediate copy).
    func filter(run: Int64, bands: Int, path: String) throws -> BandFilter {
        var blob: OpaquePointer?
        let code = sqlite3_blob_open(db.sqliteConnection, "main", "runs", "filter", run, 0, &blob)
        defer { sqlite3_blob_close(blob) }
        guard code == SQLITE_OK,
            let filter = BandFilter(
                byteCount: Int(sqlite3_blob_bytes(blob)), bands: bands,
                read: { target, offset, count in
                    sqlite3_blob_read(blob, target, Int32(count), Int32(offset)) == SQLITE_OK
                })
        else {
            if code != SQLITE_OK && code != SQLITE_ERROR { throw error(code) }
            throw NearDupIndexError.corrupt(path: path, reason: "the key filter of run \(run)")
        }
        return filter
    }

    /// Calls `body` with the band keys of each article numbered `after + 1 ... through`, in order
    /// (read straight from SQLite's buffer into one reused array).
    func recentKeys(
        after: Int64, through: Int64, bands: Int, path: String, each body: ([BandEntry]) -> Void
    ) throws {
        guard through > after else { return }
        let sql =
            "SELECT number, matchable, signed, keys FROM documents WHERE number > ? AND number <= ? ORDER BY number"
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, after)
        sqlite3_bind_int64(handle, 2, through)
        var entries: [BandEntry] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            let number = sqlite3_column_int64(handle, 0)
            let count = Int(sqlite3_column_bytes(handle, 3))
            let bytes = UnsafeRawBufferPointer(start: count == 0 ? nil : sqlite3_column_blob(handle, 3), count: count)
            entries.removeAll(keepingCapacity: true)
            let fits = StoredKeys.decode(
                bytes, number: number, matchable: Int(sqlite3_column_int64(handle, 1)),
                signed: sqlite3_column_int64(handle, 2) != 0, bands: bands, into: &entries)
            guard fits else {
                throw NearDupIndexError.corrupt(path: path, reason: "the band keys of article \(number)")
            }
            body(entries)
        }
    }

    /// Adds the band keys of the articles numbered `after + 1 ... through` to `recent`.
    func loadRecent(into recent: inout RecentKeys, after: Int64, through: Int64, bands: Int, path: String) throws {
        guard through > after else { return }
        // About 600 keys per article (a grown table is rehashed; this one mostly is not).
        recent.reserve(entries: Int(min(through - after, 1 << 16)) * 600)
        try recentKeys(after: after, through: through, bands: bands, path: path) { recent.insert(document: $0) }
    }

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
            try RunBlockReader(run: run, filter: filter, statement: db.makeStatement(sql: RunBlockReader.sql))
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
                    IndexSchema.isDocumentKey(key)
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
                try readers[reader].forEachReference(of: key, store: self, path: path, offer)
            }
            var end = nextRecent
            while end < recent.count && recent[end].key == key { end += 1 }
            for entry in recent[nextRecent..<end].reversed() { try offer(entry.reference) }
            nextRecent = end
            counts[index] = Int32(taken)
        }
        return (result, counts, capped)
    }

    /// Calls `body` with the reference of each entry of a block (12-byte entries sorted by low key,
    /// then reference) whose low key is `key`'s, in order.
    fileprivate static func search(
        _ pointer: UnsafeRawPointer, count: Int, key: Int64, _ body: (Int64) throws -> Void
    ) rethrows {
        let low = UInt32(truncatingIfNeeded: key)
        func lowKey(_ index: Int) -> UInt32 {
            UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: index * BandRun.entrySize, as: UInt32.self))
        }
        var (lower, upper) = (0, count)
        while lower < upper {
            let middle = (lower + upper) / 2
            if lowKey(middle) < low { lower = middle + 1 } else { upper = middle }
        }
        while lower < count && lowKey(lower) == low {
            let reference = Int64(
                littleEndian: pointer.loadUnaligned(fromByteOffset: lower * BandRun.entrySize + 4, as: Int64.self))
            try body(reference)
            lower += 1
        }
    }
}

/// One run's blocks, read one at a time as keys come in key order (a block holds keys next to each
/// other, so each block is read at most once per lookup). Each run has its own statement: the
/// block it read stays valid while the other runs read theirs.
private struct RunBlockReader {
    static let sql = "SELECT data FROM run_blocks WHERE id = ?"
    let run: BandRun
    let filter: BandFilter
    let statement: Statement
    private var loaded: Int64 = -1
    private var block: (pointer: UnsafeRawPointer?, count: Int) = (nil, 0)

    init(run: BandRun, filter: BandFilter, statement: Statement) {
        self.run = run
        self.filter = filter
        self.statement = statement
    }

    /// Calls `body` with the reference of each of the run's entries whose key is `key`, in order.
    mutating func forEachReference(
        of key: Int64, store: IndexStore, path: String, _ body: (Int64) throws -> Void
    ) throws {
        guard filter.mayContain(key) else { return }
        let id = run.blockID(of: key)
        if id != loaded {
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, id)
            let code = sqlite3_step(handle)
            loaded = id
            if code == SQLITE_ROW {
                block = (sqlite3_column_blob(handle, 0), Int(sqlite3_column_bytes(handle, 0)))
                guard block.count % BandRun.entrySize == 0 else {
                    throw NearDupIndexError.corrupt(path: path, reason: "band key block \(id) is damaged")
                }
            } else if code == SQLITE_DONE {
                block = (nil, 0)
            } else {
                throw store.error(code)
            }
        }
        guard let pointer = block.pointer else { return }
        try IndexStore.search(pointer, count: block.count / BandRun.entrySize, key: key, body)
    }
}

/// The `keys` blob of an article: for each matchable paragraph its ordinal and its band keys, then
/// its whole-text band keys if it has a signature; all `UInt32` little-endian. Read to load recent
/// articles' keys and to merge them into a run, so no article is ever shingled twice.
enum StoredKeys {
    static func encode(paragraphs: [(ordinal: Int, keys: [UInt32])], document: [UInt32]) -> Data {
        var words: [UInt32] = []
        for (ordinal, keys) in paragraphs {
            words.append(UInt32(ordinal))
            words += keys
        }
        words += document
        #if _endian(big)
            words = words.map(\.littleEndian)
        #endif
        return words.withUnsafeBytes { Data($0) }
    }

    /// Appends the article's entries to `entries`; `false` if the blob does not fit the counts.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, number: Int64, matchable: Int, signed: Bool, bands: Int,
        into entries: inout [BandEntry]
    ) -> Bool {
        guard matchable >= 0, matchable <= bytes.count / 4 else { return false }
        let expected = matchable * (1 + bands) + (signed ? bands : 0)
        guard bytes.count == expected * 4 else { return false }
        func word(_ index: Int) -> UInt32 {
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
        }
        entries.reserveCapacity(entries.count + expected)
        var index = 0
        for _ in 0..<matchable {
            let ordinal = Int(word(index))
            guard ordinal <= IndexSchema.maximumOrdinal else { return false }
            let reference = IndexSchema.paragraphReference(document: number, ordinal: ordinal)
            for band in 0..<bands {
                entries.append(
                    BandEntry(
                        key: IndexSchema.paragraphKey(band: band, key: word(index + 1 + band)), reference: reference))
            }
            index += 1 + bands
        }
        if signed {
            for band in 0..<bands {
                entries.append(
                    BandEntry(key: IndexSchema.documentKey(band: band, key: word(index + band)), reference: number))
            }
        }
        return true
    }
}
