internal import GRDB
internal import GRDBSQLite

/// Reads `run_blocks` rows by rowid, one at a time, on a statement of its own: the block it read
/// stays valid while other lookups read theirs. Made by `IndexStore.blockLookup()`.
struct RunBlockLookup {
    /// Its own statement, which holds the C handle.
    let statement: Statement
    /// For SQLite's error messages.
    let store: IndexStore

    /// The bytes of block `id`, valid until the next `read` (SQLite's own buffer); `nil` when
    /// there is no such block. An empty block's bytes have no address.
    func read(id: Int64) throws -> UnsafeRawBufferPointer? {
        // Safety: `statement` (held here) owns the handle; the blob pointer is SQLite's buffer for the
        // current row, read before its length as SQLite asks, and valid until the next reset or step,
        // which only the next `read` does.
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, id)
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw store.error(code) }
        let start = sqlite3_column_blob(handle, 0)
        return UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(handle, 0)))
    }
}
