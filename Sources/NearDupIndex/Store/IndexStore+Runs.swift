import Foundation
internal import GRDB
internal import GRDBSQLite

/// The sorted runs: the `state` row, the `runs` table (a row and a filter per run) and the
/// `run_blocks` table (the runs' entries, a block per row).
extension IndexStore {
    /// `(merged_through, generation)` of the `state` row.
    /// - Throws: `NearDupIndexError.corrupt` when the row is missing or out of range.
    func bandState(path: String) throws -> (Int64, Int64) {
        // Safety: the handle belongs to GRDB's cached statement, alive as long as `db`, and reset on exit.
        let handle = try db.cachedStatement(sql: "SELECT merged_through, generation FROM state WHERE id = 1")
            .sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            if code != SQLITE_DONE { throw error(code) }
            throw NearDupIndexError.corrupt(path: path, reason: "the state row is missing")
        }
        let (mergedThrough, generation) = (sqlite3_column_int64(handle, 0), sqlite3_column_int64(handle, 1))
        let last = try lastAssignedNumber()
        guard mergedThrough >= 0, mergedThrough <= last, (0..<BandRun.maximumID).contains(generation) else {
            throw NearDupIndexError.corrupt(path: path, reason: "the state row (\(mergedThrough), \(generation))")
        }
        return (mergedThrough, generation)
    }

    /// Moves `merged_through` to `number`, with no new run (a merge with nothing to merge).
    func setMergedThrough(_ number: Int64) throws {
        try db.execute(sql: "UPDATE state SET merged_through = ? WHERE id = 1", arguments: [number])
    }

    /// Records a merge that wrote run `generation`: `merged_through` moves up to `mergedThrough`.
    func recordMerge(generation: Int64, mergedThrough: Int64) throws {
        try db.execute(
            sql: "UPDATE state SET merged_through = max(merged_through, ?), generation = ? WHERE id = 1",
            arguments: [mergedThrough, generation])
    }

    /// The runs, each row checked against what a merge writes.
    /// - Throws: `NearDupIndexError.corrupt` for a damaged row.
    func runs(path: String) throws -> [BandRun] {
        let sql = """
            SELECT run, entries, document_entries, sample_entries, paragraph_bits, document_bits, sample_bits,
                first_document, last_document
            FROM runs ORDER BY run
            """
        let last = try lastAssignedNumber()
        return try Row.fetchAll(db.cachedStatement(sql: sql)).map { row in
            // A damaged row may hold text or blobs, which GRDB would not read as numbers.
            let values = (0..<9).map { index in ((try? row.decode(Int64?.self, atIndex: index)) ?? nil) ?? -1 }
            let bits = 0...Int64(BandRun.maximumBits)
            guard (1..<BandRun.maximumID).contains(values[0]), (0..<(1 << 48)).contains(values[1]),
                (0...values[1]).contains(values[2]), (0...values[1] - values[2]).contains(values[3]),
                bits.contains(values[4]), bits.contains(values[5]), bits.contains(values[6]), values[7] >= 1,
                values[7] <= values[8], values[8] <= last
            else {
                throw NearDupIndexError.corrupt(path: path, reason: "the row of run \(values[0])")
            }
            return BandRun(
                id: values[0], entries: Int(values[1]), documentEntries: Int(values[2]),
                sampleEntries: Int(values[3]), paragraphBits: Int(values[4]), documentBits: Int(values[5]),
                sampleBits: Int(values[6]), firstDocument: values[7], lastDocument: values[8])
        }
    }

    /// The entries of every run, stale ones included.
    func totalRunEntries() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(entries), 0) FROM runs") ?? 0
    }

    /// The filter of run `run`, read with SQLite's incremental blob I/O straight into its words
    /// (it can be tens of megabytes: no intermediate copy).
    /// - Throws: `NearDupIndexError.corrupt` when it is missing or damaged.
    func filter(run: Int64, bands: Int, path: String) throws -> BandFilter {
        // Safety: the blob handle is closed on exit, and each read copies at most the blob's own
        // `sqlite3_blob_bytes` into the target `BandFilter` sized from that same count.
        var blob: OpaquePointer?
        let code = sqlite3_blob_open(db.sqliteConnection, "main", "runs", "filter", run, 0, &blob)
        defer { sqlite3_blob_close(blob) }
        guard code == SQLITE_OK,
            let filter = BandFilter(
                byteCount: Int(sqlite3_blob_bytes(blob)), bands: bands,
                read: { target, offset, count in
                    sqlite3_blob_read(blob, target, Int32(count), Int32(offset)) == SQLITE_OK
                })
        else {
            if code != SQLITE_OK && code != SQLITE_ERROR { throw error(code) }
            throw NearDupIndexError.corrupt(path: path, reason: "the key filter of run \(run)")
        }
        return filter
    }

    /// Stores the row of `run` (its counts as written) with its filter's `data`.
    func insertRun(_ run: BandRun, filter: Data) throws {
        try db.execute(
            sql: """
                INSERT INTO runs (run, entries, document_entries, sample_entries, paragraph_bits, document_bits,
                    sample_bits, first_document, last_document, filter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.id, run.entries, run.documentEntries, run.sampleEntries, run.paragraphBits, run.documentBits,
                run.sampleBits, run.firstDocument, run.lastDocument, filter,
            ])
    }

    /// Deletes run `run`: its blocks, then its row.
    func deleteRun(_ run: Int64) throws {
        let (lower, upper) = BandRun.blockRange(run: run)
        try db.execute(sql: "DELETE FROM run_blocks WHERE id >= ? AND id < ?", arguments: [lower, upper])
        try db.execute(sql: "DELETE FROM runs WHERE run = ?", arguments: [run])
    }

    /// A statement that reads blocks by rowid, one at a time; each lookup needs its own.
    func blockLookup() throws -> RunBlockLookup {
        try RunBlockLookup(statement: db.makeStatement(sql: "SELECT data FROM run_blocks WHERE id = ?"), store: self)
    }

    /// The blocks of `run` in rowid order (its entries in key order), on a statement of its own.
    func blockScan(of run: BandRun, path: String) throws -> RunBlockScan {
        let statement = try db.makeStatement(
            sql: "SELECT id, data FROM run_blocks WHERE id >= ? AND id < ? ORDER BY id")
        let (lower, upper) = BandRun.blockRange(run: run.id)
        try statement.setArguments([lower, upper])
        return RunBlockScan(statement: statement, run: run.id, path: path)
    }

    /// The statement that stores a new run's blocks.
    func blockWriter() throws -> RunBlockWriter {
        try RunBlockWriter(
            statement: db.cachedStatement(sql: "INSERT INTO run_blocks (id, data) VALUES (?, ?)"), store: self)
    }
}
