public import Foundation
internal import GRDB
public import NearDup

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
    /// The index file.
    public let path: String
    /// The options the index was built with (stored in it).
    public let options: NearDupOptions
    /// How it was opened.
    public let configuration: Configuration
    /// Prepares (splits, shingles, signs) and verifies articles with `options`.
    let engine: NearDupEngine
    /// The writer connection and the readers.
    let pool: DatabasePool
    /// The writer's lock, held while the index is open; `nil` when read-only.
    private let lock: IndexLock?
    /// The runs' filters and the recent articles' keys, shared by every transaction.
    let bands: BandCache

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
        try configuration.validate()
        let exists = FileManager.default.fileExists(atPath: path)
        if configuration.readOnly && !exists { throw .missing(path: path) }
        lock = configuration.readOnly ? nil : try IndexLock(indexPath: path, timeout: configuration.lockTimeout)
        // An existing file is looked at through a read-only connection first: opening it for writing
        // puts it in WAL mode and writes to it (GRDB makes sure the log is not empty), which must not
        // happen to a file that is not a sound index.
        let found = exists ? try IndexFile.inspect(path: path, configuration: configuration) : nil
        let stored: NearDupOptions
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
            stored = try Self.storedOptions(in: pool, found: found, creatingWith: options, configuration: configuration)
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
        engine = try Self.makeEngine(options: effective, configuration: configuration)
        bands = BandCache(bandCount: engine.bandLayout.bandCount, path: path)
    }

    /// Opens the connections to `path`, each set up by `IndexStore.configureConnection`, the
    /// writer with the durability asked for.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var sqlite = GRDB.Configuration()
        sqlite.readonly = configuration.readOnly
        sqlite.busyMode = .timeout(10)
        sqlite.maximumReaderCount = 4
        let cacheKibibytes = configuration.cacheMebibytes * 1024
        sqlite.prepareDatabase { db in try IndexStore(db: db).configureConnection(cacheKibibytes: cacheKibibytes) }
        let pool = try DatabasePool(path: path, configuration: sqlite)
        if !configuration.readOnly {
            // After the pool is open: putting the writer in WAL mode sets `synchronous = NORMAL`.
            try pool.writeWithoutTransaction { db in try IndexStore(db: db).setDurability(configuration.durability) }
        }
        return pool
    }

    /// The options of the index: `found` (those of an existing index, which a writer marks as of
    /// this schema version), or those of a new index made with `asked` or the defaults.
    private static func storedOptions(
        in pool: DatabasePool, found: NearDupOptions?, creatingWith asked: NearDupOptions?,
        configuration: Configuration
    ) throws -> NearDupOptions {
        if let found {
            if !configuration.readOnly {
                // A version 2 index is marked as version 3 before this NearDup writes to it.
                try pool.write { db in try IndexStore(db: db).markSchemaVersionCurrent() }
            }
            return found
        }
        let fresh = asked ?? NearDupOptions()
        do throws(NearDupError) { try fresh.validate() } catch { throw NearDupIndexError.invalidOption(error) }
        try pool.write { db in try IndexStore(db: db).createIndex(options: fresh) }
        return fresh
    }

    /// The engine that prepares and verifies articles with `options`, releasing free memory between
    /// stages when `configuration` asks for it.
    private static func makeEngine(
        options: NearDupOptions, configuration: Configuration
    ) throws(NearDupIndexError) -> NearDupEngine {
        do throws(NearDupError) {
            var engine = try NearDupEngine(options: options)
            engine.releasesFreeMemoryBetweenStages = configuration.releasesFreeMemoryBetweenStages
            return engine
        } catch {
            throw .invalidOption(error)
        }
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
                let numbers = try documents.indices.map {
                    try insert($0, of: workspace, storingKeys: !merges, store: store)
                }
                if merges {
                    try merger(store).mergeRecent(batch: numbers.first!...numbers.last!) { buckets in
                        for (index, number) in zip(documents.indices, numbers) {
                            workspace.appendEntries(of: index, number: number, to: &buckets)
                        }
                    }
                }
                return answers.map(\.added)
            }
        }
    }

    /// The merger of the runs of the transaction running on `store`'s connection.
    func merger(_ store: IndexStore) -> RunMerger {
        RunMerger(
            store: store, bands: engine.bandLayout.bandCount, path: path,
            filterBytes: configuration.filterMebibytes << 20)
    }

    /// The engine's options hold `configuration.threadCount`.
    private var threadCount: Int { engine.options.resolvedThreadCount }

    private func makeWorkspace(_ documents: [Document]) -> MatchWorkspace {
        MatchWorkspace(engine: engine, batch: documents, threads: threadCount, path: path, now: Date())
    }

    /// Inserts batch article `index` and returns its number.
    private func insert(_ index: Int, of workspace: MatchWorkspace, storingKeys: Bool, store: IndexStore) throws
        -> Int64
    {
        let corpus = workspace.corpus
        return try store.insertArticle(
            workspace.documents[index], added: workspace.now, contentWords: workspace.contentWords[index],
            matchable: workspace.matchableParagraphs(of: index).count, signed: corpus.hasSignature(document: index),
            rewriteSamples: workspace.sampleKeys[index].count,
            layout: StoredParagraph.encode(corpus.paragraphs(ofDocument: index), of: corpus),
            keys: storingKeys ? workspace.storedKeys(of: index) : Data())
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
            try pool.write { db in try IndexStore(db: db).removeArticle(id: id) }
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
            try pool.write { db in try IndexStore(db: db).removeArticles(before: cutoff) }
        }
    }

    // MARK: - Errors

    /// Runs `body`, turning what it throws into a `NearDupIndexError`.
    func run<T>(_ body: () throws -> T) throws(NearDupIndexError) -> T {
        do {
            return try body()
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    /// `error` as a `NearDupIndexError` of the index at `path`: SQLite's corruption and busy codes
    /// become `.corrupt` and `.locked`, anything else `.storage`.
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
