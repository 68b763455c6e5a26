import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupFormats

/// Texts moved to a temporary file (`InputOptions.TextStorage.spill`) read, compare and scan
/// exactly like texts held in memory, and a file that cannot be written is a clear error.
@Suite struct TextSpillTests {
    /// A generated feed with non-ASCII text added, so byte ranges cross multi-byte characters.
    static let feed: [UInt8] = {
        var bytes = GeneratedFeed.bytes(documents: 600, seed: 11)
        bytes += Array(#"{"id":"accents","text":"Café crème — naïve\nÜber straße ✓ 東京\n\nlast line"}"#.utf8) + [0x0A]
        return bytes
    }()

    static func load(_ storage: InputOptions.TextStorage) throws -> LoadedInput {
        let loader = DocumentLoader(
            options: InputOptions(timeField: "published", sourceField: "source", textStorage: storage))
        return try loader.load(jsonLines: feed, name: "feed.jsonl")
    }

    @Test(arguments: [0, 100_000])
    func spilledDocumentsEqualDocumentsInMemory(heldBytes: Int) throws {
        let folder = try ScratchFolder()
        let inMemory = try Self.load(.memory)
        let spilled = try Self.load(.spill(beyondBytes: heldBytes, directory: folder.url.path))
        #expect(spilled == inMemory)
        #expect(Set(spilled.documents) == Set(inMemory.documents), "hashes agree across storages")
        for (spilledDocument, document) in zip(spilled.documents, inMemory.documents) {
            #expect(spilledDocument.text == document.text)
            #expect(spilledDocument.textByteCount == document.text.utf8.count)
        }
        // The file is unnamed: nothing shows up in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test func spilledTextsQuoteParagraphsByByteRange() throws {
        let folder = try ScratchFolder()
        let spilled = try Self.load(.spill(beyondBytes: 0, directory: folder.url.path)).documents.last!
        let text = "Café crème — naïve\nÜber straße ✓ 東京\n\nlast line"
        let second = "Café crème — naïve\n".utf8.count..<"Café crème — naïve\nÜber straße ✓ 東京".utf8.count
        #expect(spilled.text(inBytes: second) == "Über straße ✓ 東京")
        #expect(spilled.text(inBytes: 0..<text.utf8.count) == Substring(text))
        var edited = spilled
        edited.text = "replaced"
        #expect(edited.text == "replaced" && edited != spilled)
    }

    @Test func scanOfSpilledDocumentsIsIdentical() throws {
        let folder = try ScratchFolder()
        var options = NearDupOptions()
        options.threadCount = 2
        let engine = try NearDupEngine(options: options)
        let expected = JSONLinesReportRenderer().render(try engine.scan(try Self.load(.memory).documents))
        let spilled = try Self.load(.spill(beyondBytes: 50_000, directory: folder.url.path)).documents
        #expect(JSONLinesReportRenderer().render(try engine.scan(spilled)) == expected)
    }

    @Test func aFolderThatCannotHoldTheFileIsAClearError() throws {
        let folder = try ScratchFolder()
        let missing = folder.url.appendingPathComponent("missing").path
        #expect(throws: InputError.cannotSpill(directory: missing, reason: "No such file or directory")) {
            try Self.load(.spill(beyondBytes: 0, directory: missing))
        }
        // Under the limit nothing is moved, so the folder is never needed.
        #expect(try Self.load(.spill(beyondBytes: .max, directory: missing)) == (try Self.load(.memory)))
    }
}
