import Foundation
internal import GRDB
internal import GRDBSQLite

/// Every statement the index runs, on one connection (inside the caller's transaction, where
/// there is one). Its methods are named for what they do, grouped by concern:
/// `IndexStore+Connection.swift` (pragmas, checkpoints, whole-file checks),
/// `IndexStore+Schema.swift` (tables and `meta`), `IndexStore+Articles.swift` (the `documents`
/// table), `IndexStore+RecentKeys.swift` (the recent articles' band keys), `IndexStore+Runs.swift`
/// (the `state`, `runs` and `run_blocks` tables) and `IndexStore+Lookup.swift` (finding the
/// articles that share band keys). The statements that step once per block of a run are
/// `RunBlockLookup`, `RunBlockScan` and `RunBlockWriter`, made here.
///
/// The hot statements (band block reads and writes, recent keys) bind and step through the SQLite
/// C API on GRDB's statements, which costs a fraction of building GRDB arguments per row.
///
/// Every statement that binds or reads text (ids, sources, article texts) goes through the C API
/// too, with the text's byte length (`SQLParameters`, `SQLRow`): GRDB binds a `String` as a C
/// string and reads one back as a C string, so both stop at the first U+0000.
struct IndexStore {
    let db: Database

    /// The error SQLite reported for result code `code` on this connection.
    func error(_ code: Int32) -> DatabaseError {
        // Safety: `sqliteConnection` is this open connection's handle; the message is copied at once.
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
        // Safety: the handle belongs to GRDB's cached statement, alive as long as `db`; it is reset
        // before and after use, so no row or binding outlives this call.
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
