import Foundation
import NearDupTestSupport
import Testing

/// Every command compares ids by their bytes: canonically equivalent ids (NFC and NFD `café`) are
/// two documents everywhere, as in the index's SQLite `UNIQUE`.
@Suite struct DocumentIDCommandTests {
    static let feedLines = [
        #"{"id":"caf\u00e9","text":"one two three four five six seven eight nine ten"}"#,
        #"{"id":"cafe\u0301","text":"alpha beta gamma delta epsilon zeta eta theta iota kappa"}"#,
    ]

    @Test func canonicallyEquivalentIDsAreDifferentDocumentsInEveryCommand() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("ids.jsonl", Self.feedLines.joined(separator: "\n") + "\n")
        let dedup = try DedupRun.run([feed], in: folder)
        #expect(dedup.status == 0, "\(dedup.standardError)")
        #expect(dedup.keptIDs.map { Array($0.utf8) } == [Array("caf\u{E9}".utf8), Array("cafe\u{301}".utf8)])
        for command in try RejectsFileTests.commands(reading: feed, in: folder) {
            let run = try CommandRunner.run(command)
            #expect(run.status == 0, "\(command): \(run.standardError)")
            #expect(!run.standardError.contains("duplicate id"), "\(command)")
        }
        let index = folder.path("twice.neardup")
        #expect(try CommandRunner.run(["index", "create", index]).status == 0)
        let added = try CommandRunner.run(["index", "add", index, feed])
        #expect(added.standardOutput.components(separatedBy: #""added":true"#).count - 1 == 2)
        let again = try CommandRunner.run(["index", "add", index, feed, "--skip-invalid"])
        #expect(again.standardError.contains(", 2 rejected"))
    }
}
