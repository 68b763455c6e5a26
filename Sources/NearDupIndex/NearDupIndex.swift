import Foundation
internal import GRDB
import NearDup

/// A persistent, incremental NearDup index: an SQLite file that answers "have we already got this
/// article, or part of it?" for each new article, across restarts.
///
/// ```swift
/// let index = try NearDupIndex(path: "articles.neardup")   // created if missing, default options
/// let answer = try index.add(Document(id: "a1", text: text, published: date))
/// if let original = answer.duplicateOf { print("copy of", original.id, original.relation) }
/// try index.evict(olderThan: Date().addingTimeInterval(-30 * 86_400))
/// ```
///
/// `check` and `add` give, for one article, every indexed article it shares verified text with:
/// the paragraph matches with exact Jaccard and containments, both coverages, the whole-text
/// Jaccard and the relation, computed with the batch engine's rules (see docs/index.md, "Same
/// answers as `scan`", for the one intentional difference, the cross-document `recurring` rule).
///
/// Concurrency: one `NearDupIndex` can be used from many threads at once; reads (`check`, `count`,
/// `statistics`) run concurrently on their own connections (WAL snapshots) while one write at a
/// time goes through the writer connection. Across processes, any number may open the index
/// read-only, and one may open it for writing: it holds an exclusive lock on `PATH.lock` while
/// open, and a second writer fails with `NearDupIndexError.locked` (or waits up to
/// `Configuration.lockTimeout`).
///
/// Durability: each `add`, `add(contentsOf:)`, `remove` and `evict` is one SQLite transaction; with
/// the default `Durability.full` it is on disk (fsync of the write-ahead log) when the call returns.
/// The add that brings the recent articles (those not in a sorted run yet) to
/// `Configuration.mergeThreshold` merges them into a run in the same transaction; a large batch
/// does so at once, and its keys are written sequentially, never one B-tree insert per key.
public final class NearDupIndex: Sendable {
    /// How an index is opened.
    public struct Configuration: Sendable {
        /// Open without writing: no lock is taken, and the index must exist.
        public var readOnly = false
        /// How long a writer waits for another writer's lock before failing with `.locked`.
        public var lockTimeout: Duration = .zero
        /// What a returned write survives.
        public var durability: Durability = .full
        /// SQLite's page cache per connection, in MiB: the memory the index uses beyond one batch.
        public var cacheMebibytes = 64
        /// Threads that prepare the articles of `add(contentsOf:)`/`check(contentsOf:)`; `nil` for every core.
        public var threadCount: Int?
        /// Recent articles (whose band keys each index keeps in memory, 20 to 40 KB per article)
        /// that make a writer merge them into a sorted run, in the add that reaches the number.
        /// Larger: fewer, larger merges and more memory.
        public var mergeThreshold = 1024
        /// Memory for the runs' Bloom filters, in MiB, shared by the index's connections: about 10
        /// bits per stored band key until the budget is reached, then fewer (more needless block
        /// reads, never a wrong answer).
        public var filterMebibytes = 64
        /// The most matches an answer lists (its strongest); also the most articles sharing one
        /// band key that an article is compared with (the earliest added), and a quarter of the
        /// candidates verified for one article (those sharing the most paragraphs with it). Past any
        /// of these, the answer is marked `isTruncated`. This bounds the time and memory of an
        /// article that thousands of indexed articles share text with (the same short text
        /// repeated, a shared passage), which would otherwise grow with their number. For identical
        /// texts, the earliest is still the `duplicateOf`.
        public var maximumMatches = 20
        /// Whether opening reads every page of the file first (SQLite's `quick_check`) and refuses a
        /// damaged index with `.corrupt`, even where the calls made would not look. Without it, damage
        /// is found in the pages a call reads (and by `checkIntegrity()`). It costs about half a
        /// second per GB of index from the page cache, several times that from disk.
        public var verifiesPagesOnOpen = false

        /// Creates the default configuration: read-write, fail at once when locked, fully durable.
        public init() {}
    }

    /// What a write survives once it returns.
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// A crash of the process or of the machine (`PRAGMA synchronous = FULL`).
        case full
        /// A crash of the process; the last writes may be lost if the machine loses power
        /// (`PRAGMA synchronous = NORMAL`, faster).
        case process
    }

    /// The index file.
    public let path: String
    /// The options the index was built with (stored in it).
    public let options: NearDupOptions
    /// How it was opened.
    public let configuration: Configuration
    private let engine: NearDupEngine
    private let pool: DatabasePool
    private let lock: IndexLock?
    private let bands: BandCache

    /// Opens the index at `path`, creating it if it is missing (unless read-only).
    /// - Parameters:
    ///   - path: The index file; `PATH-wal`, `PATH-shm` and `PATH.lock` live next to it.
    ///   - options: The options to build with, or to check against those stored; `nil` opens an
    ///     existing index with its own options (and creates a new one with the defaults).
    ///   - configuration: Read-only or read-write, lock wait, durability, cache.
    /// - Throws: `.locked` if another writer has it; `.optionsMismatch` or `.versionMismatch` if it
    ///   was built differently; `.corrupt` if the file is not a sound index; `.missing` if it does
    ///   not exist and `readOnly` is set; `.invalidOption` for options out of range.
    public init(
        path: String, options: NearDupOptions? = nil, configuration: Configuration = Configuration()
    ) throws(NearDupIndexError) {
        self.path = path
        self.configuration = configuration
        if configuration.mergeThreshold < 1 {
            throw .invalidOption(.invalidOption(name: "mergeThreshold", expected: "at least 1"))
        }
        if configuration.filterMebibytes < 1 {
            throw .invalidOption(.invalidOption(name: "filterMebibytes", expected: "at least 1"))
        }
        if configuration.maximumMatches < 1 {
            throw .invalidOption(.invalidOption(name: "maximumMatches", expected: "at least 1"))
        }
        let exists = FileManager.default.fileExists(atPath: path)
        if configuration.readOnly && !exists { throw .missing(path: path) }
        lock = configuration.readOnly ? nil : try IndexLock(indexPath: path, timeout: configuration.lockTimeout)
        // An existing file is looked at through a read-only connection first: opening it for writing
        // puts it in WAL mode and writes to it (GRDB makes sure the log is not empty), which must not
        // happen to a file that is not a sound index.
        let found = exists ? try IndexFile.inspect(path: path, configuration: configuration) : nil
        var sqlite = GRDB.Configuration()
        sqlite.readonly = configuration.readOnly
        sqlite.busyMode = .timeout(10)
        sqlite.maximumReaderCount = 4
        let cache = configuration.cacheMebibytes * 1024
        sqlite.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -\(cache)")
            // Check each B-tree page's cells as it is read: a damaged page fails with SQLITE_CORRUPT
            // (`.corrupt`) instead of being read on or written into.
            try db.execute(sql: "PRAGMA cell_size_check = ON")
            if !db.configuration.readonly {
                // Only takes effect on a new file: 16 KB pages, a quarter of the system calls per merged byte.
                try db.execute(sql: "PRAGMA page_size = 16384")
                // A merge writes a whole run through the log; give the space back after it.
                try db.execute(sql: "PRAGMA journal_size_limit = \(64 << 20)")
            }
        }
        let stored: NearDupOptions
        do {
            pool = try DatabasePool(path: path, configuration: sqlite)
            if !configuration.readOnly {
                // After the pool is open: putting the writer in WAL mode sets `synchronous = NORMAL`.
                let synchronous = configuration.durability == .full ? "FULL" : "NORMAL"
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            }
            if let found {
                stored = found
                if !configuration.readOnly {
                    // A version 2 index is marked as version 3 before this NearDup writes to it.
                    try pool.write { db in
                        try db.execute(
                            sql: "UPDATE meta SET value = ? WHERE name = 'schema_version' AND value != ?",
                            arguments: [String(IndexSchema.version), String(IndexSchema.version)])
                    }
                }
            } else {
                let fresh = options ?? NearDupOptions()
                do throws(NearDupError) { try fresh.validate() } catch { throw NearDupIndexError.invalidOption(error) }
                try pool.write { db in
                    for statement in IndexSchema.statements { try db.execute(sql: statement) }
                    for (name, value) in StoredOptions.entries(of: fresh) {
                        try db.execute(sql: "INSERT INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
                    }
                }
                stored = fresh
            }
        } catch {
            throw IndexFile.explainOpening(Self.indexError(error, path: path), path: path)
        }
        if let options {
            let differences = StoredOptions.differences(stored: stored, asked: options)
            if !differences.isEmpty { throw .optionsMismatch(path: path, differences: differences) }
        }
        var effective = stored
        effective.threadCount = configuration.threadCount
        self.options = effective
        do throws(NearDupError) {
            engine = try NearDupEngine(options: effective)
        } catch {
            throw .invalidOption(error)
        }
        bands = BandCache(bandCount: engine.bandLayout.bandCount, path: path)
    }

    // MARK: - Checking and adding

    /// The indexed articles that share verified text with `document`, without adding it. An
    /// indexed article with the same id is left out of the answer.
    /// - Throws: `.corrupt` or `.storage` if the index cannot be read.
    /// - Complexity: One index seek per band key of its matchable paragraphs, plus exact
    ///   verification of the candidates.
    public func check(_ document: Document) throws(NearDupIndexError) -> IndexAnswer {
        try check(contentsOf: [document])[0]
    }

    /// Checks each of `documents` against the index (not against each other), in order.
    /// - Throws: `.corrupt` or `.storage` if the index cannot be read.
    public func check(contentsOf documents: [Document]) throws(NearDupIndexError) -> [IndexAnswer] {
        guard !documents.isEmpty else { return [] }
        return try run { [self] in
            try pool.read { db in
                let store = IndexStore(db: db)
                let view = try bands.view(store: store)
                var workspace = makeWorkspace(documents)
                let itself = try documents.map { try store.number(ofID: $0.id) }
                return try workspace.answers(
                    store: store, view: view, excluding: itself, amongBatch: false,
                    limit: configuration.maximumMatches)
            }
        }
    }

    /// Checks `document` against the index and adds it, in one transaction: the answer is
    /// `check`'s, and once the call returns the article is in the index.
    /// - Throws: `.duplicateID` if an article with its id is indexed (nothing is changed);
    ///   `.readOnly`; `.corrupt` or `.storage` if the index cannot be read or written.
    public func add(_ document: Document) throws(NearDupIndexError) -> IndexAnswer {
        try add(contentsOf: [document])[0]
    }

    /// Adds `documents` in order, in one transaction. Each answer is what `add` would have given
    /// for that article after adding the ones before it: later articles are matched against the
    /// earlier ones of the batch too. If the articles waiting for a merge reach
    /// `Configuration.mergeThreshold`, they are merged into a run in the same transaction.
    /// - Throws: `.duplicateID` if an id is indexed or repeated in the batch (nothing is changed);
    ///   `.readOnly`; `.corrupt` or `.storage`.
    /// - Complexity: About linear in the batch's text and band keys (sorted band by band, looked up
    ///   once in key order), plus the candidate pairs, plus, when it merges, a sequential rewrite
    ///   of the runs the new one takes in. Per article, a large batch costs a fraction of single adds.
    public func add(contentsOf documents: [Document]) throws(NearDupIndexError) -> [IndexAnswer] {
        guard !documents.isEmpty else { return [] }
        if configuration.readOnly { throw .readOnly(path: path) }
        var seen = Set<BytewiseID>()
        for document in documents where !seen.insert(BytewiseID(document.id)).inserted {
            throw .duplicateID(document.id)
        }
        return try run { [self] in
            try pool.write { db in
                let store = IndexStore(db: db)
                if let first = try store.indexedIDs(among: documents.map(\.id)).first {
                    throw NearDupIndexError.duplicateID(first)
                }
                let view = try bands.view(store: store)
                var workspace = makeWorkspace(documents)
                let answers = try workspace.answers(
                    store: store, view: view, excluding: Array(repeating: nil, count: documents.count),
                    amongBatch: true,
                    limit: configuration.maximumMatches)
                // Reaching the merge threshold, the batch goes into a run at once, and its keys are
                // not stored in `keys` (which only recent articles need).
                let merges = view.recentDocuments + documents.count >= configuration.mergeThreshold
                let numbers = try documents.indices.map { try insert($0, of: workspace, storingKeys: !merges, db: db) }
                if merges {
                    try merger(db).mergeRecent(batch: numbers.first!...numbers.last!) { buckets in
                        for (index, number) in zip(documents.indices, numbers) {
                            workspace.appendEntries(of: index, number: number, to: &buckets)
                        }
                    }
                }
                return answers.map(\.added)
            }
        }
    }

    private func merger(_ db: Database) -> RunMerger {
        RunMerger(
            store: IndexStore(db: db), bands: engine.bandLayout.bandCount, path: path,
            filterBudget: configuration.filterMebibytes << 20)
    }

    /// Read once: `activeProcessorCount` reads the cgroup files each time (a dozen system calls).
    private static let processorCount = ProcessInfo.processInfo.activeProcessorCount

    private var threadCount: Int { max(1, configuration.threadCount ?? Self.processorCount) }

    private func makeWorkspace(_ documents: [Document]) -> MatchWorkspace {
        MatchWorkspace(engine: engine, batch: documents, threads: threadCount, path: path, now: Date())
    }

    /// Inserts batch article `index` and returns its number.
    private func insert(_ index: Int, of workspace: MatchWorkspace, storingKeys: Bool, db: Database) throws -> Int64 {
        let document = workspace.documents[index]
        let corpus = workspace.corpus
        let paragraphs = corpus.paragraphs(ofDocument: index)
        let added = workspace.now.timeIntervalSince1970
        let published = document.published?.timeIntervalSince1970
        let sql = """
            INSERT INTO documents (id, published, source, added, time, content_words, matchable, signed, layout,
                keys, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        try IndexStore(db: db).execute(sql) { parameters in
            parameters.bind(document.id)
            parameters.bind(published)
            parameters.bind(document.source)
            parameters.bind(added)
            parameters.bind(published ?? added)
            parameters.bind(workspace.contentWords[index])
            parameters.bind(workspace.matchableParagraphs(of: index).count)
            parameters.bind(corpus.documentHasSignature[index] ? 1 : 0)
            parameters.bind(StoredParagraph.encode(paragraphs, of: corpus))
            parameters.bind(storingKeys ? workspace.storedKeys(of: index) : Data())
            parameters.bind(document.text)
        }
        return db.lastInsertedRowID
    }

    /// Whether an article with id `id` is indexed.
    /// - Throws: `.corrupt` or `.storage`.
    public func contains(id: String) throws(NearDupIndexError) -> Bool {
        try !indexedIDs(among: [id]).isEmpty
    }

    /// The ids among `ids` that are indexed, in their order, looked up in one read transaction; ids
    /// are compared by their UTF-8 bytes (NFC and NFD `café` are different articles).
    /// - Throws: `.corrupt` or `.storage`.
    public func indexedIDs(among ids: some Sequence<String>) throws(NearDupIndexError) -> [String] {
        try run { [self] in
            try pool.read { db in try IndexStore(db: db).indexedIDs(among: ids) }
        }
    }

    // MARK: - Removing

    /// Removes the article with id `id`.
    /// - Returns: Whether there was one.
    /// - Throws: `.readOnly`; `.corrupt` or `.storage`.
    @discardableResult
    public func remove(id: String) throws(NearDupIndexError) -> Bool {
        if configuration.readOnly { throw .readOnly(path: path) }
        return try run { [self] in
            try pool.write { db in
                try IndexStore(db: db).execute("DELETE FROM documents WHERE id = ?") { $0.bind(id) }
                return db.changesCount > 0
            }
        }
    }

    /// Removes every article whose time (`published`, or when it was added) is before `cutoff`,
    /// in one transaction.
    /// - Returns: How many were removed.
    /// - Throws: `.readOnly`; `.corrupt` or `.storage`.
    /// - Complexity: Linear in the number of removed articles (their band keys stay in the runs,
    ///   skipped on lookup, until their run is next merged or `compact()` runs).
    @discardableResult
    public func evict(olderThan cutoff: Date) throws(NearDupIndexError) -> Int {
        if configuration.readOnly { throw .readOnly(path: path) }
        return try run { [self] in
            try pool.write { db in
                try db.execute(
                    sql: "DELETE FROM documents WHERE time < ?", arguments: [cutoff.timeIntervalSince1970])
                return db.changesCount
            }
        }
    }

    // MARK: - Facts and maintenance

    /// The number of indexed articles.
    /// - Throws: `.corrupt` or `.storage`.
    public var count: Int {
        get throws(NearDupIndexError) {
            try run { [self] in try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0 }
            }
        }
    }

    /// Counts and sizes.
    /// - Throws: `.corrupt` or `.storage`.
    /// - Complexity: Linear in the number of articles (it sums their rows).
    public func statistics() throws(NearDupIndexError) -> IndexStatistics {
        try run { [self] in
            try pool.read { db in
                var statistics = IndexStatistics()
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT count(*), total(length(layout)), total(matchable), total(signed),
                            CAST(min(time) AS REAL), CAST(max(time) AS REAL)
                        FROM documents
                        """)!
                let bandCount = engine.bandLayout.bandCount
                // Sums of a damaged index can be anything: clamped, never a trap.
                func count(_ total: Double) -> Int { total.isFinite ? Int(max(0, min(total, 1e15))) : 0 }
                statistics.documents = row[0]
                statistics.paragraphs = count((row[1] as Double) / Double(StoredParagraph.encodedSize))
                statistics.matchableParagraphs = count(row[2] as Double)
                statistics.paragraphBandKeys = statistics.matchableParagraphs * bandCount
                statistics.documentBandKeys = count(row[3] as Double) * bandCount
                statistics.oldest = (row[4] as Double?).map { Date(timeIntervalSince1970: $0) }
                statistics.newest = (row[5] as Double?).map { Date(timeIntervalSince1970: $0) }
                let store = IndexStore(db: db)
                let (mergedThrough, _) = try store.bandState(path: path)
                let runs = try store.runs(path: path)
                statistics.runs = runs.count
                statistics.runEntries = runs.reduce(0) { $0 + $1.entries }
                statistics.recentDocuments =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM documents WHERE number > ?", arguments: [mergedThrough])
                    ?? 0
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                statistics.fileBytes = (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * pageSize
                statistics.freeBytes = (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0) * pageSize
                let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
                statistics.walBytes = wal ?? 0
                return statistics
            }
        }
    }

    /// Merges every run and the recent articles into one run (dropping the band keys of removed
    /// articles), checkpoints the write-ahead log into the file and rebuilds the file without free
    /// pages (`VACUUM`), giving back the space of removed articles.
    /// - Throws: `.readOnly`; `.storage` (e.g. too little disk for the copy VACUUM makes).
    public func compact() throws(NearDupIndexError) {
        if configuration.readOnly { throw .readOnly(path: path) }
        try run { [self] in
            try pool.write { db in
                try merger(db).mergeAll()
            }
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// Checks the file (SQLite's `integrity_check`: every page, every B-tree, every index), every
    /// article's layout and band keys, and that the runs hold exactly the keys the merged articles
    /// need, each in its filter.
    /// - Returns: What is wrong, if anything.
    /// - Throws: `.corrupt` when the file cannot be read at all.
    /// - Complexity: Linear in the size of the index.
    public func checkIntegrity() throws(NearDupIndexError) -> IntegrityReport {
        try run { [self] in
            try pool.read { db in
                var problems: [String] = []
                var checked: [String] = []
                let messages = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if messages != ["ok"] { problems += messages.map { "sqlite: \($0)" } }
                checked.append("SQLite integrity_check (pages, B-trees, indexes)")
                let store = IndexStore(db: db)
                let (mergedThrough, _) = try store.bandState(path: path)
                let bandCount = engine.bandLayout.bandCount
                var needed = 0
                var documents = 0
                var live = Set<Int64>()
                let sql = "SELECT number, id, matchable, signed, layout, keys, text FROM documents"
                try store.forEachRow(sql, { _ in }) { row in
                    documents += 1
                    let (number, id, matchable, signed) = (
                        row.integer(0), row.text(1) ?? "", Int(row.integer(2)), row.integer(3) != 0
                    )
                    let text = row.text(6) ?? ""
                    if StoredParagraph.decode(row.blob(4), textLength: text.utf8.count) == nil {
                        problems.append("article \"\(id)\": damaged paragraph layout")
                    }
                    var entries: [BandEntry] = []
                    let keys = row.blob(5)
                    // Articles merged in the transaction that added them have no stored keys.
                    let keysFit =
                        keys.isEmpty && number <= mergedThrough
                        || keys.withUnsafeBytes {
                            StoredKeys.decode(
                                $0, number: number, matchable: matchable, signed: signed, bands: bandCount,
                                into: &entries)
                        }
                    if !keysFit { problems.append("article \"\(id)\": damaged band keys") }
                    if number <= mergedThrough {
                        live.insert(number)
                        needed += (matchable + (signed ? 1 : 0)) * bandCount
                    }
                    return true
                }
                checked.append("\(documents) articles' paragraph layouts and band keys")
                let runs = try store.runs(path: path)
                var found = 0
                var stale = 0
                for run in runs {
                    let report = try RunChecker(store: store, run: run, bands: bandCount, path: path).check { number in
                        live.contains(number)
                    }
                    found += report.live
                    stale += report.stale
                    problems += report.problems
                }
                if found != needed {
                    problems.append("the runs hold \(found) band keys of merged articles, the articles need \(needed)")
                }
                checked.append(
                    "\(runs.count) runs: \(found) band keys in order, in their blocks and filters (\(stale) of removed "
                        + "articles, dropped by the next merge)")
                return IntegrityReport(problems: problems, checked: checked)
            }
        }
    }

    // MARK: - Errors

    private func run<T>(_ body: () throws -> T) throws(NearDupIndexError) -> T {
        do {
            return try body()
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    static func indexError(_ error: any Error, path: String) -> NearDupIndexError {
        if let error = error as? NearDupIndexError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .corrupt(path: path, reason: error.message ?? "\(error.resultCode)")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .locked(path: path)
            default:
                return .storage(path: path, reason: error.message ?? "\(error)")
            }
        }
        return .storage(path: path, reason: "\(error)")
    }
}
