import Foundation
import GRDB
import NearDup
import NearDupTestSupport
import Synchronization
import Testing

@testable import NearDupIndex

/// The sorted runs: merging the recent articles' keys into runs changes no answer; removed articles'
/// keys go at the next merge; damage is found; readers see every article across merges.
@Suite struct RunTests {
    static let documents = Array(EquivalenceTests.generated.prefix(120))

    /// An exact copy of `document` under another id: checking it must find `document`.
    static func probe(_ document: Document) -> Document {
        Document(id: "probe-" + document.id, text: document.text)
    }

    @Test func mergedRunsGiveTheAnswersOfRecentKeys() throws {
        let folder = try ScratchFolder()
        let recent = try NearDupIndex(path: folder.path("recent.neardup"), configuration: IndexFixtures.fast)
        let merged = try NearDupIndex(
            path: folder.path("merged.neardup"), configuration: IndexFixtures.merging(every: 7))
        let documents = EquivalenceTests.oneByOne
        let one = try documents.map { try recent.add($0) }
        let other = try documents.map { try merged.add($0) }
        #expect(try recent.statistics().runs == 0)
        let statistics = try merged.statistics()
        // 200 articles merged 7 at a time: at most log2(200 / 7) + 1 runs, and fewer than 7 waiting.
        #expect(statistics.runs >= 1 && statistics.runs <= 6, "\(statistics.runs) runs")
        #expect(statistics.recentDocuments < 7)
        #expect(PairFacts.ofAnswers(other) == PairFacts.ofAnswers(one))
        #expect(PairFacts.ofAnswers(other) == (try PairFacts.ofScan(documents, options: NearDupOptions())))
        #expect(PairFacts.ofAnswers(other).count > 30)
        #expect(EquivalenceTests.rewrites(PairFacts.ofAnswers(other)) >= 10)
        #expect(other.map { $0.matches.map(\.id) } == one.map { $0.matches.map(\.id) })
        // And every article is found again through the runs (an exact copy under another id).
        for document in documents {
            let answer = try merged.check(Self.probe(document))
            if answer.contentWords > 0 { #expect(answer.matches.contains { $0.id == document.id }, "\(document.id)") }
        }
        #expect(try merged.checkIntegrity().problems == [])
    }

    @Test func removedArticlesLeaveTheRunsAtTheNextMerge() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(
            path: folder.path("removed.neardup"), configuration: IndexFixtures.merging(every: 5))
        let documents = Array(Self.documents.prefix(60))
        _ = try index.add(contentsOf: Array(documents.prefix(40)))
        for document in documents.dropFirst(40) { _ = try index.add(document) }
        let removed = documents.enumerated().filter { $0.offset % 6 == 0 }.map(\.element)
        for document in removed { #expect(try index.remove(id: document.id)) }
        for document in removed {
            #expect(try !index.check(Self.probe(document)).matches.contains { $0.id == document.id })
        }
        let before = try index.statistics()
        #expect(before.runEntries > 0)
        #expect(try index.checkIntegrity().isSound)
        try index.compact()
        let after = try index.statistics()
        #expect(after.runs == 1 && after.recentDocuments == 0)
        #expect(after.runEntries == after.paragraphBandKeys + after.documentBandKeys + after.rewriteSampleKeys)
        #expect(after.rewriteSampleKeys > 0)
        #expect(after.runEntries < before.runEntries)
        let report = try index.checkIntegrity()
        #expect(report.problems == [])
        #expect(report.checked.last?.contains("(0 of removed articles") == true, "\(report.checked)")
        for document in documents where !removed.contains(where: { $0.id == document.id }) {
            let answer = try index.check(Self.probe(document))
            if answer.contentWords > 0 { #expect(answer.matches.contains { $0.id == document.id }) }
        }
    }

    /// The filter keeps every key it was given and lets few others through: at 10 bits per key,
    /// under 3 % (a filter that lets everything through gives right answers, slowly; this catches it).
    @Test func theFilterHasFewFalsePositives() throws {
        var generator = SystemRandomNumberGenerator()
        func randomKeys(_ count: Int) -> [Int64] {
            (0..<count).map { index in
                let key = UInt32.random(in: .min ... .max, using: &generator)
                let band = Int.random(in: 0..<43, using: &generator)
                return BandKey(band: band, kind: index % 10 == 0 ? .wholeText : .paragraph, value: key).indexValue
            }
        }
        let keys = randomKeys(50_000).sorted()
        var filter = BandFilter(
            wordCount: BandFilter.wordCount(entries: keys.count, budgetWords: 1 << 30), paragraphShare: 0.9, bands: 43)
        for key in keys { filter.insert(key) }
        #expect(keys.allSatisfy(filter.mayContain))
        let passed = randomKeys(50_000).filter(filter.mayContain).count
        #expect(passed < 1_500, "\(passed) of 50,000 absent keys pass")
        // Keys are spread over the words: none holds more than a few dozen.
        #expect(filter.words.allSatisfy { $0.nonzeroBitCount < 64 })
        let data = filter.data
        let restored = try #require(data.withUnsafeBytes { BandFilter(bytes: $0, bands: 43) })
        #expect(restored.words == filter.words && restored.paragraphWords == filter.paragraphWords)
        #expect(Data([1, 2]).withUnsafeBytes { BandFilter(bytes: $0, bands: 43) } == nil)
    }

    /// Builds an index with a few runs and closes it.
    static func builtIndex(in folder: ScratchFolder) throws -> String {
        let path = folder.path("runs.neardup")
        let index = try NearDupIndex(path: path, configuration: IndexFixtures.merging(every: 6))
        for document in documents.prefix(40) { _ = try index.add(document) }
        #expect(try index.statistics().runs >= 2)
        return path
    }

    /// Runs `sql` on a built index's file, then its integrity check: the problems found.
    static func problems(
        afterDamage sql: String, in folder: ScratchFolder
    ) throws -> (String, DatabaseQueue, [String]) {
        let path = try builtIndex(in: folder)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
        return (path, queue, try NearDupIndex(path: path).checkIntegrity().problems)
    }

    @Test func blocksOutOfOrderAreFoundByTheIntegrityCheck() throws {
        // Rotate a block's entries by one: no longer sorted.
        let (_, _, problems) = try Self.problems(
            afterDamage: """
                UPDATE run_blocks SET data = substr(data, 13) || substr(data, 1, 12)
                WHERE id = (SELECT min(id) FROM run_blocks WHERE length(data) >= 36)
                """, in: ScratchFolder())
        #expect(problems.count == 1 && problems[0].contains("out of order"), "\(problems)")
    }

    @Test func aDamagedFilterIsFoundAndIsAClearError() throws {
        let folder = try ScratchFolder()
        let (path, queue, problems) = try Self.problems(
            afterDamage: """
                UPDATE runs SET filter = substr(filter, 1, 8) || zeroblob(length(filter) - 8)
                WHERE run = (SELECT min(run) FROM runs)
                """, in: folder)
        #expect(problems.count == 1 && problems[0].contains("missing from its filter"), "\(problems)")
        try queue.write { db in try db.execute(sql: "UPDATE runs SET filter = x'0102'") }
        let unreadable = try NearDupIndex(path: path).checkIntegrity().problems
        #expect(
            unreadable.filter { $0.hasSuffix("is damaged") && $0.contains("key filter") }.count >= 2, "\(unreadable)")
        #expect {
            _ = try NearDupIndex(path: path).check(Self.documents[0])
        } throws: { error in
            guard case NearDupIndexError.corrupt(_, let reason)? = error as? NearDupIndexError else { return false }
            return reason.hasPrefix("the key filter of run ")
        }
    }

    @Test func anIndexOfTheFirstSchemaIsRefused() throws {
        let folder = try ScratchFolder()
        let path = try Self.builtIndex(in: folder)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '1' WHERE name = 'schema_version'") }
        #expect(
            throws: NearDupIndexError.versionMismatch(path: path, what: "schema version", stored: "1", expected: "4")
        ) {
            _ = try NearDupIndex(path: path)
        }
    }

    /// Versions 2 and 3 hold no rewrite samples (version 4's `rewrite_samples` column and sample
    /// keys), so their files are refused, readers and writers alike, with the advice to rebuild.
    @Test(arguments: ["2", "3"])
    func anIndexWithoutRewriteSamplesIsRebuilt(version: String) throws {
        let folder = try ScratchFolder()
        let path = try Self.builtIndex(in: folder)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE meta SET value = ? WHERE name = 'schema_version'", arguments: [version])
        }
        var readOnly = IndexFixtures.fast
        readOnly.readOnly = true
        for configuration in [readOnly, IndexFixtures.fast] {
            #expect {
                _ = try NearDupIndex(path: path, configuration: configuration)
            } throws: { error in
                "\(error)"
                    == "index \(path) has schema version \(version), this NearDup writes 4 (rebuild the index from its feeds)"
            }
        }
    }

    /// A batch that reaches the merge threshold goes into a run in its own transaction, together
    /// with the recent articles before it; its articles keep no `keys`, and every later answer,
    /// after reopening too, is the one of adding the articles one by one.
    @Test func batchesMergedWhenAddedGiveTheAnswersOfSingleAdds() throws {
        let folder = try ScratchFolder()
        let documents = EquivalenceTests.oneByOne
        let single = try NearDupIndex(path: folder.path("single.neardup"), configuration: IndexFixtures.fast)
        let one = try documents.map { try single.add($0) }
        let path = folder.path("merged.neardup")
        var many: [IndexAnswer] = []
        do {
            let batched = try NearDupIndex(path: path, configuration: IndexFixtures.merging(every: 30))
            // 20 articles wait; the next 20 bring 40, merged at once: 20 read back, 20 from memory.
            for start in stride(from: 0, to: documents.count, by: 20) {
                many += try batched.add(contentsOf: Array(documents[start..<min(start + 20, documents.count)]))
                #expect(try batched.statistics().recentDocuments < 30)
            }
            #expect(try batched.statistics().runs >= 2)
            #expect(try batched.checkIntegrity().problems == [])
        }
        #expect(PairFacts.ofAnswers(many) == PairFacts.ofAnswers(one))
        #expect(many.map(\.matches.count) == one.map(\.matches.count))
        #expect(PairFacts.ofAnswers(many).count > 30)
        #expect(EquivalenceTests.rewrites(PairFacts.ofAnswers(many)) >= 10)
        let queue = try DatabaseQueue(path: path)
        let withoutKeys = try queue.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM documents WHERE length(keys) = 0 AND matchable > 0")
        }
        // Every second batch of 20 is merged when added.
        #expect(withoutKeys ?? 0 >= documents.count / 40 * 20)
        let reopened = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        for document in documents.prefix(40) {
            let expected = try single.check(Self.probe(document)).matches.map(\.id)
            #expect(try reopened.check(Self.probe(document)).matches.map(\.id) == expected)
        }
    }

    /// A second, read-only `NearDupIndex` on the same file keeps its own cache of the recent keys
    /// and filters: it must follow every add and every merge of the writer.
    @Test func aReaderFollowsTheWritersMerges() throws {
        let folder = try ScratchFolder()
        let path = folder.path("follow.neardup")
        let writer = try NearDupIndex(path: path, configuration: IndexFixtures.merging(every: 3))
        var readOnly = IndexFixtures.fast
        readOnly.readOnly = true
        let reader = try NearDupIndex(path: path, configuration: readOnly)
        var generations = Set<Int>()
        for document in Self.documents.prefix(50) {
            let added = try writer.add(document)
            let answer = try reader.check(Self.probe(document))
            if added.contentWords > 0 { #expect(answer.matches.contains { $0.id == document.id }, "\(document.id)") }
            generations.insert(try reader.statistics().runs * 1_000 + reader.statistics().recentDocuments)
        }
        #expect(generations.count > 10)
    }

    /// Readers check copies of articles the writer has acknowledged while it adds and merges
    /// (120 articles in the long tier, 40 by default).
    @Test func readersFindAcknowledgedArticlesDuringMerges() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(
            path: folder.path("during.neardup"), configuration: IndexFixtures.merging(every: 4))
        let documents = LongTests.either(short: Array(Self.documents.prefix(40)), long: Self.documents)
        let acknowledged = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            do {
                if worker == 0 {
                    for (offset, document) in documents.enumerated() {
                        _ = try index.add(document)
                        acknowledged.store(offset + 1, ordering: .releasing)
                    }
                } else {
                    var checked = 0
                    while acknowledged.load(ordering: .acquiring) < documents.count || checked < 20 {
                        let known = acknowledged.load(ordering: .acquiring)
                        guard known > 0 else { continue }
                        let document = documents[Int.random(in: 0..<known)]
                        let answer = try index.check(Self.probe(document))
                        if answer.contentWords > 0 && !answer.matches.contains(where: { $0.id == document.id }) {
                            failures.withLock { $0.append("\(document.id) acknowledged but not found") }
                        }
                        checked += 1
                    }
                }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try index.statistics().runs >= 2)
        #expect(try index.checkIntegrity().isSound)
    }
}
