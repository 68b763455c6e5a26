import Foundation
internal import GRDB
internal import GRDBSQLite
import NearDup

/// The SQL the index runs, on one connection inside one transaction. The hot statements (band
/// block reads and writes, in `BandStore.swift` and `BandMerge.swift`) bind and step through the
/// SQLite C API on GRDB's statements, which costs a fraction of building GRDB arguments per row.
struct IndexStore {
    let db: Database

    /// Reads one stored article, or `nil` if there is none with that number.
    /// - Throws: `NearDupIndexError.corrupt` if its layout is damaged.
    func article(number: Int64, path: String) throws -> StoredArticle? {
        let sql = """
            SELECT id, published, source, added, content_words, layout, text FROM documents WHERE number = ?
            """
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [number]) else { return nil }
        return try article(row: row, number: number, path: path)
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

    /// The ids among `ids` that are indexed.
    func indexedIDs(among ids: some Sequence<String>) throws -> [String] {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?")
        return try ids.filter { try Bool.fetchOne(statement, arguments: [$0]) != nil }
    }

    func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
