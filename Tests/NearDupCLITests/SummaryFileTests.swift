import Foundation
import NearDup
import NearDupTestSupport
import Testing

/// `--summary FILE` on `dedup` and `scan`: one JSON object whose counts are the run's own, with
/// rejects by problem, the parameters and the version; the same input gives the same summary but
/// for the time taken; an unwritable summary fails before any work.
@Suite struct SummaryFileTests {
    /// The fixture feed with a truncated record and a repeated id appended.
    private static func feedWithBadRecords(in folder: ScratchFolder) throws -> String {
        let feed = try String(contentsOfFile: Fixtures.path("fixtures/feed.jsonl"), encoding: .utf8)
        let first = try #require(feed.split(separator: "\n").first)
        return try folder.file("feed.jsonl", feed + String(first.prefix(40)) + "\n" + first + "\n")
    }

    private static func summary(at path: String) throws -> [String: Any] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 1, "one JSON object on one line")
        return try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    }

    @Test func dedupSummaryAccountsForEveryRecord() throws {
        let folder = try ScratchFolder()
        let feed = try Self.feedWithBadRecords(in: folder)
        let path = folder.path("summary.json")
        let run = try DedupRun.run(
            [feed], options: ["--time-field", "published", "--source-field", "source", "--summary", path], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try Self.summary(at: path)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["command"] as? String == "dedup")
        #expect(summary["version"] as? String == NearDupRelease.version)
        #expect(summary["feeds"] as? [String] == [feed])
        #expect(summary["records_read"] as? Int == 11)
        #expect(summary["kept"] as? Int == run.keptIDs.count)
        #expect(summary["removed"] as? Int == run.removedIDs.count)
        #expect(summary["rejected"] as? Int == 2)
        #expect(summary["rejected_by_problem"] as? [String: Int] == ["malformed_json": 1, "duplicate_id": 1])
        let removedByRelation = try #require(summary["removed_by_relation"] as? [String: Int])
        #expect(removedByRelation.values.reduce(0, +) == run.removedIDs.count)
        #expect(removedByRelation["partial"] == 0, "partial copies are kept")
        let fields = try #require(summary["fields"] as? [String: Any])
        #expect(fields["time"] as? String == "published")
        let parameters = try #require(summary["parameters"] as? [String: Any])
        #expect(parameters["shingle"] as? String == "word:5")
        #expect(parameters["keep"] as? String == "earliest")
        #expect(parameters["remove"] as? [String] == ["copy", "duplicate", "rewrite"])
        #expect((summary["seconds"] as? Double).map { $0 >= 0 } == true)
    }

    @Test func scanSummaryHasTheScansLinksAndIsTheSameRunToRunButForTheTime() throws {
        let folder = try ScratchFolder()
        let feed = Fixtures.path("fixtures/feed.jsonl")
        var summaries: [[String: Any]] = []
        for name in ["one.json", "two.json"] {
            let result = try CommandRunner.run(
                ["scan", feed, "--format", "jsonl", "--summary", folder.path(name), "--quiet"])
            try #require(result.status == 0, "\(result.standardError)")
            var summary = try Self.summary(at: folder.path(name))
            summary["seconds"] = nil
            summaries.append(summary)
            let firstLine = try #require(result.standardOutput.split(separator: "\n").first)
            let header = try #require(
                try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])
            let links = try #require(summary["links"] as? [String: Int])
            #expect(links.values.reduce(0, +) == header["links"] as? Int)
            #expect(summary["kept"] as? Int == header["kept"] as? Int)
        }
        #expect(summaries[0]["command"] as? String == "scan")
        #expect(
            try JSONSerialization.data(withJSONObject: summaries[0], options: .sortedKeys)
                == JSONSerialization.data(withJSONObject: summaries[1], options: .sortedKeys))
    }

    @Test func anUnwritableSummaryFailsBeforeAnyOutputIsWritten() throws {
        let folder = try ScratchFolder()
        let result = try CommandRunner.run([
            "dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", folder.path("kept.jsonl"),
            "--summary", folder.path("missing/summary.json"),
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("missing/summary.json"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("kept.jsonl")))
    }
}
