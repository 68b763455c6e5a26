import Foundation
import NearDup
import NearDupTestSupport
import Synchronization
import Testing

@testable import NearDupIndex
@testable import NearDupSynthetic

/// Readers beside one writer in a process; one writer across processes.
@Suite struct ConcurrencyTests {
    static let documents = CorpusGenerator(configuration: .init(documentCount: 120, seed: 5)).generate().documents

    @Test func readersCheckWhileOneWriterAdds() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("shared.neardup"), configuration: IndexFixtures.fast)
        let documents = Self.documents
        let failures = Mutex<[String]>([])
        let checks = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            do {
                if worker == 0 {
                    for document in documents { _ = try index.add(document) }
                } else {
                    for document in documents.shuffled().prefix(60) {
                        let answer = try index.check(document)
                        // A reader sees a consistent snapshot: every match is a whole, indexed article.
                        for match in answer.matches where try !index.contains(id: match.id) {
                            failures.withLock { $0.append("\(match.id) matched but not indexed") }
                        }
                        checks.add(1, ordering: .relaxed)
                        _ = try index.count
                    }
                }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(checks.load(ordering: .relaxed) == 180)
        #expect(try index.count == documents.count)
        #expect(try index.checkIntegrity().isSound)
    }

    @Test func aSecondWriterInTheProcessIsToldTheIndexIsLocked() throws {
        let folder = try ScratchFolder()
        let path = folder.path("locked.neardup")
        let writer = try NearDupIndex(path: path)
        #expect(throws: NearDupIndexError.locked(path: path)) { _ = try NearDupIndex(path: path) }
        var readOnly = NearDupIndex.Configuration()
        readOnly.readOnly = true
        let reader = try NearDupIndex(path: path, configuration: readOnly)
        #expect(try reader.count == 0)
        #expect(throws: NearDupIndexError.readOnly(path: path)) { _ = try reader.add(Self.documents[0]) }
        _ = try writer.add(Self.documents[0])
        #expect(try reader.count == 1)
    }

    @Test func aSecondWriterProcessFailsOrWaits() throws {
        let folder = try ScratchFolder()
        let path = folder.path("processes.neardup")
        let writer = Mutex<NearDupIndex?>(try NearDupIndex(path: path))
        _ = try writer.withLock { try $0?.add(Self.documents[0]) }
        let feed = Data(
            "{\"id\": \"later\", \"text\": \"A later article that another process adds to the index.\"}\n".utf8)
        let (status, _, errors) = try CommandRunner.run(["index", "add", path, "-"], input: feed).parts
        #expect(status == 1)
        #expect(errors.contains("index is locked"))
        // A reader process is never locked out.
        let (checkStatus, output, _) = try CommandRunner.run(["index", "check", path, "-"], input: feed).parts
        #expect(checkStatus == 0 && output.contains("\"status\":\"new\""))
        // With --lock-timeout it waits for the writer to close.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { writer.withLock { $0 = nil } }
        let (waited, added, _) = try CommandRunner.run(
            ["index", "add", path, "-", "--lock-timeout", "20"], input: feed
        ).parts
        #expect(waited == 0 && added.contains("\"added\":true"))
    }

    /// `index add` looks the batch's ids up before adding: one already indexed stops the run
    /// (exit 65, naming its file and line), or is skipped and reported with `--skip-invalid`.
    @Test func idsAlreadyIndexedStopTheRunOrAreSkipped() throws {
        let folder = try ScratchFolder()
        let path = folder.path("again.neardup")
        let feed = IndexFixtures.path("fixtures/feed.jsonl")
        let first = try CommandRunner.run(["index", "add", path, feed])
        #expect(first.status == 0)
        let count = first.standardOutput.split(separator: "\n").count
        let again = try CommandRunner.run(["index", "add", path, feed])
        #expect(again.status == 65)
        #expect(again.standardError.contains("\(feed):1: duplicate id ") && again.standardError.contains("the index"))
        let rejects = folder.path("rejects.jsonl")
        let skipping = try CommandRunner.run(["index", "add", path, feed, "--rejects", rejects])
        #expect(skipping.status == 0 && skipping.standardOutput.isEmpty)
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == count && rejected.allSatisfy { $0.contains(#""problem":"duplicate_id""#) })
        #expect(skipping.standardError.contains(", \(count) rejected"))
        #expect(try NearDupIndex(path: path).count == count)
    }

    @Test func removeAndEvictForgetArticles() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("evict.neardup"), configuration: IndexFixtures.fast)
        let feed = try IndexFixtures.feed()
        _ = try index.add(contentsOf: feed)
        let copy = try #require(feed.first { $0.id == "courier_syndicated_000" })
        #expect(try index.check(copy).duplicateOf?.id == "000_821dc1801a2e3d4d")
        #expect(try index.remove(id: "000_821dc1801a2e3d4d"))
        #expect(try !index.remove(id: "000_821dc1801a2e3d4d"))
        #expect(try index.check(copy).duplicateOf == nil)
        // The fixtures are published on 2025-04-28 and 29; evict everything before the 29th.
        let cutoff = Date(timeIntervalSince1970: 1_745_884_800)  // 2025-04-29T00:00:00Z
        let older = feed.filter { ($0.published ?? .distantFuture) < cutoff && $0.id != "000_821dc1801a2e3d4d" }
        #expect(try index.evict(olderThan: cutoff) == older.count)
        #expect(try index.count == feed.count - 1 - older.count)
        #expect(try index.checkIntegrity().isSound)
        try index.compact()
        let statistics = try index.statistics()
        #expect(statistics.documents == feed.count - 1 - older.count)
        #expect(statistics.freeBytes == 0)
    }
}
