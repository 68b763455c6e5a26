internal import GRDB
internal import GRDBSQLite

/// The blocks of one run in rowid order (so its entries come in key order), on a statement of its
/// own. Made by `IndexStore.blockScan(of:path:)`.
struct RunBlockScan {
    private let statement: Statement
    private let run: Int64
    private let path: String
    /// Whether the last block was given (stepping on would start the scan again).
    private var isFinished = false

    init(statement: Statement, run: Int64, path: String) {
        self.statement = statement
        self.run = run
        self.path = path
    }

    /// The next block: its rowid and its bytes, valid until the next call (SQLite's own buffer;
    /// an empty block's bytes have no address); `nil` after the last, however often asked.
    /// - Throws: `NearDupIndexError.storage` when SQLite fails to read it.
    mutating func next() throws -> (id: Int64, bytes: UnsafeRawBufferPointer)? {
        guard !isFinished else { return nil }
        // Safety: `statement` (held here) owns the handle; the blob pointer is SQLite's buffer for the
        // current row, valid until the next step, which only the next call does.
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE {
            isFinished = true
            return nil
        }
        guard code == SQLITE_ROW else {
            throw NearDupIndexError.storage(path: path, reason: "reading run \(run) failed (\(code))")
        }
        let id = sqlite3_column_int64(handle, 0)
        let count = Int(sqlite3_column_bytes(handle, 1))
        let start = sqlite3_column_blob(handle, 1)
        return (id, UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : count))
    }
}
