import Foundation
import NearDupTestSupport
import Testing

/// Every command that reads feeds rejects the same records for the same reasons, and writes them
/// to `--rejects` in the same format, as they are found.
@Suite struct RejectsFileTests {
    static let good = #"{"id":"a","text":"one two three four five six seven eight nine","published":1745815140}"#

    /// The commands that take `--rejects`, each with its arguments before the options, reading `feed`
    /// (the index ones on a new index in `folder`).
    static func commands(reading feed: String, in folder: ScratchFolder) throws -> [[String]] {
        let index = folder.path("index-\(UUID().uuidString).neardup")
        #expect(try CommandRunner.run(["index", "create", index]).status == 0)
        return [
            ["scan", feed], ["dedup", feed, "-o", folder.path("kept.jsonl")], ["bands", feed],
            ["index", "check", index, feed], ["index", "add", index, feed],
        ]
    }

    /// The objects of the JSON Lines file at `path`.
    static func objects(in path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func everyCommandWritesItsRejectsFile() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("feed.jsonl", Self.good + "\nnot json\n")
        for (number, command) in try Self.commands(reading: feed, in: folder).enumerated() {
            let rejects = folder.path("rejects-\(number).jsonl")
            let run = try CommandRunner.run(command + ["--rejects", rejects])
            #expect(run.status == 0, "\(command): \(run.standardError)")
            let written = try Self.objects(in: rejects)
            #expect(written.count == 1, "\(command)")
            #expect(written.first?["line"] as? Int == 2 && written.first?["problem"] as? String == "malformed_json")
            #expect(run.standardError.contains("rejected: \(feed):2: malformed JSON"), "\(command)")
        }
    }

    @Test(arguments: ["1e19", "-9.3e18", "1e300", "253402300800", #""9999-12-31T23:30:00-01:00""#])
    func aTimeThatCannotBeWrittenBackIsRejectedByEveryCommand(time: String) throws {
        let folder = try ScratchFolder()
        let bad = #"{"id":"b","text":"alpha beta gamma delta epsilon zeta eta theta","published":\#(time)}"#
        let feed = try folder.file("feed.jsonl", Self.good + "\n" + bad + "\n")
        for (number, command) in try Self.commands(reading: feed, in: folder).enumerated() {
            let rejects = folder.path("rejects-\(number).jsonl")
            let run = try CommandRunner.run(command + ["--time-field", "published", "--rejects", rejects])
            #expect(run.status == 0, "\(command): \(run.standardError)")
            let written = try Self.objects(in: rejects)
            #expect(written.map { $0["problem"] as? String } == ["invalid_time"], "\(command)")
            #expect(written.first?["line"] as? Int == 2)
        }
        let strict = try CommandRunner.run(
            ["dedup", feed, "--time-field", "published", "-o", folder.path("strict.jsonl")])
        #expect(strict.status == 65)
        #expect(strict.standardError.contains("\(feed):2: invalid time "))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func rejectedRecordsAreStreamedAndOnlyTheFirstTwentyListed() throws {
        let folder = try ScratchFolder()
        var lines = (0..<5_000).map { "bad \($0)" }
        lines.insert(Self.good, at: 2_500)
        let feed = try folder.file("feed.jsonl", lines.joined(separator: "\n"))
        let rejects = folder.path("rejects.jsonl")
        let run = try CommandRunner.run(["scan", feed, "--rejects", rejects])
        #expect(run.status == 0)
        #expect(try Self.objects(in: rejects).map { $0["line"] as? Int } == (1...5_001).filter { $0 != 2_501 })
        #expect(run.standardError.components(separatedBy: "rejected: ").count - 1 == 20)
        #expect(run.standardError.contains("… and 4980 more rejected records (in all: 5000 malformed_json)"))
        #expect(run.standardError.contains("5001 records read: 1 kept, 0 removed, 5000 rejected"))
    }
}
