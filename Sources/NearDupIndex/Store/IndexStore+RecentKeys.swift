internal import GRDB
internal import GRDBSQLite

/// The band keys of the recent articles (those not merged into a run yet), read back from their
/// `keys` blobs.
extension IndexStore {
    /// Calls `body` with the band keys of each article numbered `after + 1 ... through`, in order
    /// (read straight from SQLite's buffer into one reused array).
    /// - Throws: `NearDupIndexError.corrupt` when an article's `keys` do not fit its counts.
    func recentKeys(
        after: Int64, through: Int64, bands: Int, path: String, each body: ([BandEntry]) -> Void
    ) throws {
        guard through > after else { return }
        let sql =
            "SELECT number, matchable, signed, rewrite_samples, keys FROM documents WHERE number > ? AND number <= ? "
            + "ORDER BY number"
        // Safety: the handle belongs to GRDB's cached statement, alive as long as `db`, and reset
        // on exit; each row's blob is read before the next step, which invalidates it.
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
            let count = Int(sqlite3_column_bytes(handle, 4))
            let bytes = UnsafeRawBufferPointer(start: count == 0 ? nil : sqlite3_column_blob(handle, 4), count: count)
            entries.removeAll(keepingCapacity: true)
            let fits = StoredKeys.decode(
                bytes, number: number, matchable: Int(sqlite3_column_int64(handle, 1)),
                signed: sqlite3_column_int64(handle, 2) != 0, samples: Int(sqlite3_column_int64(handle, 3)),
                bands: bands, into: &entries)
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
}
