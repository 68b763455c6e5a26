import Foundation
import NearDupTestSupport
import Testing

/// `dedup` writes kept and removed records as their input lines, byte for byte, and can annotate
/// the kept ones.
@Suite struct RecordPassThroughTests {
    static let article =
        "The council approved the new budget on Monday after a long debate about schools and roads. "
        + "Spending on buses rises by a tenth, and the library keeps its Sunday hours.\\nIt takes effect in June."

    /// Lines with extra and nested fields, integer ids, millisecond times, escapes, odd spacing and
    /// key order; the second and fourth copy the first.
    static let lines = [
        #"{"id": 1714, "text":"\#(article)", "meta":{"lang":"en","tags":[1,2.50,3e2]}, "ts":1714290000000}"#,
        #"  { "text" : "\#(article)" ,"id":1715 ,"url":"http://x/\u00e9?q=1" }"#,
        #"{"id":"z","text":"Something \u2603 else entirely: a recipe for bread with flour, water, salt and time."}"#,
        #"{"url":"https://例え.jp/","text":"\#(article)","id":"copy-3","published_ms":1714290000123}"#,
    ]

    /// The feed: a byte order mark, CRLF line ends and a blank line around `lines`.
    static func feed(in folder: ScratchFolder) throws -> String {
        try folder.file("feed.jsonl", [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\n\n").utf8))
    }

    static func lines(of path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    @Test(arguments: ["all", "0"])
    func keptAndRemovedRecordsAreTheInputLines(textMemory: String) throws {
        let folder = try ScratchFolder()
        let (kept, removed) = (folder.path("kept.jsonl"), folder.path("removed.jsonl"))
        let result = try CommandRunner.run([
            "dedup", try Self.feed(in: folder), "-o", kept, "--removed-records", removed, "--text-memory", textMemory,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.lines(of: kept) == [Self.lines[0], Self.lines[2]])
        #expect(try Self.lines(of: removed) == [Self.lines[1], Self.lines[3]])
    }

    /// The same through compression: a gzip or zstd feed in, kept and removed lines out in the same
    /// format, and after decompression they are the input lines.
    @Test(arguments: [CompressionTool.gzip, .zstd])
    func recordsPassThroughCompressedFeedsAndOutputs(tool: CompressionTool) throws {
        let folder = try ScratchFolder()
        let plain = Array(try Data(contentsOf: URL(fileURLWithPath: try Self.feed(in: folder))))
        let feed = try folder.file("feed.jsonl\(tool.fileExtension)", try tool.compress(plain))
        let (kept, removed) = (
            folder.path("kept.jsonl\(tool.fileExtension)"), folder.path("removed\(tool.fileExtension)")
        )
        let result = try CommandRunner.run(["dedup", feed, "-o", kept, "--removed-records", removed])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = { (path: String) throws -> [String] in
            String(decoding: try tool.decompress(file: path), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
        #expect(try lines(kept) == [Self.lines[0], Self.lines[2]])
        #expect(try lines(removed) == [Self.lines[1], Self.lines[3]])
    }

    @Test func annotateAddsOneFieldToEachKeptRecord() throws {
        let folder = try ScratchFolder()
        let kept = folder.path("kept.jsonl")
        let result = try CommandRunner.run(["dedup", try Self.feed(in: folder), "-o", kept, "--annotate", "neardup"])
        #expect(result.status == 0, "\(result.standardError)")
        let expected = [
            (Self.lines[0], #"{"cluster":"1714","duplicates":2,"removed":["1715","copy-3"]}"#),
            (Self.lines[2], #"{"cluster":"z","duplicates":0,"removed":[]}"#),
        ]
        #expect(try Self.lines(of: kept) == expected.map { $0.dropLast() + #","neardup":\#($1)}"# })
    }

    @Test func annotateRefusesAFieldARecordHas() throws {
        let folder = try ScratchFolder()
        let kept = folder.path("kept.jsonl")
        let result = try CommandRunner.run(["dedup", try Self.feed(in: folder), "-o", kept, "--annotate", "meta"])
        #expect(result.status == 65)
        #expect(result.standardError.contains(#"the kept record "1714""#))
        #expect(result.standardError.contains(#"already has a top-level field "meta""#))
        #expect(!FileManager.default.fileExists(atPath: kept))
        let empty = try CommandRunner.run(["dedup", try Self.feed(in: folder), "-o", kept, "--annotate", ""])
        #expect(empty.status == 64)
    }

    @Test func removedRecordsMustBeAnotherFile() throws {
        let folder = try ScratchFolder()
        let feed = try Self.feed(in: folder)
        let kept = folder.path("kept.jsonl")
        let same = try CommandRunner.run(["dedup", feed, "-o", kept, "--removed-records", kept])
        #expect(same.status == 64)
        #expect(same.standardError.contains("(--removed-records) are the same file"))
        let input = try CommandRunner.run(["dedup", feed, "-o", kept, "--removed-records", feed])
        #expect(input.status == 64)
        #expect(input.standardError.contains("is also an input"))
    }

    /// A `.txt` file has no line to pass through: its document is written as `{"id", "text"}`.
    @Test func textFilesAreWrittenAsIDAndText() throws {
        let folder = try ScratchFolder()
        try folder.file("seeds/a.txt", "Hello there.\n")
        let kept = folder.path("kept.jsonl")
        let result = try CommandRunner.run(["dedup", folder.path("seeds"), "-o", kept, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.lines(of: kept) == [#"{"id":"a.txt","text":"Hello there.\n"}"#])
    }
}
