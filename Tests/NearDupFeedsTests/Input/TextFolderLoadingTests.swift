import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

@Suite struct TextFolderLoadingTests {
    @Test func readsTxtFilesRecursivelyInByteOrderWithRelativeIDs() throws {
        let folder = try ScratchFolder()
        try folder.file("b.txt", "bee")
        try folder.file("a.txt", "ay")
        try folder.file("a/z.txt", "nested")
        try folder.file("a-b.txt", "dash")
        try folder.file("B.txt", "capital")
        try folder.file("deep/er/x.txt", "deeper")
        try folder.file("notes.md", "ignored")
        try folder.file("a/readme", "ignored")
        let loaded = try DocumentLoader().load([folder.url.path])
        // Byte order: "B" < "a"; "-" (0x2D) < "." (0x2E) < "/" (0x2F).
        #expect(loaded.documents.map(\.id) == ["B.txt", "a-b.txt", "a.txt", "a/z.txt", "b.txt", "deep/er/x.txt"])
        #expect(loaded.documents.map(\.text) == ["capital", "dash", "ay", "nested", "bee", "deeper"])
        #expect(loaded.documents.allSatisfy { $0.published == nil && $0.source == nil })
        #expect(loaded.recordsRead == 6)
    }

    @Test func idsAreRelativeToTheGivenFolderEvenWithATrailingSlash() throws {
        let folder = try ScratchFolder()
        try folder.file("fixtures/seeds/000_x.txt", "seed")
        let loaded = try DocumentLoader().load([folder.url.path + "/fixtures/"])
        #expect(loaded.documents.map(\.id) == ["seeds/000_x.txt"])
    }

    @Test func directorySymlinkLoopsAreNotFollowed() throws {
        let folder = try ScratchFolder()
        try folder.file("sub/doc.txt", "text")
        try folder.file("target.txt", "linked file")
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/sub/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.path + "/link.txt", withDestinationPath: "target.txt")
        let loaded = try DocumentLoader().load([folder.url.path])
        #expect(loaded.documents.map(\.id) == ["link.txt", "sub/doc.txt", "target.txt"])
        #expect(loaded.documents[0].text == "linked file")
    }

    @Test func unreadableFileIsAnErrorOrSkipped() throws {
        let folder = try ScratchFolder()
        try folder.file("a.txt", "fine")
        try FileManager.default.createSymbolicLink(
            atPath: folder.url.path + "/broken.txt", withDestinationPath: "missing")
        let broken = folder.url.path + "/broken.txt"
        let expected = InputIssue(file: broken, line: nil, problem: .unreadable("No such file or directory"))

        #expect(loadError(DocumentLoader(), [folder.url.path]) == .invalidRecord(expected))
        #expect(expected.description == "\(broken): cannot read file (No such file or directory)")

        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).load([folder.url.path])
        #expect(loaded.documents.map(\.id) == ["a.txt"])
        #expect(loaded.rejected == [expected])
        #expect(loaded.recordsRead == 2)
    }

    @Test func invalidUTF8BOMAndEmptyTextFiles() throws {
        let folder = try ScratchFolder()
        try folder.file("bad.txt", [0x61, 0xC3, 0x28, 0x62])  // "a", truncated sequence, "(b".
        try folder.file("bom.txt", [0xEF, 0xBB, 0xBF] + Array("marked".utf8))
        try folder.file("empty.txt", "")
        try folder.file("blank.txt", " \n\n\t")
        let loaded = try DocumentLoader().load([folder.url.path])
        #expect(loaded.documents.map(\.id) == ["bad.txt", "blank.txt", "bom.txt", "empty.txt"])
        #expect(loaded.documents[0].text == "a\u{FFFD}(b")
        #expect(loaded.documents[2].text == "marked")
        #expect(loaded.documentsWithInvalidUTF8 == 1)
        #expect(loaded.emptyDocuments == 2)
    }

    @Test func foldersAndFilesMixInPathOrder() throws {
        let folder = try ScratchFolder()
        try folder.file("texts/one.txt", "one")
        let feed = try folder.file(
            "feed.jsonl", "{\"id\": \"one.txt\", \"text\": \"clash\"}\n{\"id\": \"j\", \"text\": \"json\"}\n")
        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).load([
            folder.url.path + "/texts", feed,
        ])
        #expect(loaded.documents.map(\.id) == ["one.txt", "j"])
        let firstSeen = folder.url.path + "/texts/one.txt"
        #expect(
            loaded.rejected == [
                InputIssue(file: feed, line: 1, problem: .duplicateID("one.txt", firstSeenAt: firstSeen))
            ])
    }

    @Test func seedFixturesLoad() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Input
            .deletingLastPathComponent()  // NearDupTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        let seeds = root.appendingPathComponent("fixtures/seeds").path
        let loaded = try DocumentLoader().load([seeds])
        #expect(loaded.documents.count == 5)
        #expect(
            loaded.documents.map(\.id) == [
                "000_821dc1801a2e3d4d.txt", "001_a47bdf79ff27d0e0.txt", "002_711d1f5cb463d1e6.txt",
                "003_2dc55fe564d44fd7.txt", "004_30202366f37494a7.txt",
            ])
        #expect(loaded.emptyDocuments == 0)
        #expect(loaded.documents.allSatisfy { !$0.text.allSatisfy(\.isWhitespace) })
        #expect(loaded.rejected.isEmpty)
    }
}
