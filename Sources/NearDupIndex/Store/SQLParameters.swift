import Foundation
internal import GRDBSQLite

/// Binds a statement's parameters in order through the SQLite C API, texts with their byte length;
/// `code` keeps the first failure (a text or blob over SQLite's size limit).
struct SQLParameters {
    // Safety: made only by `IndexStore.forEachRow` for the statement handle it holds, and used
    // before that call returns.
    private let statement: OpaquePointer
    private var index: Int32 = 0
    private(set) var code = SQLITE_OK

    init(statement: OpaquePointer) { self.statement = statement }

    private mutating func next(_ bind: (OpaquePointer, Int32) -> Int32) {
        index += 1
        if code == SQLITE_OK { code = bind(statement, index) }
    }

    mutating func bind(_ value: Int64) { next { sqlite3_bind_int64($0, $1, value) } }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Double?) {
        next { statement, index in
            value.map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
        }
    }

    /// Binds `text` (NULL for `nil`) with all its UTF-8 bytes, U+0000 included.
    mutating func bind(_ text: String?) {
        next { statement, index in
            guard var text else { return sqlite3_bind_null(statement, index) }
            // Safety: SQLITE_TRANSIENT makes SQLite copy the bytes before `withUTF8` returns.
            return text.withUTF8 { bytes in
                // An empty buffer may have no address, which SQLite would take for NULL.
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text64(statement, index, "", 0, Self.transient, UInt8(SQLITE_UTF8))
                }
                return sqlite3_bind_text64(
                    statement, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), UInt64(bytes.count),
                    Self.transient, UInt8(SQLITE_UTF8))
            }
        }
    }

    mutating func bind(_ data: Data) {
        next { statement, index in
            // Safety: SQLITE_TRANSIENT makes SQLite copy the bytes before `withUnsafeBytes` returns.
            data.withUnsafeBytes { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(statement, index, 0)
                }
                return sqlite3_bind_blob64(statement, index, start, UInt64(bytes.count), Self.transient)
            }
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the value before the call returns.
    // Safety: SQLite defines it as the destructor pointer -1, which it compares and never calls.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
