import Foundation
import NearDupTestSupport
import Testing

/// A single record the run could not hold is refused before it is buffered, by every command that
/// reads input, `compare` included.
@Suite struct InputLimitTests {
    static let article = "one two three four five six seven eight nine ten"

    /// Writes a feed of a normal record, one of `megabytes` MiB, and another normal record.
    static func feedWithLargeRecord(megabytes: Int, in folder: ScratchFolder) throws -> String {
        let path = folder.path("large.jsonl")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.write(Data((#"{"id":"before","text":"\#(article)"}"# + "\n" + #"{"id":"large","text":""#).utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<megabytes { handle.write(block) }
        handle.write(Data(("\"}\n" + #"{"id":"after","text":"\#(article)"}"# + "\n").utf8))
        try handle.close()
        return path
    }

    @Test func aRecordLargerThanTheMemoryLimitAllowsStopsTheRunWithoutBeingHeld() throws {
        let folder = try ScratchFolder()
        let feed = try Self.feedWithLargeRecord(megabytes: 100, in: folder)
        let run = try DedupRun.run(
            [feed], options: ["--max-document-bytes", "1G", "--memory-limit", "100M"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("the record at \(feed):2 is longer than the 12.0 MiB one record may take"))
        #expect(run.maximumResidentBytes < 100 << 20, "the 100 MB line must not be held in memory")
    }

    @Test func aTextFileLargerThanTheMemoryLimitAllowsStopsTheRunUnread() throws {
        let folder = try ScratchFolder()
        _ = try folder.file("feed/a.txt", Self.article)
        _ = try folder.file("feed/b.txt", String(repeating: "word ", count: 5 << 20))
        let run = try DedupRun.run(
            [folder.path("feed")], options: ["--max-document-bytes", "1G", "--memory-limit", "70M"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("at \(folder.path("feed"))/b.txt"))
    }

    @Test func aRecordOverTheDocumentLimitIsRejectedByEveryCommand() throws {
        let folder = try ScratchFolder()
        let large = #"{"id":"large","text":"\#(String(repeating: "word ", count: 2_000))"}"#
        let feed = try folder.file("feed.jsonl", #"{"id":"a","text":"\#(Self.article)"}"# + "\n" + large + "\n")
        for (number, command) in try RejectsFileTests.commands(reading: feed, in: folder).enumerated() {
            let rejects = folder.path("rejects-\(number).jsonl")
            let run = try CommandRunner.run(command + ["--max-document-bytes", "1K", "--rejects", rejects])
            #expect(run.status == 0, "\(command): \(run.standardError)")
            #expect(try RejectsFileTests.objects(in: rejects).map { $0["problem"] as? String } == ["too_large"])
            #expect(run.standardError.contains("\(feed):2: record of 10024 bytes is over the limit of 1024 bytes"))
        }
    }

    @Test func compareRefusesAFileOverTheDocumentLimit() throws {
        let folder = try ScratchFolder()
        let small = try folder.file("a.txt", Self.article)
        let large = try folder.file("b.txt", String(repeating: "word ", count: 2_000))
        let refused = try CommandRunner.run(["compare", small, large, "--max-document-bytes", "1K"])
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains(
                "\(large): record of 10000 bytes is over the limit of 1024 bytes (not read); raise --max-document-bytes"
            ))
        let compared = try CommandRunner.run(["compare", small, large])
        #expect(compared.status == 0)
        #expect(compared.standardOutput.hasPrefix("B = \(large)\nA = \(small)\n"))

        let feed = try folder.file(
            "feed.jsonl",
            #"{"id":"a","text":"\#(Self.article)"}"# + "\n"
                + #"{"id":"b","text":"\#(String(repeating: "word ", count: 2_000))"}"# + "\n")
        let missing = try CommandRunner.run(["compare", "a", "b", "--feed", feed, "--max-document-bytes", "1K"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains(#"no document with id "b" in \#(feed) (1 records over"#))
    }

    @Test(arguments: ["0", "1", "1K", "64M"])
    func aMemoryLimitNotAboveTheBaseMemoryIsABadUsage(limit: String) throws {
        let run = try CommandRunner.run(["scan", "fixtures/feed.jsonl", "--memory-limit", limit])
        #expect(run.status == 64)
        #expect(run.standardError.contains("is not above the 64.0 MiB a run needs before any text"))
    }
}
