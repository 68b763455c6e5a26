import Foundation
internal import GRDB
import NearDup

/// The `documents` table: one row per indexed article.
extension IndexStore {
    /// Reads one stored article, or `nil` if there is none with that number.
    /// - Throws: `NearDupIndexError.corrupt` if its layout is damaged.
    func article(number: Int64, path: String) throws -> StoredArticle? {
        let sql = """
            SELECT id, published, source, added, content_words, layout, text, rewrite_samples FROM documents
            WHERE number = ?
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
                contentWords: Int(row.integer(4)), rewriteSamples: Int(row.integer(7)), layout: layout)
        }
    }

    /// The number of distinct rewrite sample keys of article `number`, or `nil` if there is none
    /// with that number: what the rewrite candidate rule needs, without reading the article.
    func rewriteSampleCount(number: Int64) throws -> Int? {
        try firstRow("SELECT rewrite_samples FROM documents WHERE number = ?", { $0.bind(number) }) {
            Int($0.integer(0))
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

    /// Stores a new article and returns its number (one more than any number given before).
    /// - Parameters:
    ///   - document: The article; its text, id and source are stored with all their bytes.
    ///   - added: When it is added: its time in the eviction window unless it has `published`.
    ///   - contentWords: Words of its matchable paragraphs.
    ///   - matchable: Its paragraphs with band keys.
    ///   - signed: Whether it has a whole-text signature.
    ///   - rewriteSamples: Its distinct rewrite sample keys.
    ///   - layout: Its `StoredParagraph` layout blob.
    ///   - keys: Its `StoredKeys` blob, or empty when this transaction merges it into a run.
    func insertArticle(
        _ document: Document, added: Date, contentWords: Int, matchable: Int, signed: Bool, rewriteSamples: Int,
        layout: Data, keys: Data
    ) throws -> Int64 {
        let sql = """
            INSERT INTO documents (id, published, source, added, time, content_words, matchable, signed,
                rewrite_samples, layout, keys, text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let added = added.timeIntervalSince1970
        let published = document.published?.timeIntervalSince1970
        try execute(sql) { parameters in
            parameters.bind(document.id)
            parameters.bind(published)
            parameters.bind(document.source)
            parameters.bind(added)
            parameters.bind(published ?? added)
            parameters.bind(contentWords)
            parameters.bind(matchable)
            parameters.bind(signed ? 1 : 0)
            parameters.bind(rewriteSamples)
            parameters.bind(layout)
            parameters.bind(keys)
            parameters.bind(document.text)
        }
        return db.lastInsertedRowID
    }

    /// Deletes the article with id `id`; whether there was one.
    func removeArticle(id: String) throws -> Bool {
        try execute("DELETE FROM documents WHERE id = ?") { $0.bind(id) }
        return db.changesCount > 0
    }

    /// Deletes every article whose time is before `cutoff`; how many there were.
    func removeArticles(before cutoff: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM documents WHERE time < ?", arguments: [cutoff.timeIntervalSince1970])
        return db.changesCount
    }

    /// The number of indexed articles.
    func articleCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
    }

    /// The number of indexed articles numbered above `number`.
    func articleCount(after number: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM documents WHERE number > ?", arguments: [number]) ?? 0
    }

    /// Sums over every article, as SQLite's `total` gives them (a damaged index's can be anything).
    struct ArticleTotals {
        var articles = 0
        var layoutBytes = 0.0
        var matchableParagraphs = 0.0
        var signedArticles = 0.0
        var rewriteSamples = 0.0
        /// The earliest and latest article time, in seconds since 1970; `nil` without articles.
        var oldest: Double?
        var newest: Double?
    }

    /// Sums over every article's row.
    /// - Complexity: Linear in the number of articles.
    func articleTotals() throws -> ArticleTotals {
        let sql = """
            SELECT count(*), total(length(layout)), total(matchable), total(signed), total(rewrite_samples),
                CAST(min(time) AS REAL), CAST(max(time) AS REAL)
            FROM documents
            """
        guard let row = try Row.fetchOne(db, sql: sql) else { return ArticleTotals() }
        return ArticleTotals(
            articles: row[0], layoutBytes: row[1], matchableParagraphs: row[2], signedArticles: row[3],
            rewriteSamples: row[4], oldest: row[5], newest: row[6])
    }

    /// The highest article number ever given (removed articles' numbers are not given again).
    func lastAssignedNumber() throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'documents'"))
            ?? 0
    }

    /// The highest number of an indexed article (0 without articles).
    func lastDocumentNumber() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(number), 0) FROM documents")) ?? 0
    }

    /// Calls `body` with the number of each indexed article numbered `first ... last`.
    func forEachArticleNumber(from first: Int64, through last: Int64, _ body: (Int64) -> Void) throws {
        let numbers = try Int64.fetchCursor(
            db, sql: "SELECT number FROM documents WHERE number >= ? AND number <= ?", arguments: [first, last])
        while let number = try numbers.next() { body(number) }
    }

    /// An article's row as `checkIntegrity()` reads it.
    struct ArticleRecord {
        let number: Int64
        let id: String
        let matchable: Int
        let signed: Bool
        let rewriteSamples: Int
        /// The `layout` blob.
        let layout: Data
        /// The `keys` blob.
        let keys: Data
        let text: String
    }

    /// Calls `body` with every article's record.
    /// - Complexity: Linear in the size of the articles.
    func forEachArticleRecord(_ body: (ArticleRecord) throws -> Void) throws {
        let sql = "SELECT number, id, matchable, signed, rewrite_samples, layout, keys, text FROM documents"
        try forEachRow(sql, { _ in }) { row in
            try body(
                ArticleRecord(
                    number: row.integer(0), id: row.text(1) ?? "", matchable: Int(row.integer(2)),
                    signed: row.integer(3) != 0, rewriteSamples: Int(row.integer(4)), layout: row.blob(5),
                    keys: row.blob(6), text: row.text(7) ?? ""))
            return true
        }
    }
}
