import Foundation
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex
@testable import NearDupSynthetic

/// A checkpoint copies the write-ahead log into the index file: the header page first (with the new
/// page count), the file extended last. Cut short by a kill or a full disk, it leaves the file
/// shorter than its header says and the rest in the log, which SQLite reads: a sound index, which
/// every command must open, answer from and pass as sound.
@Suite struct InterruptedCheckpointTests {
    static let documents = DurabilityTests.corpus.documents
    /// Enough articles to fill the small disk.
    static let filler = CorpusGenerator(configuration: .init(documentCount: 600, seed: 18)).generate().documents

    /// `strace` kills the writer (SIGKILL) at its second write to the index file, which only a
    /// checkpoint writes in WAL mode: the one SQLite runs when the writer closes the index, after
    /// the header page and before the rest. (The machine image of the CI has `strace`.)
    @Test func aWriterKilledInACheckpointLeavesAnIndexThatOpens() throws {
        let folder = try ScratchFolder()
        let path = folder.path("killed.neardup")
        try Self.build(path, with: Self.documents.prefix(120))
        let feed = try folder.file("rest.jsonl", try IndexFixtures.jsonLines(Self.documents[120...]))
        let strace = "/usr/bin/strace"
        try #require(FileManager.default.isExecutableFile(atPath: strace), "this test needs \(strace)")
        let neardup = try CommandRunner.executable().path
        let killed = try Self.run(
            strace,
            [
                "-f", "-qq", "-o", "/dev/null", "-P", path, "-e", "trace=pwrite64", "-e",
                "inject=pwrite64:signal=SIGKILL:when=2", neardup, "index", "add", path, feed, "--durability", "process",
            ])
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "\(killed)")
        #expect(killed.output.split(separator: "\n").count == 40)
        try Self.expectCutShortCheckpoint(at: path)
        try Self.expectSoundIndex(at: path, articles: 160, holding: Self.documents[0])
        // Without its shared-memory file, a reader rebuilds it from the log.
        try FileManager.default.removeItem(atPath: path + "-shm")
        try Self.expectSoundIndex(at: path, articles: 160, holding: Self.documents[0])
        // A writer finishes the checkpoint and goes on.
        let index = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        _ = try index.add(Document(id: "after", text: Self.documents[0].text))
        #expect(try index.count == 161)
        #expect(try index.checkIntegrity().problems == [])
    }

    /// A full disk under `index add`: a small tmpfs (mounted as root, as the CI runs) that the
    /// log fills, so the checkpoint that should extend the file fails. Without root, a file size
    /// limit (`ulimit -f`, which `neardup` turns into a write error) cuts short the checkpoint that
    /// closing the index runs.
    @Test(.longTier) func aFullDiskDuringAddLeavesAnIndexThatOpens() throws {
        let folder = try ScratchFolder()
        let small = folder.path("small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: false)
        let mounted = try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=18m", "tmpfs", small]).status == 0
        defer { if mounted { _ = try? Self.run("/bin/umount", [small]) } }
        let path = small + "/full.neardup"
        let neardup = try CommandRunner.executable().path
        let added: (reason: Process.TerminationReason, status: Int32, output: String)
        let expected: Int
        if mounted {
            // One transaction per article: the log reaches SQLite's checkpoint size (1,000 pages) within
            // a few hundred articles and fills most of the 18 MB, leaving no room to extend the file.
            let feed = try folder.file("feed.jsonl", try IndexFixtures.jsonLines(Self.filler))
            try Self.build(path, with: [])
            added = try Self.run(neardup, ["index", "add", path, feed, "--batch-size", "1", "--durability", "process"])
            #expect(added.reason == .exit && added.status == 1, "\(added)")
            expected = added.output.split(separator: "\n").count
            #expect(expected > 100 && expected < Self.filler.count)
        } else {
            try Self.build(path, with: Self.documents.prefix(120))
            let feed = try folder.file("rest.jsonl", try IndexFixtures.jsonLines(Self.documents[120...]))
            let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            let limit = "ulimit -f \((size + 65_536) / 512); exec \"$0\" \"$@\""
            added = try Self.run(
                "/bin/sh", ["-c", limit, neardup, "index", "add", path, feed, "--durability", "process"])
            #expect(added.reason == .exit && added.status == 0, "\(added)")
            expected = 160
        }
        try Self.expectCutShortCheckpoint(at: path)
        try Self.expectSoundIndex(at: path, articles: expected, holding: (mounted ? Self.filler : Self.documents)[0])
        // Moved where there is room, it takes the rest.
        let roomy = folder.path("roomy.neardup")
        for suffix in ["", "-wal", "-shm"] {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: roomy + suffix)
        }
        let index = try NearDupIndex(path: roomy, configuration: IndexFixtures.fast)
        let rest = mounted ? Array(Self.filler[expected...]) : []
        _ = try index.add(contentsOf: rest)
        #expect(try index.count == expected + rest.count)
        #expect(try index.checkIntegrity().problems == [])
    }

    // MARK: - Helpers

    /// Creates an index at `path` holding `documents`, and closes it (its log goes into the file).
    static func build(_ path: String, with documents: some Collection<Document>) throws {
        let index = try NearDupIndex(path: path, configuration: IndexFixtures.fast)
        _ = try index.add(contentsOf: Array(documents))
    }

    /// Checks that the file is shorter than its header says, and its log holds frames: the state
    /// the test is about (so a test that missed the checkpoint fails rather than passes for nothing).
    static func expectCutShortCheckpoint(at path: String) throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let pageSize = Int(file[16]) << 8 | Int(file[17])
        let pages = file[28..<32].reduce(0) { $0 << 8 | Int($1) }
        #expect(file.count < pages * pageSize, "\(file.count) bytes, \(pages) pages of \(pageSize)")
        let log = try #require(FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
        #expect(log > 32)
    }

    /// Checks that the index at `path` opens read-only with `articles` articles, that `stats` and
    /// `check-integrity` succeed, and that `check` finds `indexed` under another id.
    static func expectSoundIndex(at path: String, articles: Int, holding indexed: Document) throws {
        var readOnly = IndexFixtures.fast
        readOnly.readOnly = true
        let index = try NearDupIndex(path: path, configuration: readOnly)
        #expect(try index.count == articles)
        #expect(try index.checkIntegrity().problems == [])
        let (status, output, errors) = try CommandRunner.run(["index", "stats", path]).parts
        #expect(status == 0 && output.contains("articles: \(articles)\n"), "\(output) \(errors)")
        let integrity = try CommandRunner.run(["index", "check-integrity", path])
        #expect(integrity.status == 0 && integrity.standardOutput.hasSuffix("ok\n"), "\(integrity.standardError)")
        let probe = try IndexFixtures.jsonLines([Document(id: "probe", text: indexed.text)])
        let check = try CommandRunner.run(["index", "check", path, "-"], input: Data(probe.utf8))
        #expect(check.status == 0 && check.standardOutput.contains("\"duplicate_of\":\"\(indexed.id)\""), "\(check)")
    }

    /// Runs `executable` with `arguments` and waits for it.
    static func run(_ executable: String, _ arguments: [String]) throws -> (
        reason: Process.TerminationReason, status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, String(decoding: printed, as: UTF8.self))
    }
}
