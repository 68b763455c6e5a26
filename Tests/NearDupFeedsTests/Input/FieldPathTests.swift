import Foundation
import Testing

@testable import NearDup
@testable import NearDupFeeds

/// Dotted field names (``FieldPaths``): nested members, keys holding dots, and bad paths.
@Suite struct FieldPathTests {
    static func values(_ line: String, _ fields: [String]) throws(RecordProblem) -> [JSONFieldValue?] {
        try Array(line.utf8).withBytes { (bytes) throws(RecordProblem) in
            try JSONRecordParser.parse(bytes, fields: FieldPaths(fields))
        }
    }

    @Test func readsNestedMembersAtAnyDepth() throws {
        let line = #"{"id": 1, "meta": {"skip": [1, {"a": 2}], "text": "body", "when": {"at": 5}}, "text": "top"}"#
        let values = try Self.values(line, ["id", "meta.text", "meta.when.at", "text", "meta", "meta.absent", "x.y"])
        #expect(values == [.integer("1"), .string("body"), .integer("5"), .string("top"), .container, nil, nil])
    }

    @Test func anExactTopLevelKeyWinsOverTheNestedPath() throws {
        #expect(try Self.values(#"{"a.b": "exact", "a": {"b": "nested"}}"#, ["a.b"]) == [.string("exact")])
        #expect(try Self.values(#"{"a": {"b": "nested"}, "a.b": "exact"}"#, ["a.b"]) == [.string("exact")])
        #expect(try Self.values(#"{"a": {"b": "nested"}}"#, ["a.b"]) == [.string("nested")])
        #expect(try Self.values(#"{"a.b": null, "a": {"b": "nested"}}"#, ["a.b"]) == [.null])
    }

    @Test func theLastValueOfARepeatedKeyWins() throws {
        #expect(try Self.values(#"{"a": {"b": 1}, "a": {"c": 2}}"#, ["a.b", "a.c"]) == [nil, .integer("2")])
        #expect(try Self.values(#"{"a": 3, "a": {"b": 1}}"#, ["a.b"]) == [.integer("1")])
        #expect(try Self.values(#"{"a": {"b": 1}, "a": null}"#, ["a.b"]) == [nil])
    }

    @Test func aNullOnThePathMakesTheFieldAbsent() throws {
        #expect(try Self.values(#"{"a": null}"#, ["a.b.c"]) == [nil])
        #expect(try Self.values(#"{"a": {"b": null}}"#, ["a.b.c"]) == [nil])
    }

    @Test(arguments: [
        (#"{"a": "text"}"#, "a"), (#"{"a": [{"b": 1}]}"#, "a"), (#"{"a": {"b": 7}}"#, "a.b"),
        (#"{"a": {"b": true}}"#, "a.b"),
    ])
    func aPathThroughANonObjectIsAnError(line: String, member: String) {
        do {
            _ = try Self.values(line, ["a.b.c"])
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.problem == .pathThroughNonObject(field: "a.b.c", at: member))
        }
    }

    @Test func duplicateAndOverlappingNamesAllGetTheirValues() throws {
        let values = try Self.values(#"{"a": {"b": "x"}}"#, ["a.b", "a.b", "a"])
        #expect(values == [.string("x"), .string("x"), .container])
    }

    @Test func nestedFieldsLoadDocumentsWithFileAndLineErrors() throws {
        let options = InputOptions(
            idField: "meta.id", textField: "content.body", timeField: "meta.published", sourceField: "meta.site")
        let input = """
            {"meta": {"id": 7, "published": "2025-04-28", "site": "a"}, "content": {"body": "one"}}
            {"meta": {"id": "b"}, "content": {"body": 5}}
            {"meta": "c", "content": {"body": "three"}}
            {"meta": {"id": "d"}, "content": {}}
            """
        var loader = DocumentLoader(options: options)
        loader.options.skipInvalid = true
        let loaded = try loader.load(jsonLines: Array(input.utf8), name: "n.jsonl")
        #expect(loaded.documents.map(\.id) == ["7"])
        #expect(loaded.documents.first?.text == "one")
        #expect(loaded.documents.first?.source == "a")
        #expect(loaded.documents.first?.published?.timeIntervalSince1970 == 1_745_798_400)
        #expect(
            loaded.rejected.map(\.description) == [
                #"n.jsonl:2: field "content.body" is not a string"#,
                #"n.jsonl:3: field "meta.id" cannot be read: "meta" is not an object"#,
                #"n.jsonl:4: missing field "content.body""#,
            ])
        #expect(loaded.rejected.map(\.problem.code) == ["wrong_type", "wrong_type", "missing_field"])
    }
}
