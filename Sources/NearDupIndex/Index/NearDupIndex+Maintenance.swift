import Foundation
internal import GRDB
import NearDup

/// Facts about an index, and keeping it small and sound.
extension NearDupIndex {
    /// The number of indexed articles.
    /// - Throws: `.corrupt` or `.storage`.
    public var count: Int {
        get throws(NearDupIndexError) {
            try run { [self] in try pool.read { db in try IndexStore(db: db).articleCount() } }
        }
    }

    /// Counts and sizes.
    /// - Throws: `.corrupt` or `.storage`.
    /// - Complexity: Linear in the number of articles (it sums their rows).
    public func statistics() throws(NearDupIndexError) -> IndexStatistics {
        try run { [self] in
            try pool.read { db in
                let store = IndexStore(db: db)
                var statistics = IndexStatistics()
                let totals = try store.articleTotals()
                let bandCount = engine.bandLayout.bandCount
                // Sums of a damaged index can be anything: clamped, never a trap.
                func count(_ total: Double) -> Int { total.isFinite ? Int(max(0, min(total, 1e15))) : 0 }
                statistics.documents = totals.articles
                statistics.paragraphs = count(totals.layoutBytes / Double(StoredParagraph.encodedSize))
                statistics.matchableParagraphs = count(totals.matchableParagraphs)
                statistics.paragraphBandKeys = statistics.matchableParagraphs * bandCount
                statistics.documentBandKeys = count(totals.signedArticles) * bandCount
                statistics.rewriteSampleKeys = count(totals.rewriteSamples)
                statistics.oldest = totals.oldest.map { Date(timeIntervalSince1970: $0) }
                statistics.newest = totals.newest.map { Date(timeIntervalSince1970: $0) }
                let (mergedThrough, _) = try store.bandState(path: path)
                let runs = try store.runs(path: path)
                statistics.runs = runs.count
                statistics.runEntries = runs.reduce(0) { $0 + $1.entries }
                statistics.recentDocuments = try store.articleCount(after: mergedThrough)
                (statistics.fileBytes, statistics.freeBytes) = try store.fileSizes()
                let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
                statistics.walBytes = wal ?? 0
                return statistics
            }
        }
    }

    /// Merges every run and the recent articles into one run (dropping the band keys of removed
    /// articles), checkpoints the write-ahead log into the file and rebuilds the file without free
    /// pages (`VACUUM`), giving back the space of removed articles.
    /// - Throws: `.readOnly`; `.storage` (e.g. too little disk for the copy VACUUM makes).
    public func compact() throws(NearDupIndexError) {
        if configuration.readOnly { throw .readOnly(path: path) }
        try run { [self] in
            try pool.write { db in try merger(IndexStore(db: db)).mergeAll() }
            try pool.writeWithoutTransaction { db in try IndexStore(db: db).vacuumAndTruncateLog() }
        }
    }

    /// Checks the file (SQLite's `integrity_check`: every page, every B-tree, every index), every
    /// article's layout and band keys, and that the runs hold exactly the keys the merged articles
    /// need, each in its filter.
    /// - Returns: What is wrong, if anything.
    /// - Throws: `.corrupt` when the file cannot be read at all.
    /// - Complexity: Linear in the size of the index.
    public func checkIntegrity() throws(NearDupIndexError) -> IntegrityReport {
        try run { [self] in
            try pool.read { db in
                let store = IndexStore(db: db)
                var problems: [String] = []
                var checked: [String] = []
                let messages = try store.integrityCheck()
                if messages != ["ok"] { problems += messages.map { "sqlite: \($0)" } }
                checked.append("SQLite integrity_check (pages, B-trees, indexes)")
                let (mergedThrough, _) = try store.bandState(path: path)
                let articles = try checkArticles(store, mergedThrough: mergedThrough)
                problems += articles.problems
                checked.append("\(articles.count) articles' paragraph layouts and band keys")
                let runs = try checkRuns(store, live: articles.merged, needed: articles.neededKeys)
                problems += runs.problems
                checked.append(runs.checked)
                return IntegrityReport(problems: problems, checked: checked)
            }
        }
    }

    /// Checks every article's layout and stored band keys.
    /// - Returns: What is wrong; the number of articles; those whose keys are in the runs (numbered
    ///   up to `mergedThrough`); and how many run entries these need.
    private func checkArticles(
        _ store: IndexStore, mergedThrough: Int64
    ) throws -> (problems: [String], count: Int, merged: Set<Int64>, neededKeys: Int) {
        let bandCount = engine.bandLayout.bandCount
        var problems: [String] = []
        var count = 0
        var merged = Set<Int64>()
        var neededKeys = 0
        try store.forEachArticleRecord { article in
            count += 1
            let number = article.number
            if StoredParagraph.decode(article.layout, textLength: article.text.utf8.count) == nil {
                problems.append("article \"\(article.id)\": damaged paragraph layout")
            }
            var entries: [BandEntry] = []
            // Articles merged in the transaction that added them have no stored keys.
            // Safety: `decode` reads only inside the blob's bytes, which live while `withUnsafeBytes` runs.
            let keysFit =
                article.keys.isEmpty && number <= mergedThrough
                || article.keys.withUnsafeBytes {
                    StoredKeys.decode(
                        $0, number: number, matchable: article.matchable, signed: article.signed,
                        samples: article.rewriteSamples, bands: bandCount, into: &entries)
                }
            if !keysFit { problems.append("article \"\(article.id)\": damaged band keys") }
            if number <= mergedThrough {
                merged.insert(number)
                neededKeys += (article.matchable + (article.signed ? 1 : 0)) * bandCount + article.rewriteSamples
            }
        }
        return (problems, count, merged, neededKeys)
    }

    /// Reads every run back: its keys in order, in their blocks and filters, and exactly the
    /// `needed` keys of the `live` merged articles.
    /// - Returns: What is wrong, and what was checked.
    private func checkRuns(
        _ store: IndexStore, live: Set<Int64>, needed: Int
    ) throws -> (problems: [String], checked: String) {
        let bandCount = engine.bandLayout.bandCount
        let runs = try store.runs(path: path)
        var problems: [String] = []
        var found = 0
        var stale = 0
        for run in runs {
            let report = try RunChecker(store: store, run: run, bands: bandCount, path: path).check { number in
                live.contains(number)
            }
            found += report.live
            stale += report.stale
            problems += report.problems
        }
        if found != needed {
            problems.append("the runs hold \(found) band keys of merged articles, the articles need \(needed)")
        }
        let checked =
            "\(runs.count) runs: \(found) band keys in order, in their blocks and filters (\(stale) of removed "
            + "articles, dropped by the next merge)"
        return (problems, checked)
    }
}
