import Foundation
import NearDupTestSupport
import Testing

/// The index as a filter step: `index add --new-output` writes the input lines of the articles
/// that were new.
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
}
