internal import GRDB

/// How a connection is set up, and what runs on the whole file.
extension IndexStore {
    /// Sets a new connection's pragmas: a page cache of `cacheKibibytes`, cell checks, and for a
    /// writer the page size of a new file and the size the log is cut back to.
    func configureConnection(cacheKibibytes: Int) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(cacheKibibytes)")
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

    /// Sets what a committed write survives (`PRAGMA synchronous`), outside any transaction.
    func setDurability(_ durability: NearDupIndex.Durability) throws {
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
    }

    /// Rebuilds the file without free pages (`VACUUM`), then checkpoints the write-ahead log into
    /// it and truncates the log; outside any transaction.
    func vacuumAndTruncateLog() throws {
        try db.execute(sql: "VACUUM")
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// SQLite's `integrity_check` (every page, B-tree and index): `["ok"]`, or what is wrong.
    func integrityCheck() throws -> [String] {
        try String.fetchAll(db, sql: "PRAGMA integrity_check")
    }

    /// SQLite's `quick_check` (every page, without comparing indexes to tables): `["ok"]`, or what is wrong.
    func quickCheck() throws -> [String] {
        try String.fetchAll(db, sql: "PRAGMA quick_check")
    }

    /// Bytes of the database file (pages in use and free) and of its free pages.
    func fileSizes() throws -> (fileBytes: Int, freeBytes: Int) {
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        let fileBytes = (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * pageSize
        let freeBytes = (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0) * pageSize
        return (fileBytes, freeBytes)
    }
}
