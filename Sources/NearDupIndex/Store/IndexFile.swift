import Foundation
internal import GRDB
import NearDup

/// The checks an index file passes on every open, cheap whatever its size: what is wrong with the
/// file itself before SQLite opens it, then, once SQLite has opened it (replaying its write-ahead
/// log), its tables. Damage inside the pages is found by SQLite as they are read (`SQLITE_CORRUPT`,
/// with `cell_size_check` on), and by `checkIntegrity()`, which reads every page.
enum IndexFile {
    /// Bytes of a write-ahead log's header: a longer log holds frames SQLite replays on open.
    private static let logHeaderBytes = 32

    /// Refuses a file that is empty or not an SQLite database, and one shorter than its header says
    /// when there is no write-ahead log to complete it.
    ///
    /// With a log, a file shorter than its header says is what a checkpoint cut short leaves (a kill
    /// or a full disk while SQLite copies the log into the file, header page first): SQLite reads
    /// the missing pages from the log, and the next checkpoint writes them. So that is left to SQLite.
    /// - Throws: `.notAnIndex` for an empty file or one that is not an SQLite database; `.corrupt`
    ///   for a truncated one; `.storage` if it cannot be read.
    private static func checkBeforeOpening(path: String) throws(NearDupIndexError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .storage(path: path, reason: "cannot read the file")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        let logged = logBytes > logHeaderBytes
        if size == 0 {
            if logged { return }  // everything is still in the log
            throw .notAnIndex(path: path, reason: "empty file")
        }
        guard header.count == 100, header[0..<16].elementsEqual("SQLite format 3\0".utf8) else {
            throw .notAnIndex(path: path, reason: "not an SQLite database")
        }
        if logged { return }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        let pages = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        if pageSize > 0 && size % pageSize != 0 || pages * pageSize > size {
            throw .corrupt(
                path: path,
                reason: "truncated: \(size) bytes, the header says \(pages) pages of \(pageSize) bytes, "
                    + "and there is no write-ahead log to complete it")
        }
    }

    /// Looks at an existing file through a read-only connection, before anything writes to it.
    /// - Returns: The options of the index; `nil` for an SQLite file with no tables at all (what
    ///   `create` leaves when it is killed before its first transaction), which a writer may make
    ///   an index of.
    /// - Throws: `.notAnIndex` for an SQLite database without NearDup's tables (or with no tables,
    ///   when `configuration` is read-only); `.versionMismatch`; `.corrupt` for damaged tables or,
    ///   with `verifiesPagesOnOpen`, a page SQLite's `quick_check` finds damaged; `.storage`.
    static func inspect(
        path: String, configuration: NearDupIndex.Configuration
    ) throws(NearDupIndexError) -> NearDupOptions? {
        try checkBeforeOpening(path: path)
        var sqlite = GRDB.Configuration()
        sqlite.readonly = true
        sqlite.busyMode = .timeout(10)
        do {
            return try DatabaseQueue(path: path, configuration: sqlite).read { db -> NearDupOptions? in
                let store = IndexStore(db: db)
                guard try store.hasMetaTable() else {
                    if try store.schemaObjectCount() == 0 && !configuration.readOnly { return nil }
                    throw NearDupIndexError.notAnIndex(
                        path: path, reason: "an SQLite database without NearDup's tables")
                }
                let options = try StoredOptions.options(from: store.metaEntries(), path: path)
                try checkTables(store, path: path)
                if configuration.verifiesPagesOnOpen {
                    let messages = try store.quickCheck()
                    if messages != ["ok"] {
                        throw NearDupIndexError.corrupt(path: path, reason: "SQLite's quick_check: \(messages[0])")
                    }
                }
                return options
            }
        } catch {
            throw explainOpening(NearDupIndex.indexError(error, path: path), path: path)
        }
    }

    /// `error`, or a clearer one when SQLite could not open the index because its write-ahead log
    /// holds changes and the shared-memory file that reading them takes (`PATH-shm`) is missing
    /// and cannot be created (a read-only folder or file system).
    static func explainOpening(_ error: NearDupIndexError, path: String) -> NearDupIndexError {
        let manager = FileManager.default
        let logBytes = (try? manager.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard case .storage = error, logBytes > logHeaderBytes, !manager.fileExists(atPath: path + "-shm") else {
            return error
        }
        return .storage(
            path: path,
            reason: "its write-ahead log \(path)-wal holds changes that are not in the file yet, and reading them "
                + "takes \(path)-shm, which is missing and cannot be created here (a read-only folder or file "
                + "system): open the index once where its folder can be written, or copy \(path) and \(path)-wal "
                + "to such a folder")
    }

    /// Refuses an index whose tables are not those `IndexSchema.statements` create (each table with
    /// its columns, by name and declared type), or whose `state` row is missing.
    /// - Throws: `.corrupt`, naming the first difference.
    static func checkTables(_ store: IndexStore, path: String) throws {
        guard let expected = expectedColumns else {
            throw NearDupIndexError.storage(path: path, reason: "SQLite cannot make an index schema in memory")
        }
        let found = try store.columnsByTable()
        for (table, columns) in expected.sorted(by: { $0.key < $1.key }) {
            guard let present = found[table] else {
                throw NearDupIndexError.corrupt(path: path, reason: "no table \(table)")
            }
            if present != columns {
                throw NearDupIndexError.corrupt(
                    path: path,
                    reason: "table \(table) has columns (\(present.joined(separator: ", "))), "
                        + "expected (\(columns.joined(separator: ", ")))")
            }
        }
        _ = try store.bandState(path: path)
    }

    /// The tables `IndexSchema.statements` make, with their columns: made once, in memory.
    private static let expectedColumns: [String: [String]]? = try? DatabaseQueue().write { fresh in
        let store = IndexStore(db: fresh)
        try store.createTables()
        return try store.columnsByTable()
    }
}
