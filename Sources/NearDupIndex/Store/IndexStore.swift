import Foundation
internal import GRDB
internal import GRDBSQLite
import NearDup

/// The SQL the index runs, on one connection inside one transaction. The hot statements (band
/// block reads and writes, in `BandStore.swift` and `BandMerge.swift`) bind and step through the
/// SQLite C API on GRDB's statements, which costs a fraction of building GRDB arguments per row.
///
/// Every statement that binds or reads text (ids, sources, article texts) goes through the C API
/// too, with the text's byte length (`SQLParameters`, `SQLRow`): GRDB binds a `String` as a C
/// string and reads one back as a C string, so both stop at the first U+0000.
struct IndexStore {
    let db: Database

    /// Reads one stored article, or `nil` if there is none with that number.
    /// - Throws: `NearDupIndexError.corrupt` if its layout is damaged.
    func article(number: Int64, path: String) throws -> StoredArticle? {
        let sql = """
            SELECT id, published, source, added, content_words, layout, text FROM documents WHERE number = ?
            """
        return try firstRow(sql, { $0.bind(number) }) { row in
            let text = row.text(6) ?? ""
            let document = Document(
                id: row.text(0) ?? "", text: text, published: row.double(1).map { Date(timeIntervalSince1970: $0) },
                source: row.text(2))
            guard let layout = StoredParagraph.decode(row.blob(5), textLength: text.utf8.count) else {
                throw NearDupIndexError.corrupt(
                    path: path, reason: "the paragraph layout of article \"\(document.id)\"")
            }
            return StoredArticle(
                number: number, document: document, added: Date(timeIntervalSince1970: row.double(3) ?? 0),
                contentWords: Int(row.integer(4)), layout: layout)
        }
    }

    /// The ids among `ids` that are indexed.
    func indexedIDs(among ids: some Sequence<String>) throws -> [String] {
        try ids.filter { try number(ofID: $0) != nil }
    }

    /// The number of the article with id `id`, if it is indexed.
    func number(ofID id: String) throws -> Int64? {
        try firstRow("SELECT number FROM documents WHERE id = ?", { $0.bind(id) }) { $0.integer(0) }
    }

    func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    // MARK: - Statements through the C API

    /// Runs `sql` (a change) with the parameters `bind` sets.
    func execute(_ sql: String, _ bind: (inout SQLParameters) -> Void) throws {
        try forEachRow(sql, bind) { _ in true }
    }

    /// The first row of `sql` with the parameters `bind` sets, as `read` makes it; `nil` if there is none.
    func firstRow<T>(_ sql: String, _ bind: (inout SQLParameters) -> Void, read: (SQLRow) throws -> T) throws -> T? {
        var first: T?
        try forEachRow(sql, bind) { row in
            first = try read(row)
            return false
        }
        return first
    }

    /// Calls `body` with each row of `sql` (with the parameters `bind` sets) while it returns `true`.
    func forEachRow(_ sql: String, _ bind: (inout SQLParameters) -> Void, _ body: (SQLRow) throws -> Bool) throws {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var parameters = SQLParameters(statement: handle)
        bind(&parameters)
        if parameters.code != SQLITE_OK { throw error(parameters.code) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            guard try body(SQLRow(statement: handle)) else { return }
        }
    }
}

/// Binds a statement's parameters in order through the SQLite C API, texts with their byte length;
/// `code` keeps the first failure (a text or blob over SQLite's size limit).
struct SQLParameters {
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
            data.withUnsafeBytes { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(statement, index, 0)
                }
                return sqlite3_bind_blob64(statement, index, start, UInt64(bytes.count), Self.transient)
            }
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The current row of a statement stepped through the C API; valid until the next step.
struct SQLRow {
    let statement: OpaquePointer

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }

    /// The column's text with all its bytes (U+0000 included); `nil` for NULL.
    func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        // The text first, then its length (the order SQLite asks for).
        guard let start = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The column's bytes (empty for NULL).
    func blob(_ column: Int32) -> Data {
        guard let start = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: start, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
