import Foundation
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex

/// Ids, sources and texts go into the index and come back byte for byte, U+0000 included (SQLite
/// keeps it when a text is bound with its length; a C string stops there).
@Suite struct StoredTextTests {
    /// The reproduction of the report: an article with U+0000 is added, checked and found whole.
    @Test func anArticleWithNULIsStoredWholeAndMatched() throws {
        let folder = try ScratchFolder()
        let path = folder.path("nul.neardup")
        let nul = try folder.file(
            "nul.jsonl", #"{"id":"n","text":"abc\u0000def one two three four five six seven eight"}"# + "\n")
        let near = try folder.file(
            "near.jsonl", #"{"id":"m","text":"abc def one two three four five six seven eight"}"# + "\n")
        #expect(try CommandRunner.run(["index", "create", path]).status == 0)
        #expect(try CommandRunner.run(["index", "add", path, nul]).status == 0)
        let integrity = try CommandRunner.run(["index", "check-integrity", path])
        #expect(integrity.status == 0 && integrity.standardOutput.hasSuffix("ok\n"), "\(integrity.standardOutput)")
        for command in ["check", "add"] {
            let (status, output, errors) = try CommandRunner.run(["index", command, path, near]).parts
            #expect(status == 0 && output.contains(#""duplicate_of":"n""#), "\(command): \(output) \(errors)")
        }
        let index = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        let probe = Document(id: "probe", text: "abc\0def one two three four five six seven eight")
        let answer = try index.check(probe)
        #expect(answer.matches.map(\.id) == ["n", "m"] && answer.matches[0].jaccard == 1)
        #expect(try index.checkIntegrity().problems == [])
    }

    @Test func idsSourcesAndTextsKeepEveryCharacter() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("texts.neardup"), configuration: IndexFixtures.fast)
        let text = "A\0line of eleven words that the index keeps whole, NUL and all.\n\0"
        let documents = [
            Document(id: "a\0b", text: text, source: "wire\0one"),
            Document(id: "a", text: "Nothing like the other one at all, not even a shared word here."),
            Document(id: "", text: ""),
        ]
        _ = try index.add(contentsOf: documents)
        #expect(try index.count == 3)
        #expect(try index.indexedIDs(among: ["a\0b", "a", "", "a\0c", "a\0"]) == ["a\0b", "a", ""])
        let answer = try index.check(Document(id: "copy", text: text))
        let match = try #require(answer.matches.first)
        #expect(match.id == "a\0b" && match.source == "wire\0one" && match.relation == .duplicate)
        // Checking an indexed id leaves that article out, and only that one.
        #expect(try index.check(Document(id: "a\0b", text: text)).matches.isEmpty)
        #expect(try index.remove(id: "a\0b"))
        #expect(try index.indexedIDs(among: ["a\0b", "a", ""]) == ["a", ""])
        #expect(try index.checkIntegrity().problems == [])
    }
}
