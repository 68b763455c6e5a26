import Foundation
internal import GRDBSQLite

/// The current row of a statement stepped through the C API; valid until the next step.
struct SQLRow {
    // Safety: made only by `IndexStore.forEachRow` for the statement handle it holds, and read
    // before it steps again.
    let statement: OpaquePointer

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    /// The column's text with all its bytes (U+0000 included); `nil` for NULL.
    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        // Safety: the text is SQLite's buffer for the current row, copied into the `String` at once.
        // The text first, then its length (the order SQLite asks for).
        guard let start = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The column's bytes (empty for NULL).
    func blob(_ column: Int32) -> Data {
        // Safety: the blob is SQLite's buffer for the current row, copied into the `Data` at once.
        guard let start = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: start, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
