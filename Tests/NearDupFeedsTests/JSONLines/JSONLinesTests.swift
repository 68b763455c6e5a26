import Foundation
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupSynthetic

@Suite struct JSONLinesTests {
    static let tricky =
        "He said \"hi\" \\ back\\slash\n\ttab\r\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F} é 🇩🇪👩‍👩‍👧 \u{2028}\u{2029} end"

    @Test func escapedStringRoundTripsThroughJSONSerialization() throws {
        var bytes: [UInt8] = []
        appendJSONString(Self.tricky, to: &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(decoded as? String == Self.tricky)
    }

    @Test func escapesUseShortFormsAndCopyNonASCII() {
        var bytes: [UInt8] = []
        appendJSONString("\"\\\n\t\r\u{8}\u{C}\u{1}\u{1F}é\u{2028}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""\"\\\n\t\r\b\f\u0001\u001fé"# + "\u{2028}\"")
    }

    /// The vector scan looks at 16 bytes at a time: every special byte at every offset of a long
    /// run, with bytes on both sides of each limit (0x1F, 0x20, 0x7F, non-ASCII), is escaped as a
    /// character-by-character escaper does.
    @Test func escapingFindsSpecialBytesAtEveryOffsetOfLongRuns() {
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", " ", "\u{7F}", "é"] {
            for position in 0..<40 {
                let text = String(repeating: "a", count: position) + special + String(repeating: "b\u{20AC}", count: 9)
                var bytes: [UInt8] = []
                appendJSONString(text, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == Self.escapedOneScalarAtATime(text))
            }
        }
    }

    private static func escapedOneScalarAtATime(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case "\u{8}": escaped += "\\b"
            case "\u{C}": escaped += "\\f"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    @Test func bridgedStringsAreEscapedToo() throws {
        let bridged = NSString(string: Self.tricky) as String
        var bytes: [UInt8] = []
        appendJSONString(bridged, to: &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        #expect(decoded as? String == Self.tricky)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(951_782_400), "2000-02-29T00:00:00Z"),
        (Int64(1_735_689_600), "2025-01-01T00:00:00Z"),
        (Int64(1_740_787_199), "2025-02-28T23:59:59Z"),
        (Int64(4_107_542_399), "2100-02-28T23:59:59Z"),
    ])
    func timestampsAreISO8601InUTC(seconds: Int64, expected: String) {
        var bytes: [UInt8] = []
        appendISO8601(seconds: seconds, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func documentLineHasFixedKeyOrderAndParses() throws {
        let document = Document(
            id: "doc-1", text: Self.tricky, published: Date(timeIntervalSince1970: 1_735_689_725.9), source: "A \"B\"")
        var bytes: [UInt8] = []
        document.appendJSONLine(to: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line.hasPrefix(#"{"id":"doc-1","source":"A \"B\"","published":"2025-01-01T00:02:05Z","text":""#))
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
        #expect(object["text"] == Self.tricky)

        var bare: [UInt8] = []
        Document(id: "x", text: "y").appendJSONLine(to: &bare)
        #expect(String(decoding: bare, as: UTF8.self) == #"{"id":"x","text":"y"}"# + "\n")
    }

    @Test func truthLineDecodesAsTruthRecord() throws {
        let records = [
            TruthRecord(
                id: "doc-0000002", kind: .syndicated, original: "doc-0000001", edits: ["reorder", "wordEdits:3"]),
            TruthRecord(id: "doc-0000001", kind: .original),
        ]
        var bytes: [UInt8] = []
        for record in records {
            record.appendJSONLine(to: &bytes)
        }
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"id":"doc-0000002","kind":"syndicated","original":"doc-0000001","edits":["reorder","wordEdits:3"]}"#
                + "\n" + #"{"id":"doc-0000001","kind":"original","original":null,"edits":[]}"# + "\n")
        let decoded = try bytes.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(TruthRecord.self, from: Data($0))
        }
        #expect(decoded == records)
    }

    @Test func writerWritesAllLinesInSmallChunks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neardup-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let documents = (0..<40).map { index in
            Document(
                id: "doc-\(index)", text: String(repeating: Self.tricky + "\n", count: index + 1),
                published: Date(timeIntervalSince1970: 1_735_689_600), source: index.isMultiple(of: 3) ? nil : "Site")
        }
        let writer = try JSONLinesWriter(path: path, flushThreshold: 1_000)
        for document in documents {
            try writer.write(document)
        }
        try writer.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == writer.byteCount)
        let lines = data.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == documents.count)
        for (line, document) in zip(lines, documents) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: String])
            #expect(object["id"] == document.id)
            #expect(object["text"] == document.text)
            #expect(object["source"] == document.source)
        }
    }

    @Test func writerReportsAnUnwritablePath() {
        #expect(throws: JSONLinesWriterError.self) {
            _ = try JSONLinesWriter(path: "/nonexistent-directory/feed.jsonl")
        }
    }
}
