import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ids are bytes: two ids are the same only if their UTF-8 bytes are, wherever they come from.
@Suite struct DocumentIDTests {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    static func load(_ lines: [String], options: InputOptions = InputOptions(skipInvalid: true)) throws -> LoadedInput {
        try DocumentLoader(options: options).load(jsonLines: Array(lines.joined(separator: "\n").utf8), name: "f")
    }

    @Test func canonicallyEquivalentIDsWithDifferentBytesAreDifferentIDs() throws {
        #expect(Self.composed == Self.decomposed, "Swift strings compare by canonical equivalence")
        let loaded = try Self.load([
            #"{"id":"\#(Self.composed)","text":"one two three four five six seven eight"}"#,
            #"{"id":"\#(Self.decomposed)","text":"alpha beta gamma delta epsilon zeta eta theta"}"#,
            #"{"id":"\#(Self.decomposed)","text":"a real duplicate id"}"#,
        ])
        #expect(loaded.documents.map { Array($0.id.utf8) } == [Array(Self.composed.utf8), Array(Self.decomposed.utf8)])
        #expect(loaded.rejected.map(\.line) == [3])
        #expect(loaded.documents[0] != loaded.documents[0].withID(Self.decomposed))
        let report = try NearDupEngine().scan(loaded.documents)
        #expect(report.documents.count == 2)
    }

    @Test func anIntegerIDIsItsDigitsSoItEqualsTheSameDigitsAsAString() throws {
        let loaded = try Self.load([#"{"id":1,"text":"one"}"#, #"{"id":"1","text":"two"}"#])
        #expect(loaded.documents.map(\.id) == ["1"])
        #expect(loaded.rejected.map(\.problem) == [.duplicateID("1", firstSeenAt: "f:1")])
    }

    @Test(arguments: ["12345678901234567890123", "-9223372036854775809", "3.5", "1e3"])
    func aNumericIDThatIsNotA64BitIntegerIsNamedAsSuch(id: String) throws {
        let loaded = try Self.load([#"{"id":\#(id),"text":"t"}"#])
        let issue = try #require(loaded.rejected.first)
        #expect(issue.problem == .idNotAnInteger("id"))
        #expect(issue.problem.code == "wrong_type")
        #expect(
            issue.description
                == #"f:1: field "id" is a number but not an integer from -9223372036854775808 to "#
                + "18446744073709551615 (write such an id as a JSON string)")
    }

    @Test func recordsSeparatedByLoneCarriageReturnsAreNamedInTheMessage() throws {
        let lines = [#"{"id":"a","text":"one"}"# + "\r" + #"{"id":"b","text":"two"}"# + "\r"]
        let issue = try #require(try Self.load(lines).rejected.first)
        guard case .malformedJSON(let detail) = issue.problem else {
            Issue.record("expected malformed JSON, got \(issue)")
            return
        }
        #expect(detail.hasSuffix(JSONLinesReader.loneCarriageReturnHint))
        #expect(issue.description.contains("records must be separated by LF or CRLF, not by CR alone"))
        // CRLF line ends and a CR inside an escaped string are fine.
        let fine = try Self.load([#"{"id":"a","text":"one\r"}"# + "\r", #"{"id":"b","text":"two"}"#])
        #expect(fine.documents.map(\.id) == ["a", "b"])
    }

    @Test func fileNamesThatAreNotUTF8GetDistinctPercentEscapedIDs() throws {
        let folder = try ScratchFolder()
        for name: [UInt8] in [
            Array("g".utf8) + [0xFF], Array("g".utf8) + [0xFE], Array("100%".utf8), Array("g%FF".utf8),
        ] {
            let path = Array(folder.url.path.utf8) + [UInt8(ascii: "/")] + name + Array(".txt".utf8) + [0]
            let descriptor = path.withUnsafeBufferPointer {
                $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
            }
            try #require(descriptor >= 0)
            _ = write(descriptor, name, name.count)
            close(descriptor)
        }
        let loaded = try DocumentLoader().load([folder.url.path])
        #expect(loaded.documents.map(\.id) == ["100%25.txt", "g%25FF.txt", "g%FE.txt", "g%FF.txt"])
        #expect(loaded.documents.map { Array($0.text.utf8) }[2] == [UInt8(ascii: "g"), 0xEF, 0xBF, 0xBD])
    }

    @Test func textFilesAreFoundInAnyCaseAndOtherFilesAreCounted() throws {
        let folder = try ScratchFolder()
        for name in ["a.TXT", "b.Txt", "c.txt", "notes.md"] { try folder.file(name, name) }
        #expect(mkfifo(folder.url.path + "/pipe", 0o644) == 0)
        #expect(mkfifo(folder.url.path + "/pipe.txt", 0o644) == 0)
        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).load([folder.url.path])
        #expect(loaded.documents.map(\.id) == ["a.TXT", "b.Txt", "c.txt"])
        #expect(loaded.skippedFiles == 2)
        #expect(
            loaded.rejected == [
                InputIssue(file: folder.url.path + "/pipe.txt", line: nil, problem: .unreadable("not a regular file"))
            ])
        #expect(loaded.recordsRead == 4)
    }
}

extension Document {
    /// This document under another id.
    fileprivate func withID(_ id: String) -> Document {
        var copy = self
        copy.id = id
        return copy
    }
}
