import Foundation
import NearDupTestSupport
import Testing

/// The index as a filter step: `index add --new-output` writes the input lines of the articles
/// that were new; `dedup --against` removes what an index has, without adding to it.
@Suite struct IndexFilterTests {
    static let budget =
        "The council approved the new budget on Monday after a long debate about schools and roads. "
        + "Spending on buses rises by a tenth, and the library keeps its Sunday hours."
    static let bread =
        "A recipe for bread needs flour, water, salt and time; the dough rests overnight in a cool "
        + "kitchen before it is shaped, proved again and baked in a very hot oven."

    static let yesterday = #"{"id":"old-1","text":"\#(budget)"}"#
    static let today = [
        #"{ "text":"\#(budget)", "id": 7, "url":"http://x/\u00e9" }"#,
        #"{"id":8,"meta":{"lang":"en"},"text":"\#(bread)","ts":1714290000000}"#,
    ]

    static func lines(of path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    @Test(arguments: [["--batch-size", "1"], []])
    func newOutputHoldsTheNewArticlesLines(batching: [String]) throws {
        let folder = try ScratchFolder()
        let index = folder.path("index.db")
        #expect(
            try CommandRunner.run(["index", "add", index, try folder.file("old.jsonl", Self.yesterday + "\n")]).status
                == 0)
        let feed = try folder.file("today.jsonl", Self.today.joined(separator: "\r\n"))
        let new = folder.path("new.jsonl")
        let result = try CommandRunner.run(["index", "add", index, feed, "--new-output", new] + batching)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(#""duplicate_of":"old-1""#))
        #expect(try Self.lines(of: new) == [Self.today[1]])
    }

    @Test func newOutputMustBeAnotherFile() throws {
        let folder = try ScratchFolder()
        let index = folder.path("index.db")
        let feed = try folder.file("today.jsonl", Self.today.joined(separator: "\n"))
        let input = try CommandRunner.run(["index", "add", index, feed, "--new-output", feed])
        #expect(input.status == 64)
        #expect(input.standardError.contains("is also an input"))
        let rejects = folder.path("rejects.jsonl")
        let same = try CommandRunner.run(["index", "add", index, feed, "--new-output", rejects, "--rejects", rejects])
        #expect(same.status == 64)
        #expect(same.standardError.contains("are the same file"))
        let theIndex = try CommandRunner.run(["index", "add", index, feed, "--new-output", index])
        #expect(theIndex.status == 64)
        #expect(!FileManager.default.fileExists(atPath: index))
    }

    /// A batch of three: a copy of the indexed article, a new one, and a copy of the new one.
    @Test func dedupAgainstAnIndexRemovesWhatItHasThenDeduplicates() throws {
        let folder = try ScratchFolder()
        let index = folder.path("index.db")
        #expect(
            try CommandRunner.run(["index", "add", index, try folder.file("old.jsonl", Self.yesterday + "\n")]).status
                == 0)
        let copy = #"{"id":9, "text":"\#(Self.bread)"}"#
        let feed = try folder.file("today.jsonl", (Self.today + [copy]).joined(separator: "\n") + "\n")
        let (kept, removed, removedRecords) = (folder.path("k.jsonl"), folder.path("r.jsonl"), folder.path("rr.jsonl"))
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let summary = folder.path("summary.json")
        let result = try CommandRunner.run([
            "dedup", feed, "--against", index, "-o", kept, "--removed", removed, "--removed-records", removedRecords,
            "--summary", summary,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("3 records read: 1 kept, 2 removed (1 against the index), 0 rejected"))
        #expect(try Self.lines(of: kept) == [Self.today[1]])
        #expect(try Self.lines(of: removedRecords) == [Self.today[0], copy])
        let evidence = try Self.lines(of: removed)
        #expect(evidence.count == 2)
        #expect(evidence[0].hasPrefix(#"{"id":"7","duplicate_of":"old-1","relation":"duplicate","#))
        #expect(evidence[0].hasSuffix(#","in_index":true}"#))
        #expect(evidence[1].hasPrefix(#"{"id":"9","duplicate_of":"8","#))
        let counts = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(counts.contains(#""documents":3,"kept":1,"removed":2,"removed_against_index":1,"rejected":0"#))
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before, "the index is only read")
        let narrower = try CommandRunner.run(["dedup", feed, "--against", index, "-o", kept, "--remove", "copy"])
        #expect(narrower.status == 0)
        #expect(try Self.lines(of: kept) == Self.today + [copy], "--remove applies to the index too")
    }

    @Test func dedupAgainstNeedsAReadableIndex() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("today.jsonl", Self.today.joined(separator: "\n"))
        let kept = folder.path("k.jsonl")
        let missing = try CommandRunner.run(["dedup", feed, "--against", folder.path("none.db"), "-o", kept])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no index at"))
        let notAnIndex = try folder.file("junk.db", "not an index\n")
        let junk = try CommandRunner.run(["dedup", feed, "--against", notAnIndex, "-o", kept])
        #expect(junk.status == 1)
        #expect(junk.standardError.contains("is not a NearDup index"))
        #expect(!FileManager.default.fileExists(atPath: kept))
        let output = try CommandRunner.run(["dedup", feed, "--against", notAnIndex, "-o", notAnIndex])
        #expect(output.status == 64)
        #expect(output.standardError.contains("is also an input"))
    }
}
