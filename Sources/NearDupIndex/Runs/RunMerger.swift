import Foundation
internal import GRDB
internal import GRDBSQLite
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
    let filterBudget: Int

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
            try store.db.execute(sql: "UPDATE state SET merged_through = ? WHERE id = 1", arguments: [last])
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
        let db = store.db
        let (_, generation) = try store.bandState(path: path)
        let id = generation + 1
        let firstDocument = ([recentRange.0] + merging.map(\.firstDocument)).min()!
        let lastDocument = ([recentRange.1] + merging.map(\.lastDocument)).max()!
        let live = try LiveDocuments(db: db, first: firstDocument, last: lastDocument)
        let documentEntries = recent.documentCount + merging.reduce(0) { $0 + $1.documentEntries }
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
        var cursors = [EntryCursor(buckets: recent)]
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

/// Sorted entries from memory, one bucket at a time, or from a run's blocks, one block at a time.
struct EntryCursor {
    private var entries: [BandEntry] = []
    private var position = 0
    private let buckets: EntryBuckets?
    private var nextBucket = 0
    private let run: BandRun?
    private let statement: OpaquePointer?
    private let path: String
    private var exhausted = false
    /// The rowid of the block being read.
    private(set) var block: Int64 = -1

    init(buckets: EntryBuckets) {
        self.buckets = buckets
        run = nil
        statement = nil
        path = ""
    }

    init(run: BandRun, statement: OpaquePointer?, path: String) {
        buckets = nil
        self.run = run
        self.statement = statement
        self.path = path
    }

    mutating func current() throws -> BandEntry? {
        while position == entries.count {
            if let buckets {
                guard nextBucket < buckets.bucketCount else { return nil }
                entries = buckets.sortedEntries(ofBucket: nextBucket)
                nextBucket += 1
                position = 0
                continue
            }
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
    /// The block being built: per entry its low key and its reference's low and high halves, as
    /// little-endian words (12 bytes, the stored layout).
    private var words: [UInt32] = []

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
        let reference = UInt64(bitPattern: entry.reference)
        words.append(UInt32(truncatingIfNeeded: entry.key).littleEndian)
        words.append(UInt32(truncatingIfNeeded: reference).littleEndian)
        words.append(UInt32(truncatingIfNeeded: reference >> 32).littleEndian)
        filter.insert(entry.key)
        entries += 1
        if IndexSchema.isDocumentKey(entry.key) { documentEntries += 1 }
    }

    /// Writes the block being built, if any.
    mutating func finish() throws {
        guard !words.isEmpty else { return }
        sqlite3_reset(insert)
        sqlite3_bind_int64(insert, 1, block)
        // SQLITE_STATIC: the bytes stay put until the step below is done.
        let step = words.withUnsafeBytes { buffer -> Int32 in
            let code = sqlite3_bind_blob(insert, 2, buffer.baseAddress, Int32(buffer.count), nil)
            return code == SQLITE_OK ? sqlite3_step(insert) : code
        }
        sqlite3_reset(insert)
        guard step == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        words.removeAll(keepingCapacity: true)
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

/// Band entries gathered by (kind, band), given back sorted by key one bucket at a time.
///
/// The entries must come in reference order within each bucket (as `StoredKeys` gives an article's
/// keys, articles in number order). Each entry is packed as `key << 32 | position` (its 32-bit key
/// and its place in the bucket), and a bucket's packed values sort in linear time (uniform hashes
/// on top) into the `(key, reference)` order of `BandEntry`. 16 bytes per entry while gathered.
struct EntryBuckets {
    private let bands: Int
    private var packed: [[UInt64]]
    private var references: [[Int64]]
    /// Entries gathered.
    private(set) var count = 0
    /// Of which whole-text keys.
    private(set) var documentCount = 0

    init(bands: Int) {
        self.bands = max(1, bands)
        packed = Array(repeating: [], count: 2 * self.bands)
        references = Array(repeating: [], count: 2 * self.bands)
    }

    /// Buckets in key order: the paragraph keys' bands, then the whole-text keys' bands.
    var bucketCount: Int { packed.count }

    mutating func append(_ entry: BandEntry) {
        let isDocument = IndexSchema.isDocumentKey(entry.key)
        let band = min(Int((entry.key >> 32) & IndexSchema.bandMask), bands - 1)
        let bucket = (isDocument ? bands : 0) + band
        packed[bucket].append(UInt64(UInt32(truncatingIfNeeded: entry.key)) << 32 | UInt64(references[bucket].count))
        references[bucket].append(entry.reference)
        count += 1
        if isDocument { documentCount += 1 }
    }

    /// The entries of bucket `bucket`, sorted by key, then reference.
    func sortedEntries(ofBucket bucket: Int) -> [BandEntry] {
        var values = packed[bucket]
        _ = sortAndUnique(&values, from: 0)
        let high = Int64(bucket >= bands ? 1 : 0) << IndexSchema.kindShift | Int64(bucket % bands) << 32
        return values.map { value in
            BandEntry(key: high | Int64(value >> 32), reference: references[bucket][Int(value & 0xFFFF_FFFF)])
        }
    }
}
