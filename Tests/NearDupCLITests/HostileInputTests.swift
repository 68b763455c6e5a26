import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Dirty feeds, as scrapers produce them, through `neardup dedup`: each gives a correct result or
/// a clear error naming the file and line — never a crash, a hang or unbounded memory — and every
/// record read is kept, removed or rejected (``DedupRun`` checks that on each run).
@Suite struct HostileInputTests {
    static func record(_ id: String, _ text: String) -> String {
        #"{"id":"\#(id)","text":"\#(text)"}"#
    }

    @Test func invalidUTF8IsRepairedAndCounted() throws {
        let folder = try ScratchFolder()
        let bytes = Array(#"{"id":"a","text":"caf"#.utf8) + [0xFF, 0xC3] + Array(#" au lait"}"#.utf8) + [0x0A]
        let feed = try folder.file("feed.jsonl", bytes + Array((Self.record("b", "fine") + "\n").utf8))
        let run = try DedupRun.run([feed], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["a", "b"])
        #expect(run.standardError.contains("1 documents had invalid UTF-8 (replaced with U+FFFD)"))
    }

    @Test func rawNULIsRejectedWithItsLineAndEscapedNULIsKept() throws {
        let folder = try ScratchFolder()
        let raw = Array(#"{"id":"raw","text":"a"#.utf8) + [0x00] + Array(#"b"}"#.utf8)
        let lines = [Array(Self.record("escaped", #"a\u0000b"#).utf8), raw, Array(Self.record("c", "ok").utf8)]
        let feed = try folder.file("feed.jsonl", Array(lines.joined(separator: [0x0A])))
        let run = try DedupRun.run([feed], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["escaped", "c"])
        #expect(run.rejects == [.init(file: feed, line: 2, problem: "malformed_json")])

        let strict = try CommandRunner.run(["scan", feed])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("\(feed):2: malformed JSON"))
    }

    @Test func byteOrderMarkCRLFAndLoneCarriageReturns() throws {
        let folder = try ScratchFolder()
        let crlf =
            [0xEF, 0xBB, 0xBF] + Array((Self.record("a", "one") + "\r\n" + Self.record("b", "two") + "\r\n").utf8)
        let windows = try folder.file("windows.jsonl", crlf)
        let crlfRun = try DedupRun.run([windows], in: folder)
        #expect(crlfRun.status == 0)
        #expect(crlfRun.keptIDs == ["a", "b"])

        // Old Mac line ends: the whole file is one line, which is not one JSON value.
        let mac = try folder.file("mac.jsonl", Self.record("a", "one") + "\r" + Self.record("b", "two") + "\r")
        let strict = try CommandRunner.run(["scan", mac])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("\(mac):1: malformed JSON"))
        let skipping = try DedupRun.run([mac], in: folder)
        #expect(skipping.rejects == [.init(file: mac, line: 1, problem: "malformed_json")])
    }

    @Test func hundredMegabyteLineIsSkippedWithoutBeingHeld() throws {
        let folder = try ScratchFolder()
        let path = folder.url.appendingPathComponent("dump.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.write(Data((Self.record("before", "a normal article") + "\n" + #"{"id":"dump","text":""#).utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { handle.write(block) }
        handle.write(Data(("\"}\n" + Self.record("after", "another normal article") + "\n").utf8))
        try handle.close()

        let run = try DedupRun.run([path], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["before", "after"])
        #expect(run.rejects == [.init(file: path, line: 2, problem: "too_large")])
        #expect(run.standardError.contains("record of \((100 << 20) + 23) bytes is over the limit of 8388608 bytes"))
        #expect(run.maximumResidentBytes < 100 << 20, "the 100 MB line must not be held in memory")
    }

    /// A million tiny documents in the long tier (a debug build takes minutes), 100,000 by default.
    @Test func millionTinyDocuments() throws {
        let folder = try ScratchFolder()
        let count = LongTests.either(short: 100_000, long: 1_000_000)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 32)
        for index in 0..<count { bytes += Array((Self.record(String(index), "item \(index)") + "\n").utf8) }
        let feed = try folder.file("tiny.jsonl", bytes)
        let run = try DedupRun.run([feed], in: folder, timeout: .seconds(900))
        #expect(run.status == 0)
        #expect(run.keptIDs.count == count)
        #expect(run.rejects.isEmpty)
        #expect(run.maximumResidentBytes < 2 << 30, "about 1 KB per tiny document")
    }

    @Test func deeplyNestedAndHugeValuesInUnrelatedFields() throws {
        let folder = try ScratchFolder()
        let nestedArrays = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let hugeString = String(repeating: "<div>", count: 1_000_000)
        let lines = [
            #"{"id":"deep","meta":\#(nestedArrays),"text":"t"}"#,
            #"{"id":"shallow","meta":\#(shallow),"text":"t"}"#,
            #"{"id":"html","html":"\#(hugeString)","text":"the text field is small"}"#,
            #"{"id":"number","meta":1e999999999,"text":"huge exponent"}"#,
        ]
        let feed = try folder.file("nested.jsonl", lines.joined(separator: "\n"))
        let run = try DedupRun.run([feed], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["shallow", "html"])
        // Both are rejected with a reason, as JSONSerialization would reject them.
        #expect(run.rejects.map(\.line) == [1, 4])
        #expect(run.standardError.contains("\(feed):1: malformed JSON (arrays and objects nested more than 512 deep"))
        #expect(run.standardError.contains("\(feed):4: malformed JSON (number 1e999999999 at column 23 is too large)"))
    }

    @Test func nonStringIDAndTextFields() throws {
        let folder = try ScratchFolder()
        let lines = [
            #"{"id":42,"text":"an integer id is read as its digits"}"#,
            #"{"id":3.5,"text":"x"}"#,
            #"{"id":true,"text":"x"}"#,
            #"{"id":null,"text":"x"}"#,
            #"{"id":{"a":1},"text":"x"}"#,
            #"{"id":"t1","text":5}"#,
            #"{"id":"t2","text":null}"#,
            #"{"id":"t3","text":["a"]}"#,
            #"{"id":"t4"}"#,
            #"["id","text"]"#,
        ]
        let feed = try folder.file("types.jsonl", lines.joined(separator: "\n"))
        let run = try DedupRun.run([feed], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["42"])
        #expect(
            run.rejects.map(\.problem) == [
                "wrong_type", "wrong_type", "wrong_type", "wrong_type", "wrong_type", "wrong_type", "wrong_type",
                "missing_field", "not_an_object",
            ])
        #expect(run.rejects.map(\.line) == Array(2...10))
    }

    @Test func duplicateIDsAcrossFiles() throws {
        let folder = try ScratchFolder()
        let first = try folder.file("first.jsonl", Self.record("a", "one") + "\n" + Self.record("b", "two"))
        let second = try folder.file("second.jsonl", Self.record("c", "three") + "\n" + Self.record("a", "again"))
        let run = try DedupRun.run([first, second], in: folder)
        #expect(run.keptIDs == ["a", "b", "c"])
        #expect(run.rejects == [.init(file: second, line: 2, problem: "duplicate_id")])
        #expect(run.standardError.contains("\(second):2: duplicate id \"a\" (first seen at \(first):1)"))
    }

    @Test func emptyFilesAndFolders() throws {
        let folder = try ScratchFolder()
        let empty = try folder.file("empty.jsonl", "")
        let blank = try folder.file("blank.jsonl", "\n  \n\t\r\n")
        let emptyFolder = folder.url.appendingPathComponent("nothing")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: false)
        let run = try DedupRun.run([empty, blank, emptyFolder.path], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs.isEmpty && run.rejects.isEmpty)
        #expect(run.standardError.contains("0 records read"))
    }

    @Test func folderWithUnreadableEntriesAndLinkLoops() throws {
        let folder = try ScratchFolder()
        let texts = folder.url.appendingPathComponent("texts")
        _ = try folder.file("texts/story.txt", "A readable story about the harbour reopening after the storm.")
        let manager = FileManager.default
        try manager.createSymbolicLink(
            atPath: texts.appendingPathComponent("dangling.txt").path, withDestinationPath: "gone.txt")
        try manager.createSymbolicLink(
            atPath: texts.appendingPathComponent("loop-a.txt").path, withDestinationPath: "loop-b.txt")
        try manager.createSymbolicLink(
            atPath: texts.appendingPathComponent("loop-b.txt").path, withDestinationPath: "loop-a.txt")
        try manager.createSymbolicLink(atPath: texts.appendingPathComponent("parent").path, withDestinationPath: "..")
        let run = try DedupRun.run([texts.path], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs == ["story.txt"])
        #expect(run.rejects.map(\.problem) == ["unreadable", "unreadable", "unreadable"])
        #expect(run.rejects.map(\.line) == [nil, nil, nil])

        let strict = try CommandRunner.run(["scan", texts.path])
        #expect(strict.status == 65)
        #expect(
            strict.standardError.contains("\(texts.path)/dangling.txt: cannot read file (No such file or directory)"))
    }

    @Test func archivesFakeCompressionAndBinaryFiles() throws {
        let folder = try ScratchFolder()
        let fixture = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl")))
        let zip = try folder.file("feed.jsonl", [0x50, 0x4B, 0x03, 0x04] + Array(fixture.prefix(4_000)))
        let fakeGzip = try folder.file("fake.jsonl", [0x1F, 0x8B, 0x08, 0x00] + Array(fixture.prefix(4_000)))
        var generator = SplitMix64(seed: 7)
        let junk = try folder.file("junk.jsonl", (0..<200_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let run = try DedupRun.run([zip, fakeGzip, junk], in: folder)
        #expect(run.status == 0)
        #expect(run.keptIDs.isEmpty)
        #expect(run.rejects.first == .init(file: zip, line: nil, problem: "compressed"))
        #expect(run.rejects.dropFirst().first == .init(file: fakeGzip, line: 1, problem: "corrupt_compressed"))
        #expect(run.rejects.count > 100)
        #expect(
            run.rejects.dropFirst(2).allSatisfy {
                $0.file == junk && ["malformed_json", "not_an_object"].contains($0.problem)
            })

        let strict = try CommandRunner.run(["scan", zip])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("\(zip): the file is a zip archive, not JSON Lines"))
        let corrupt = try CommandRunner.run(["scan", fakeGzip])
        #expect(corrupt.status == 65)
        #expect(corrupt.standardError.contains("\(fakeGzip):1: the gzip stream cannot be decompressed"))
    }

    @Test func memoryLimitStopsBeforeTheInputOutgrowsIt() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("feed.jsonl", GeneratedFeed.bytes(documents: 1_500, seed: 3))
        let run = try DedupRun.run([feed], options: ["--memory-limit", "65M"], in: folder)
        #expect(run.status == 1)
        #expect(run.standardError.contains("more than a scan can hold within --memory-limit"))
        #expect(run.standardError.contains("at \(feed):"))
        let unlimited = try DedupRun.run([feed], options: ["--memory-limit", "off"], in: folder)
        #expect(unlimited.status == 0)
    }
}
