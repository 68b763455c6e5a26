import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupSynthetic

@Suite struct JSONLinesLoadingTests {
    @Test func readsRecordsWithIntegerIDsAndIgnoresUnknownFields() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file(
            "feed.jsonl",
            """
            {"id": "a1", "text": "First story.", "lang": "en"}
            {"id": 42, "text": "Second story.", "tags": ["x", {"y": 1}]}
            {"id": -7, "text": "Third story."}

            """
        )
        let loaded = try DocumentLoader().load([feed])
        #expect(loaded.documents.map(\.id) == ["a1", "42", "-7"])
        #expect(loaded.documents.map(\.text) == ["First story.", "Second story.", "Third story."])
        #expect(loaded.documents.allSatisfy { $0.published == nil && $0.source == nil })
        #expect(loaded.recordsRead == 3)
        #expect(loaded.rejected.isEmpty)
        #expect(loaded.documentsWithInvalidUTF8 == 0)
        #expect(loaded.emptyDocuments == 0)
    }

    @Test func readsCustomFieldNamesWithSourceAndTime() throws {
        let options = InputOptions(idField: "uid", textField: "body", timeField: "date", sourceField: "site")
        let input = #"{"uid": "x", "body": "Story.", "date": "2025-04-28", "site": "wire.example"}"#
        let loaded = try DocumentLoader(options: options).load(jsonLines: Array(input.utf8), name: "mem")
        let document = try #require(loaded.documents.first)
        #expect(
            document
                == Document(
                    id: "x", text: "Story.", published: Date(timeIntervalSince1970: 1_745_798_400),
                    source: "wire.example"))
    }

    @Test func malformedLineNamesFileAndLine() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("feed.jsonl", "{\"id\": \"a\", \"text\": \"ok\"}\n\n{\"id\": \"b\", \"text\": \n")
        let error = try #require(loadError(DocumentLoader(), [feed]))
        guard case .invalidRecord(let issue) = error else {
            Issue.record("expected invalidRecord, got \(error)")
            return
        }
        #expect(issue.file == feed)
        #expect(issue.line == 3)
        guard case .malformedJSON = issue.problem else {
            Issue.record("expected malformedJSON, got \(issue.problem)")
            return
        }
        #expect(issue.description.hasPrefix("\(feed):3: malformed JSON ("))
        #expect(error.description.hasPrefix("\(feed):3: malformed JSON ("))
    }

    @Test(arguments: [
        (#"{"id": "a"}"#, InputIssue.Problem.missingField("text")),
        (#"{"text": "t"}"#, .missingField("id")),
        (#"{"id": "a", "text": null}"#, .fieldNotAString("text")),
        (#"{"id": "a", "text": 5}"#, .fieldNotAString("text")),
        (#"{"id": 1.5, "text": "t"}"#, .idNotAnInteger("id")),
        (#"{"id": true, "text": "t"}"#, .fieldNotAString("id")),
        (#"{"id": "a", "text": "t", "source": 3}"#, .fieldNotAString("source")),
        (#"["id", "text"]"#, .notAnObject),
        (#"42"#, .notAnObject),
    ])
    func badRecordIsReportedWithItsProblem(line: String, expected: InputIssue.Problem) throws {
        let loader = DocumentLoader(options: InputOptions(sourceField: "source"))
        let input = "{\"id\": \"first\", \"text\": \"fine\"}\n" + line + "\n"
        do {
            _ = try loader.load(jsonLines: Array(input.utf8), name: "feed.jsonl")
            Issue.record("expected an error for \(line)")
        } catch {
            #expect(error == .invalidRecord(InputIssue(file: "feed.jsonl", line: 2, problem: expected)))
        }
    }

    @Test func missingFieldDescriptionReadsLikeADiagnostic() {
        let issue = InputIssue(file: "feed.jsonl", line: 9, problem: .missingField("text"))
        #expect(issue.description == #"feed.jsonl:9: missing field "text""#)
    }

    @Test func duplicateIDThrowsWithFirstLocation() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file(
            "feed.jsonl",
            """
            {"id": "a1", "text": "one"}
            {"id": "b2", "text": "two"}
            {"id": "a1", "text": "three"}
            """
        )
        let error = try #require(loadError(DocumentLoader(), [feed]))
        let expected = InputIssue(file: feed, line: 3, problem: .duplicateID("a1", firstSeenAt: "\(feed):1"))
        #expect(error == .invalidRecord(expected))
        #expect(expected.description == "\(feed):3: duplicate id \"a1\" (first seen at \(feed):1)")
    }

    @Test func skipInvalidKeepsGoingAndCountsEverything() throws {
        let input = """
            {"id": "a1", "text": "one"}
            not json
            {"id": "a1", "text": "again"}
            {"id": 7, "text": "seven"}
            {"id": "c", "text": "late", "time": "yesterday"}
            {"id": "d", "text": "four"}
            """
        let options = InputOptions(timeField: "time", skipInvalid: true)
        let loaded = try DocumentLoader(options: options).load(jsonLines: Array(input.utf8), name: "f")
        #expect(loaded.documents.map(\.id) == ["a1", "7", "d"])
        #expect(loaded.documents[0].text == "one")
        #expect(loaded.recordsRead == 6)
        #expect(loaded.rejected.map(\.line) == [2, 3, 5])
        #expect(loaded.rejected[1].problem == .duplicateID("a1", firstSeenAt: "f:1"))
        #expect(loaded.rejected[2].problem == .invalidTime("\"yesterday\""))
        #expect(loaded.documents.count + loaded.rejected.count == loaded.recordsRead)
    }

    @Test func duplicateIDsAreCheckedAcrossInputsAndOrderIsKept() throws {
        let folder = try ScratchFolder()
        let first = try folder.file("a.jsonl", "{\"id\": \"1\", \"text\": \"a\"}\n{\"id\": \"2\", \"text\": \"b\"}\n")
        let second = try folder.file("b.jsonl", "{\"id\": \"3\", \"text\": \"c\"}\n{\"id\": \"1\", \"text\": \"d\"}\n")
        let third = try folder.file("c.jsonl", "{\"id\": \"0\", \"text\": \"e\"}\n")
        let loader = DocumentLoader(options: InputOptions(skipInvalid: true))
        let loaded = try loader.load([second, first, third])
        #expect(loaded.documents.map(\.id) == ["3", "1", "2", "0"])
        #expect(loaded.documents.map(\.text) == ["c", "d", "b", "e"])
        #expect(
            loaded.rejected == [
                InputIssue(file: first, line: 1, problem: .duplicateID("1", firstSeenAt: "\(second):2"))
            ]
        )
        #expect(loaded.recordsRead == 5)
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let folder = try ScratchFolder()
        var bytes = Array(#"{"id": "u", "text": "caf"#.utf8)
        bytes += [0xE9, 0x20, 0xFF, 0xFE]  // Latin-1 "é", then bytes that are never valid UTF-8.
        bytes += Array("\"}\n{\"id\": \"v\", \"text\": \"fine\"}\n".utf8)
        let feed = try folder.file("latin1.jsonl", bytes)
        let loaded = try DocumentLoader().load([feed])
        #expect(loaded.documents.map(\.id) == ["u", "v"])
        #expect(loaded.documents[0].text == "caf\u{FFFD} \u{FFFD}\u{FFFD}")
        #expect(loaded.documentsWithInvalidUTF8 == 1)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let folder = try ScratchFolder()
        let text = "{\"id\": \"a\", \"text\": \"one\"}\r\n\r\n{\"id\": \"b\", \"text\": \"two\"}\r\n"
        let feed = try folder.file("windows.jsonl", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let loaded = try DocumentLoader().load([feed])
        #expect(loaded.documents.map(\.id) == ["a", "b"])
        #expect(loaded.documents.map(\.text) == ["one", "two"])
        #expect(loaded.recordsRead == 2)
    }

    @Test func blankLinesAreIgnoredButCountTowardsLineNumbers() throws {
        let input = "\n   \n\t\n{\"id\": \"a\", \"text\": \"one\"}\n  \t \n{\"id\": \"b\"}\n\n"
        let loader = DocumentLoader(options: InputOptions(skipInvalid: true))
        let loaded = try loader.load(jsonLines: Array(input.utf8), name: "blank.jsonl")
        #expect(loaded.recordsRead == 2)
        #expect(loaded.documents.map(\.id) == ["a"])
        #expect(loaded.rejected == [InputIssue(file: "blank.jsonl", line: 6, problem: .missingField("text"))])
    }

    @Test func emptyDocumentsAreKeptAndCounted() throws {
        let input = """
            {"id": "empty", "text": ""}
            {"id": "spaces", "text": "  \\n\\t "}
            {"id": "full", "text": "words"}
            """
        let loaded = try DocumentLoader().load(jsonLines: Array(input.utf8), name: "e")
        #expect(loaded.documents.map(\.id) == ["empty", "spaces", "full"])
        #expect(loaded.emptyDocuments == 2)
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let input = "{\"id\": \"a\", \"text\": \"one\"}\n{\"id\": \"b\", \"text\": \"two\"}"
        let loaded = try DocumentLoader().load(jsonLines: Array(input.utf8), name: "n")
        #expect(loaded.documents.map(\.id) == ["a", "b"])
    }

    @Test func emptyInputListGivesEmptyResult() throws {
        let loaded = try DocumentLoader().load([])
        #expect(loaded == LoadedInput())
    }

    @Test func missingFileCannotBeOpened() throws {
        let folder = try ScratchFolder()
        let path = folder.url.path + "/absent.jsonl"
        let error = try #require(loadError(DocumentLoader(), [path]))
        #expect(error == .cannotOpen(path: path, reason: "No such file or directory"))
        #expect(error.description.contains("No such file or directory"))
    }
}
