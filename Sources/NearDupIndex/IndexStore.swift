import Foundation
internal import GRDB
internal import GRDBSQLite
import NearDup

/// The SQL the index runs, on one connection inside one transaction. The hot statements (band
/// lookups and inserts) bind and step through the SQLite C API on GRDB's cached statements, which
/// costs a fraction of building GRDB arguments per row.
struct IndexStore {
    let db: Database

    /// The stored paragraphs whose band keys are among `keys`, as `(key, paragraph reference)` pairs.
    /// - Complexity: One index seek per key.
    func paragraphHits(keys: [Int64]) throws -> [(key: Int64, reference: Int64)] {
        try pairs(sql: "SELECT key, paragraph FROM paragraph_bands WHERE key IN (SELECT value FROM json_each(?))", keys)
    }

    /// The stored articles whose whole-text band keys are among `keys`.
    func documentHits(keys: [Int64]) throws -> [Int64] {
        try pairs(sql: "SELECT key, document FROM document_bands WHERE key IN (SELECT value FROM json_each(?))", keys)
            .map(\.1)
    }

    private func pairs(sql: String, _ keys: [Int64]) throws -> [(key: Int64, reference: Int64)] {
        guard !keys.isEmpty else { return [] }
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        let json = "[" + keys.map(String.init).joined(separator: ",") + "]"
        sqlite3_bind_text(handle, 1, json, -1, Self.transient)
        var result: [(Int64, Int64)] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw error(code) }
            result.append((sqlite3_column_int64(handle, 0), sqlite3_column_int64(handle, 1)))
        }
        return result
    }

    /// Inserts `(key, reference)` rows into `table` (`paragraph_bands` or `document_bands`), in key order.
    func insertBands(_ rows: [(key: Int64, reference: Int64)], into table: String, column: String) throws {
        try step(rows.sorted { $0 < $1 }, sql: "INSERT INTO \(table) (key, \(column)) VALUES (?, ?)")
    }

    /// Deletes `(key, reference)` rows from `table`.
    func deleteBands(_ rows: [(key: Int64, reference: Int64)], from table: String, column: String) throws {
        try step(rows, sql: "DELETE FROM \(table) WHERE key = ? AND \(column) = ?")
    }

    private func step(_ rows: [(key: Int64, reference: Int64)], sql: String) throws {
        guard !rows.isEmpty else { return }
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        for (key, reference) in rows {
            sqlite3_bind_int64(handle, 1, key)
            sqlite3_bind_int64(handle, 2, reference)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw error(code) }
            sqlite3_reset(handle)
        }
    }

    /// Reads one stored article, or `nil` if there is none with that number.
    /// - Throws: `NearDupIndexError.corrupt` if its layout is damaged.
    func article(number: Int64, path: String) throws -> StoredArticle? {
        let sql = """
            SELECT id, published, source, added, content_words, layout, text FROM documents WHERE number = ?
            """
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [number]) else { return nil }
        return try article(row: row, number: number, path: path)
    }

    /// The stored article with the caller's id, or `nil`.
    func article(id: String, path: String) throws -> StoredArticle? {
        let sql = "SELECT number FROM documents WHERE id = ?"
        guard let number = try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) else { return nil }
        return try article(number: number, path: path)
    }

    private func article(row: Row, number: Int64, path: String) throws -> StoredArticle {
        let text: String = row["text"]
        let published: Double? = row["published"]
        let document = Document(
            id: row["id"], text: text, published: published.map { Date(timeIntervalSince1970: $0) },
            source: row["source"])
        guard let layout = StoredParagraph.decode(row["layout"], textLength: text.utf8.count) else {
            throw NearDupIndexError.corrupt(path: path, reason: "the paragraph layout of article \"\(document.id)\"")
        }
        return StoredArticle(
            number: number, document: document, added: Date(timeIntervalSince1970: row["added"]),
            contentWords: row["content_words"], layout: layout)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    /// SQLite copies bound text before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
