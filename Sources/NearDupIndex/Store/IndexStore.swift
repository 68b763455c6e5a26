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
