import Foundation
internal import GRDB
internal import GRDBSQLite

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
    let filterBudget: Int

    /// Merges every recent article into runs, `window` articles at a time (so a huge batch is
    /// merged in bounded memory), each window in a transaction of its own: a crash loses no merge
    /// that was committed, and one in the middle leaves the articles recent.
    static func mergeRecent(pool: DatabasePool, bands: Int, path: String, filterBudget: Int, window: Int) throws {
        while try pool.write({ db -> Bool in
            let merger = RunMerger(store: IndexStore(db: db), bands: bands, path: path, filterBudget: filterBudget)
            return try merger.mergeRecentWindow(window)
        }) {}
    }

    /// Merges the oldest `window` recent articles (or all, if fewer wait) into a run.
    /// - Returns: `false` if none waits.
    private func mergeRecentWindow(_ window: Int) throws -> Bool {
        let (mergedThrough, _) = try store.bandState(path: path)
        let through = try Int64.fetchOne(
            store.db,
            sql: "SELECT max(number) FROM (SELECT number FROM documents WHERE number > ? ORDER BY number LIMIT ?)",
            arguments: [mergedThrough, window])
        guard let through else { return false }
        let recent = try sortedEntries(after: mergedThrough, through: through)
        let runs = try store.runs()
        var size = recent.count
        var first = runs.count
        while first > 0 && runs[first - 1].entries < 2 * size {
            first -= 1
            size += runs[first].entries
        }
        try write(recent: recent, recentRange: (mergedThrough + 1, through), merging: Array(runs[first...]))
        return true
    }

    /// Merges every run and every recent article into one run, dropping the entries of removed articles.
    func mergeAll() throws {
        let (mergedThrough, _) = try store.bandState(path: path)
        let last = try store.lastDocumentNumber()
        let recent = try sortedEntries(after: mergedThrough, through: last)
        let runs = try store.runs()
        if runs.isEmpty && recent.isEmpty {
            try store.db.execute(sql: "UPDATE state SET merged_through = ? WHERE id = 1", arguments: [last])
            return
        }
        try write(recent: recent, recentRange: (mergedThrough + 1, max(mergedThrough, last)), merging: runs)
    }

    /// The band keys of the articles numbered `after + 1 ... through`, sorted.
    private func sortedEntries(after: Int64, through: Int64) throws -> [BandEntry] {
        var entries: [BandEntry] = []
        try store.recentKeys(after: after, through: through, bands: bands, path: path) { entries += $0 }
        entries.sort()
        return entries
    }

    /// Writes one new run from `recent` (sorted; the keys of articles `recentRange`) and `merging`,
    /// removes the merged runs, and moves `merged_through` to the end of `recentRange`.
    private func write(recent: [BandEntry], recentRange: (Int64, Int64), merging: [BandRun]) throws {
        let db = store.db
        let (_, generation) = try store.bandState(path: path)
        let id = generation + 1
        let firstDocument = ([recentRange.0] + merging.map(\.firstDocument)).min()!
        let lastDocument = ([recentRange.1] + merging.map(\.lastDocument)).max()!
        let live = try LiveDocuments(db: db, first: firstDocument, last: lastDocument)
        let documentEntries =
            recent.reduce(0) { $0 + (IndexSchema.isDocumentKey($1.key) ? 1 : 0) }
            + merging.reduce(0) { $0 + $1.documentEntries }
        let entries = recent.count + merging.reduce(0) { $0 + $1.entries }
        let allEntries =
            entries + (try Int.fetchOne(db, sql: "SELECT coalesce(sum(entries), 0) FROM runs") ?? 0)
            - merging.reduce(0) { $0 + $1.entries }
        let budgetWords = max(1, filterBudget / 8 * entries / max(1, allEntries))
        var builder = RunBuilder(
            run: BandRun(
                id: id, entries: 0, documentEntries: 0,
                paragraphBits: BandRun.bits(entries: entries - documentEntries, bands: bands),
                documentBits: BandRun.bits(entries: documentEntries, bands: bands), firstDocument: firstDocument,
                lastDocument: lastDocument),
            filter: BandFilter(
                wordCount: BandFilter.wordCount(entries: entries, budgetWords: budgetWords),
                paragraphShare: Double(entries - documentEntries) / Double(max(1, entries)), bands: bands),
            insert: try db.cachedStatement(sql: "INSERT INTO run_blocks (id, data) VALUES (?, ?)").sqliteStatement,
            db: db)
        var cursors = [EntryCursor(entries: recent)]
        var statements: [Statement] = []
        for run in merging {
            let statement = try db.makeStatement(
                sql: "SELECT id, data FROM run_blocks WHERE id >= ? AND id < ? ORDER BY id")
            let (lower, upper) = BandRun.blockRange(run: run.id)
            try statement.setArguments([lower, upper])
            statements.append(statement)
            cursors.append(EntryCursor(run: run, statement: statement.sqliteStatement, path: path))
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
                    IndexSchema.isDocumentKey(entry.key)
                    ? entry.reference : IndexSchema.split(paragraphReference: entry.reference).document
                if live.contains(document) { try builder.append(entry) }
            }
        }
        try builder.finish()
        withExtendedLifetime(statements) {}
        for run in merging {
            let (lower, upper) = BandRun.blockRange(run: run.id)
            try db.execute(sql: "DELETE FROM run_blocks WHERE id >= ? AND id < ?", arguments: [lower, upper])
            try db.execute(sql: "DELETE FROM runs WHERE run = ?", arguments: [run.id])
        }
        try db.execute(
            sql: """
                INSERT INTO runs (run, entries, document_entries, paragraph_bits, document_bits, first_document,
                    last_document, filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, builder.entries, builder.documentEntries, builder.run.paragraphBits, builder.run.documentBits,
                firstDocument, lastDocument, builder.filter.data,
            ])
        try db.execute(
            sql: "UPDATE state SET merged_through = max(merged_through, ?), generation = ? WHERE id = 1",
            arguments: [recentRange.1, id])
    }
}

/// Which article numbers in a range exist: one bit each.
private struct LiveDocuments {
    let first: Int64
    private var bits: [UInt64]

    init(db: Database, first: Int64, last: Int64) throws {
        self.first = first
        bits = Array(repeating: 0, count: Int(max(0, last - first + 1) / 64 + 1))
        let numbers = try Int64.fetchCursor(
            db, sql: "SELECT number FROM documents WHERE number >= ? AND number <= ?", arguments: [first, last])
        while let number = try numbers.next() {
            let offset = Int(number - first)
            bits[offset / 64] |= 1 << UInt64(offset % 64)
        }
    }

    func contains(_ number: Int64) -> Bool {
        let offset = Int(number - first)
        guard offset >= 0, offset / 64 < bits.count else { return false }
        return bits[offset / 64] & (1 << UInt64(offset % 64)) != 0
    }
}

/// Sorted entries from memory or from a run's blocks, one block at a time.
struct EntryCursor {
    private var entries: [BandEntry]
    private var position = 0
    private let run: BandRun?
    private let statement: OpaquePointer?
    private let path: String
    private var exhausted = false
    /// The rowid of the block being read.
    private(set) var block: Int64 = -1

    init(entries: [BandEntry]) {
        self.entries = entries
        run = nil
        statement = nil
        path = ""
    }

    init(run: BandRun, statement: OpaquePointer?, path: String) {
        entries = []
        self.run = run
        self.statement = statement
        self.path = path
    }

    mutating func current() throws -> BandEntry? {
        while position == entries.count {
            guard let run, !exhausted else { return nil }
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE {
                exhausted = true
                return nil
            }
            guard code == SQLITE_ROW else {
                throw NearDupIndexError.storage(path: path, reason: "reading run \(run.id) failed (\(code))")
            }
            let id = sqlite3_column_int64(statement, 0)
            block = id
            let count = Int(sqlite3_column_bytes(statement, 1))
            guard count % BandRun.entrySize == 0, let pointer = sqlite3_column_blob(statement, 1) else {
                throw NearDupIndexError.corrupt(path: path, reason: "band key block \(id) is damaged")
            }
            entries.removeAll(keepingCapacity: true)
            position = 0
            for index in 0..<(count / BandRun.entrySize) {
                let offset = index * BandRun.entrySize
                let low = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let reference = Int64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset + 4, as: Int64.self))
                entries.append(BandEntry(key: run.key(blockID: id, low: low), reference: reference))
            }
        }
        return entries[position]
    }

    mutating func advance() { position += 1 }

    /// Passes on the entries of the current block that are below `bound`, in order.
    mutating func drain(below bound: BandEntry, _ body: (BandEntry) throws -> Void) rethrows {
        while position < entries.count && entries[position] < bound {
            try body(entries[position])
            position += 1
        }
    }
}

/// Writes a new run's blocks in key order, and its filter.
private struct RunBuilder {
    let run: BandRun
    var filter: BandFilter
    let insert: OpaquePointer?
    let db: Database
    private(set) var entries = 0
    private(set) var documentEntries = 0
    private var block: Int64 = -1
    private var bytes: [UInt8] = []

    init(run: BandRun, filter: BandFilter, insert: OpaquePointer?, db: Database) {
        self.run = run
        self.filter = filter
        self.insert = insert
        self.db = db
    }

    mutating func append(_ entry: BandEntry) throws {
        let id = run.blockID(of: entry.key)
        if id != block {
            try finish()
            block = id
        }
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: entry.key).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: entry.reference.littleEndian) { bytes.append(contentsOf: $0) }
        filter.insert(entry.key)
        entries += 1
        if IndexSchema.isDocumentKey(entry.key) { documentEntries += 1 }
    }

    /// Writes the block being built, if any.
    mutating func finish() throws {
        guard !bytes.isEmpty else { return }
        sqlite3_reset(insert)
        sqlite3_bind_int64(insert, 1, block)
        // SQLITE_STATIC: the bytes stay put until the step below is done.
        let step = bytes.withUnsafeBytes { buffer -> Int32 in
            let code = sqlite3_bind_blob(insert, 2, buffer.baseAddress, Int32(buffer.count), nil)
            return code == SQLITE_OK ? sqlite3_step(insert) : code
        }
        sqlite3_reset(insert)
        guard step == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

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
        let (lower, upper) = BandRun.blockRange(run: run.id)
        let statement = try store.db.makeStatement(
            sql: "SELECT id, data FROM run_blocks WHERE id >= ? AND id < ? ORDER BY id")
        try statement.setArguments([lower, upper])
        var cursor = EntryCursor(run: run, statement: statement.sqliteStatement, path: path)
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
                IndexSchema.isDocumentKey(entry.key)
                ? entry.reference : IndexSchema.split(paragraphReference: entry.reference).document
            if document < run.firstDocument || document > run.lastDocument { misplaced += 1 }
            if isLive(document) { live += 1 } else { stale += 1 }
            previous = entry
            cursor.advance()
        }
        withExtendedLifetime(statement) {}
        if misplaced > 0 { problems.append("run \(run.id): \(misplaced) band keys out of order or out of place") }
        if unfiltered > 0 { problems.append("run \(run.id): \(unfiltered) band keys missing from its filter") }
        if entries != run.entries {
            problems.append("run \(run.id) holds \(entries) band keys, its row says \(run.entries)")
        }
        return (live, stale, problems)
    }
}
