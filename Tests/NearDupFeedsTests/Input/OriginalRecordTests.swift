import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

/// `InputOptions.keepsRecords`: each document read from JSON Lines carries its line, byte for
/// byte, in `Document.record`, held in memory or moved to the temporary file with its text.
@Suite struct OriginalRecordTests {
    /// Lines with a byte order mark, CRLF, odd spacing and key order, nested fields, escapes,
    /// integer ids and millisecond times.
    static let lines: [[UInt8]] = [
        Array(#"{"id": 17, "text":"caf\u00e9 one", "meta":{"lang":"fr","n":[1,2.50,3e2]}, "t":1714290000000}"#.utf8),
        Array(#"  { "text" : "two \"quoted\"" ,"id":"b" }  "#.utf8),
        Array(#"{"url":"http://x/é","id":-3,"text":"three","extra":null}"#.utf8),
    ]

    static var feed: [UInt8] {
        [0xEF, 0xBB, 0xBF] + lines[0] + Array("\r\n".utf8) + lines[1] + [0x0A, 0x0A] + lines[2]
    }

    static func load(keepsRecords: Bool, storage: InputOptions.TextStorage = .memory) throws -> [Document] {
        var options = InputOptions(textStorage: storage)
        options.keepsRecords = keepsRecords
        return try DocumentLoader(options: options).load(jsonLines: feed, name: "feed.jsonl").documents
    }

    @Test(arguments: [nil, 0, 30])
    func recordsAreTheLinesAsRead(heldBytes: Int?) throws {
        let folder = try ScratchFolder()
        let storage = heldBytes.map { InputOptions.TextStorage.spill(beyondBytes: $0, directory: folder.url.path) }
        let documents = try Self.load(keepsRecords: true, storage: storage ?? .memory)
        #expect(documents.map(\.record) == Self.lines)
        #expect(documents.map(\.recordByteCount) == Self.lines.map(\.count))
        #expect(documents.map(\.id) == ["17", "b", "-3"])
        #expect(documents[0].text == "café one")
    }

    @Test func recordsAreNotKeptUnlessAsked() throws {
        let documents = try Self.load(keepsRecords: false)
        #expect(documents.allSatisfy { $0.record == nil && $0.recordByteCount == 0 })
        #expect(documents == (try Self.load(keepsRecords: true)), "records are not compared")
    }

    @Test func aRepairedLineKeepsItsRepairedBytes() throws {
        var options = InputOptions()
        options.keepsRecords = true
        let line: [UInt8] = Array(#"{"id":"a","text":"x"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let document = try #require(
            try DocumentLoader(options: options).load(jsonLines: line, name: "f").documents.first)
        #expect(document.record == Array(#"{"id":"a","text":"x�"}"#.utf8))
    }

    @Test func anEmbedderCarriesAnyBytes() {
        var document = Document(id: "a", text: "t", record: [1, 2, 3])
        #expect(document.record == [1, 2, 3])
        document.record = nil
        #expect(document.record == nil)
    }

    @Test func recordLinesTakeAFieldBeforeTheClosingBrace() throws {
        let documents = try Self.load(keepsRecords: true)
        var line: [UInt8] = []
        documents[1].appendRecordLine(adding: ("nd", Array("[1]".utf8)), to: &line)
        #expect(line == Array(#"  { "text" : "two \"quoted\"" ,"id":"b" ,"nd":[1]}  "#.utf8) + [0x0A])
        #expect(documents[0].recordLineRefuses(field: "meta") == #"it already has a top-level field "meta""#)
        #expect(documents[0].recordLineRefuses(field: "lang") == nil, "nested fields are not top-level")
        let empty = Document(id: "e", text: "", record: Array("{ }".utf8))
        line = []
        empty.appendRecordLine(adding: ("nd", Array("0".utf8)), to: &line)
        #expect(line == Array(#"{ "nd":0}"#.utf8) + [0x0A])
        #expect(Document(id: "x", text: "", record: Array("[1]".utf8)).recordLineRefuses(field: "nd") != nil)
    }

    @Test func aDocumentWithoutARecordIsWrittenAsJSON() {
        var line: [UInt8] = []
        Document(id: "seeds/a.txt", text: "hi").appendRecordLine(adding: ("nd", Array("1".utf8)), to: &line)
        #expect(line == Array(#"{"id":"seeds/a.txt","text":"hi","nd":1}"#.utf8) + [0x0A])
    }
}
