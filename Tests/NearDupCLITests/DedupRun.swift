import Foundation
import NearDupTestSupport
import Testing

/// One `neardup dedup` run as a user would make it, with every output read back: the kept and
/// removed ids, the rejected records, the summary line and the peak memory.
///
/// ``run(_:options:in:)`` checks the accounting invariant on every run: each record read is
/// kept, removed or rejected, exactly once, and the summary on stderr says so.
struct DedupRun {
    /// A rejected record as written to the `--rejects` file.
    struct Reject: Equatable {
        var file: String
        var line: Int?
        var problem: String
    }

    var status: Int32?
    var signal: Int32?
    var keptIDs: [String] = []
    var removedIDs: [String] = []
    var rejects: [Reject] = []
    var standardError: String
    var maximumResidentBytes: Int

    /// Runs `neardup dedup FEEDS -o kept --removed removed --rejects rejects OPTIONS` in `folder`,
    /// killing it as hung after `timeout`.
    static func run(
        _ feeds: [String], options: [String] = [], in folder: ScratchFolder, timeout: Duration = .seconds(120)
    ) throws -> DedupRun {
        let kept = folder.url.appendingPathComponent("kept-\(UUID().uuidString).jsonl").path
        let removed = folder.url.appendingPathComponent("removed-\(UUID().uuidString).jsonl").path
        let rejects = folder.url.appendingPathComponent("rejects-\(UUID().uuidString).jsonl").path
        let child = try ChildProcess(
            ["dedup"] + feeds + ["-o", kept, "--removed", removed, "--rejects", rejects] + options, in: folder)
        child.closeInput()
        let exit = child.wait(timeout: timeout)
        #expect(!exit.hung)
        var run = DedupRun(
            status: exit.status, signal: exit.signal, standardError: child.standardError,
            maximumResidentBytes: exit.maximumResidentBytes)
        guard exit.status == 0 else {
            #expect(!FileManager.default.fileExists(atPath: kept), "no output under the final name on failure")
            return run
        }
        // Kept records are the input lines: an integer id stays an integer.
        run.keptIDs = try objects(in: kept).map {
            try #require(($0["id"] as? String) ?? ($0["id"] as? Int)?.description)
        }
        run.removedIDs = try objects(in: removed).map { try #require($0["id"] as? String) }
        run.rejects = try objects(in: rejects).map {
            Reject(
                file: try #require($0["file"] as? String), line: $0["line"] as? Int,
                problem: try #require($0["problem"] as? String))
        }
        let read = run.keptIDs.count + run.removedIDs.count + run.rejects.count
        // Ids are bytes (a Set<String> would merge canonically equivalent ones).
        let distinct = Set((run.keptIDs + run.removedIDs).map { Array($0.utf8) })
        #expect(distinct.count == run.keptIDs.count + run.removedIDs.count)
        #expect(
            run.standardError.contains(
                "neardup: \(read) records read: \(run.keptIDs.count) kept, \(run.removedIDs.count) removed, "
                    + "\(run.rejects.count) rejected"))
        return run
    }

    /// The JSON objects of a JSON Lines file.
    static func objects(in path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}
