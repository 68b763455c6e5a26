import Foundation
import GRDB
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex
@testable import NearDupSynthetic

#if canImport(Glibc)
    import Glibc
#endif

/// Crashes, damaged files and version checks.
@Suite struct DurabilityTests {
    static let corpus = CorpusGenerator(configuration: .init(documentCount: 160, seed: 77)).generate()

    static func feedLines() throws -> [String] {
        try corpus.documents.map { try IndexFixtures.jsonLines([$0]) }
    }

    @Test func writerKilledMidStreamLosesNoAcknowledgedArticle() throws {
        try killWriterMidStream(options: [])
    }

    /// The same while the writer merges its recent articles into runs every three articles: a
    /// merge cut short leaves them recent, and nothing is lost or found twice.
    @Test func writerKilledWhileMergingLosesNoAcknowledgedArticle() throws {
        let index = try killWriterMidStream(options: ["--merge-every", "3"])
        // Merges did run (at least 13 for the 40 acknowledged articles). How many runs are left
        // depends on when the kill lands: merges follow a binary counter, so after 16 of them
        // the runs are merged into one.
        #expect(try index.statistics().runs >= 1)
    }

    @discardableResult
    private func killWriterMidStream(options: [String]) throws -> NearDupIndex {
        let folder = try ScratchFolder()
        let path = folder.path("killed.neardup")
        let process = Process()
        process.executableURL = try CommandRunner.executable()
        process.arguments = ["index", "add", path, "-"] + options
        let (stdin, stdout) = (Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = try Self.feedLines()
        let writer = stdin.fileHandleForWriting
        let feeding = Thread {
            for line in lines {
                // A broken pipe after the kill is expected; SIGPIPE is ignored below.
                try? writer.write(contentsOf: Data(line.utf8))
                usleep(2_000)
            }
            try? writer.close()
        }
        signal(SIGPIPE, SIG_IGN)
        feeding.start()
        var acknowledged: [String] = []
        var pending = Data()
        let reader = stdout.fileHandleForReading
        while acknowledged.count < 40 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = pending[(newline + 1)...]
                let object = try JSONSerialization.jsonObject(with: line) as? [String: Any]
                acknowledged.append(try #require(object?["id"] as? String))
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 40)

        let index = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        let count = try index.count
        #expect(count >= acknowledged.count && count < lines.count)
        for id in acknowledged { #expect(try index.contains(id: id), "acknowledged \(id) is missing") }
        // Articles are added in feed order, whole: the stored ones are exactly a prefix of the feed.
        let ids = Self.corpus.documents.map(\.id)
        for id in ids.prefix(count) { #expect(try index.contains(id: id)) }
        #expect(try !index.contains(id: ids[count]))
        #expect(try index.checkIntegrity().problems == [])
        // And the index goes on: the rest can be added.
        _ = try index.add(contentsOf: Array(Self.corpus.documents[count...]))
        #expect(try index.count == lines.count)
        return index
    }

    /// `--durability full` syncs the write-ahead log at every commit (SQLite's `synchronous = FULL`,
    /// which GRDB's switch to WAL mode once turned back to `NORMAL`); `process` leaves the syncs to
    /// checkpoints. `strace` counts them while five articles are added one per transaction.
    @Test func fullDurabilitySyncsEveryCommit() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("five.jsonl", IndexFixtures.jsonLines(Self.corpus.documents.prefix(5)))
        let neardup = try CommandRunner.executable().path
        var syncs: [NearDupIndex.Durability: Int] = [:]
        for durability in NearDupIndex.Durability.allCases {
            let path = folder.path("\(durability).neardup")
            let trace = folder.path("\(durability).trace")
            try InterruptedCheckpointTests.build(path, with: [])
            let traced = try InterruptedCheckpointTests.run(
                "/usr/bin/strace",
                [
                    "-f", "-qq", "-o", trace, "-e", "trace=fsync,fdatasync", neardup, "index", "add", path, feed,
                    "--batch-size", "1", "--durability", durability.rawValue,
                ])
            #expect(traced.status == 0)
            syncs[durability] = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").count
        }
        #expect(try #require(syncs[.full]) >= #require(syncs[.process]) + 5, "\(syncs)")
    }

    /// Builds a small index and closes it, so its write-ahead log is checkpointed into the file.
    static func builtIndex(in folder: ScratchFolder) throws -> String {
        let path = folder.path("built.neardup")
        let index = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        _ = try index.add(contentsOf: Array(corpus.documents.prefix(60)))
        return path
    }

    @Test func truncatedFileIsAClearError() throws {
        let folder = try ScratchFolder()
        let path = try Self.builtIndex(in: folder)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try FileHandle(forWritingAtPath: path)!.truncate(atOffset: UInt64(size / 2))
        #expect {
            _ = try NearDupIndex(path: path)
        } throws: { error in
            guard case NearDupIndexError.corrupt(_, let reason)? = error as? NearDupIndexError else { return false }
            return reason.contains("truncated")
        }
        let (status, _, errors) = try CommandRunner.run(["index", "check-integrity", path]).parts
        #expect(status == 1)
        #expect(errors.contains("is damaged: truncated"))
    }

    @Test func overwrittenPagesAreFoundByTheIntegrityCheck() throws {
        let folder = try ScratchFolder()
        let path = try Self.builtIndex(in: folder)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(size / 2))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 3 * 4096))
        try handle.close()
        let (status, output, errors) = try CommandRunner.run(["index", "check-integrity", path]).parts
        #expect(status == 1)
        #expect(output.contains("PROBLEM") || errors.contains("damaged"), "\(output) \(errors)")
    }

    @Test func aFileThatIsNotAnIndexIsAClearError() throws {
        let folder = try ScratchFolder()
        let path = folder.path("notes.txt")
        try Data(String(repeating: "not an index\n", count: 500).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: NearDupIndexError.notAnIndex(path: path, reason: "not an SQLite database")) {
            _ = try NearDupIndex(path: path)
        }
    }

    @Test func otherOptionsOrSignatureVersionAreRefused() throws {
        let folder = try ScratchFolder()
        let path = try Self.builtIndex(in: folder)
        var options = NearDupOptions()
        options.threshold = 0.6
        #expect(throws: NearDupIndexError.optionsMismatch(path: path, differences: ["threshold: index 0.5, asked 0.6"]))
        {
            _ = try NearDupIndex(path: path, options: options)
        }
        #expect(try NearDupIndex(path: path).options.threshold == 0.5)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE meta SET value = '1' WHERE name = 'signature_version'") }
        #expect(
            throws: NearDupIndexError.versionMismatch(
                path: path, what: "signature format version", stored: "1", expected: "3")
        ) {
            _ = try NearDupIndex(path: path)
        }
    }
}
