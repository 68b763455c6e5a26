internal import GRDB
internal import GRDBSQLite

/// Stores the blocks of a new run, one `run_blocks` row each. Made by `IndexStore.blockWriter()`.
struct RunBlockWriter {
    /// Its own statement, which holds the C handle.
    let statement: Statement
    /// For SQLite's error messages.
    let store: IndexStore

    /// Stores block `id` with `words` (already little-endian) as its bytes.
    func insert(id: Int64, words: [UInt32]) throws {
        // Safety: `statement` (held here) owns the handle. SQLITE_STATIC: SQLite reads the words in
        // place, so the step runs inside `withUnsafeBytes`, and the reset after it drops the binding.
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, id)
        let step = words.withUnsafeBytes { buffer -> Int32 in
            let code = sqlite3_bind_blob(handle, 2, buffer.baseAddress, Int32(buffer.count), nil)
            return code == SQLITE_OK ? sqlite3_step(handle) : code
        }
        sqlite3_reset(handle)
        guard step == SQLITE_DONE else { throw store.error(step) }
    }
}
