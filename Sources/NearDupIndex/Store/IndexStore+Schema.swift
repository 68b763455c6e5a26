internal import GRDB
import NearDup

/// The tables themselves and the `meta` table: what the index was built with.
extension IndexStore {
    /// Creates the tables of `IndexSchema.statements` and stores `options` (with the schema and
    /// signature versions) in `meta`.
    func createIndex(options: NearDupOptions) throws {
        try createTables()
        for (name, value) in StoredOptions.entries(of: options) {
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
        }
    }

    /// Runs `IndexSchema.statements`: empty tables and the `state` row.
    func createTables() throws {
        for statement in IndexSchema.statements { try db.execute(sql: statement) }
    }

    /// Marks an index of a compatible older schema version as of `IndexSchema.version`.
    func markSchemaVersionCurrent() throws {
        try db.execute(
            sql: "UPDATE meta SET value = ? WHERE name = 'schema_version' AND value != ?",
            arguments: [String(IndexSchema.version), String(IndexSchema.version)])
    }

    /// Whether the file has the `meta` table.
    func hasMetaTable() throws -> Bool {
        try db.tableExists("meta")
    }

    /// How many tables, indexes and views the file has.
    func schemaObjectCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
    }

    /// The `meta` rows, by name (the first of a repeated name).
    func metaEntries() throws -> [String: String] {
        // Cast: a damaged row may hold numbers or blobs, which GRDB would not read as text.
        try Dictionary(
            Row.fetchAll(db, sql: "SELECT CAST(name AS TEXT), CAST(value AS TEXT) FROM meta").map {
                row -> (String, String) in (row[0] as String? ?? "", row[1] as String? ?? "")
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// Each table of the file with its columns, `name TYPE`.
    func columnsByTable() throws -> [String: [String]] {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var columns: [String: [String]] = [:]
        for table in tables {
            columns[table] = try Row.fetchAll(
                db, sql: "SELECT CAST(name AS TEXT), CAST(type AS TEXT) FROM pragma_table_info(?) ORDER BY cid",
                arguments: [table]
            ).map { "\($0[0] as String? ?? "") \($0[1] as String? ?? "")" }
        }
        return columns
    }
}
