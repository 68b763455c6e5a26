import Foundation
import NearDupTestSupport
import Testing

/// Nothing is lost: on every fixture and on generated corpora, with and without bad records,
/// each record read is kept, removed or rejected — exactly once — and the counts on stderr add
/// up (``DedupRun`` checks the invariant on every run; these tests check it against the input).
@Suite struct AccountingTests {
    @Test func fixtureFeed() throws {
        let folder = try ScratchFolder()
        let run = try DedupRun.run(
            [Fixtures.path("fixtures/feed.jsonl")], options: ["--time-field", "published"], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs.count + run.removedIDs.count == 9)
        #expect(run.removedIDs.count == 2)
    }

    @Test func fixtureSeedsFolder() throws {
        let folder = try ScratchFolder()
        let run = try DedupRun.run([Fixtures.path("fixtures/seeds")], in: folder)
        #expect(run.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("fixtures/seeds"))
            .filter { $0.hasSuffix(".txt") }
        #expect(Set(run.keptIDs + run.removedIDs) == Set(files))
    }

    @Test func generatedCorpusWithBadRecordsMixedIn() throws {
        let folder = try ScratchFolder()
        let good = GeneratedFeed.bytes(documents: LongTests.either(short: 400, long: 1_200), seed: 17)
            .split(separator: 0x0A)
        var lines: [[UInt8]] = []
        var expectedRejects: [Int] = []
        for (index, line) in good.enumerated() {
            lines.append(Array(line))
            if index % 97 == 0 {
                lines.append(Array(line.prefix(line.count / 2)))  // a truncated copy of the record
                expectedRejects.append(lines.count)
            }
            if index % 211 == 0 {
                lines.append(Array(line))  // the same record again: a duplicate id
                expectedRejects.append(lines.count)
            }
        }
        let feed = try folder.file("feed.jsonl", Array(lines.joined(separator: [0x0A])))
        let run = try DedupRun.run([feed], options: ["--time-field", "published"], in: folder)
        #expect(run.status == 0)
        #expect(run.rejects.map(\.line) == expectedRejects)
        #expect(run.keptIDs.count + run.removedIDs.count == good.count)
        // More than 100 of the long tier's 1,200 documents; as many per document here.
        #expect(run.removedIDs.count > good.count / 12, "the generated corpus has syndicated copies to remove")
    }
}
