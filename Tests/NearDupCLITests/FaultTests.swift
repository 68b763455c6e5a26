import Foundation
import NearDupTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interrupts, kills, full disks and closed pipes: the CLI stops with a clear message and a
/// non-zero status, and never leaves a partial file under an output's final name.
@Suite struct FaultTests {
    /// The temporary file `neardup` writes `name`'s output into.
    static func temporaryFile(for name: String, in folder: ScratchFolder, pid: pid_t) -> String {
        folder.url.appendingPathComponent(".\(name).\(pid).tmp").path
    }

    /// The names in `folder` that are outputs or their temporary files.
    static func outputs(in folder: ScratchFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { !$0.hasPrefix("stdout-") && !$0.hasPrefix("stderr-") }.sorted()
    }

    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func interruptStopsPromptlyAndRemovesUnfinishedOutputs(signal: Int32, name: String) throws {
        let folder = try ScratchFolder()
        let kept = folder.url.appendingPathComponent("kept.jsonl").path
        let removed = folder.url.appendingPathComponent("removed.jsonl").path
        let child = try ChildProcess(["dedup", "-", "-o", kept, "--removed", removed], in: folder)
        child.send(Array(#"{"id":"a","text":"still reading"}"#.utf8) + [0x0A])  // standard input stays open
        #expect(child.waitForFile(Self.temporaryFile(for: "removed.jsonl", in: folder, pid: child.pid)))
        child.kill(signal)
        let exit = child.wait(timeout: .seconds(20))
        #expect(!exit.hung)
        #expect(exit.status == 128 + signal)
        #expect(child.standardError.contains("neardup: interrupted by \(name); unfinished output files were removed"))
        #expect(try Self.outputs(in: folder).isEmpty)
    }

    @Test func killedRunNeverLeavesAPartialFileUnderTheFinalName() throws {
        let folder = try ScratchFolder()
        let documents = LongTests.either(short: 500, long: 1_500)
        let feed = try folder.file("feed.jsonl", GeneratedFeed.bytes(documents: documents, seed: 5))
        let reference = folder.url.appendingPathComponent("reference.jsonl").path
        let referenceRun = try ChildProcess(["dedup", feed, "-o", reference, "--quiet"], in: folder)
        referenceRun.closeInput()
        #expect(referenceRun.wait().status == 0)
        let expected = try Data(contentsOf: URL(fileURLWithPath: reference))

        let kept = folder.url.appendingPathComponent("kept.jsonl")
        var outcomes: Set<String> = []
        for delay in stride(from: 0, through: 1_200, by: 150) {
            try? FileManager.default.removeItem(at: kept)
            let child = try ChildProcess(["dedup", feed, "-o", kept.path, "--quiet"], in: folder)
            child.closeInput()
            usleep(useconds_t(delay * 1_000))
            child.kill(SIGKILL)
            _ = child.wait()
            if let written = FileManager.default.contents(atPath: kept.path) {
                #expect(written == expected, "a file under the final name is always complete")
                outcomes.insert("complete")
            } else {
                outcomes.insert("absent")
            }
        }
        #expect(outcomes.contains("absent"))
    }

    @Test func outputThatCannotBeCreatedFailsBeforeReadingInput() throws {
        let folder = try ScratchFolder()
        // Standard input is never closed: a run that read its input first would hang here.
        let child = try ChildProcess(["dedup", "-", "-o", "/nonexistent-folder/kept.jsonl"], in: folder)
        let exit = child.wait(timeout: .seconds(20))
        #expect(!exit.hung)
        #expect(exit.status == 1)
        #expect(child.standardError.contains("cannot write /nonexistent-folder/kept.jsonl: No such file or directory"))
    }

    /// `generate` opens both files before writing either, and renames them only when complete.
    @Test func generateWithAnUnwritableTruthFileWritesNoFeed() throws {
        let folder = try ScratchFolder()
        let feed = folder.path("feed.jsonl")
        let result = try CommandRunner.run(
            ["generate", "--documents", "50", "-o", feed, "--truth", "/nonexistent-folder/truth.jsonl"])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains("cannot write /nonexistent-folder/truth.jsonl: No such file or directory"))
        #expect(try Self.outputs(in: folder).isEmpty)

        let written = try CommandRunner.run([
            "generate", "--documents", "50", "-o", feed, "--truth", folder.path("t.jsonl"),
        ])
        #expect(written.status == 0)
        #expect(try Self.outputs(in: folder) == ["feed.jsonl", "t.jsonl"])
        #expect(try String(contentsOfFile: feed, encoding: .utf8).split(separator: "\n").count == 50)
    }

    @Test func outputOverAFolderFailsClearlyAndLeavesNoTemporaryFile() throws {
        let folder = try ScratchFolder()
        let target = folder.url.appendingPathComponent("kept.jsonl")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let result = try CommandRunner.run(["dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", target.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot write \(target.path): Is a directory"))
        #expect(try Self.outputs(in: folder) == ["kept.jsonl"])
    }

    /// Runs `neardup` through `/bin/sh -c "SETUP exec neardup ARGUMENTS -o OUTPUT"` in the package
    /// root (so that `SETUP` can set a `ulimit` or an environment variable first), expecting it to
    /// fail with exit 1.
    /// - Returns: What it printed on stderr.
    static func runFailing(_ arguments: String, setup: String = "", output: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "\(setup) exec \"$0\" \(arguments) -o \"$1\"", try CommandRunner.executable().path, output,
        ]
        process.currentDirectoryURL = Fixtures.packageRoot
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        return printed
    }

    /// A 4 KiB file size limit: the output (about 60 KB of kept records, 1.2 MB of generated feed)
    /// cannot be written (EFBIG), which fails like a full disk, naming the output.
    @Test(arguments: [
        ("dedup fixtures/feed.jsonl", "cannot write OUTPUT: File too large"),
        ("generate --documents 200", "cannot write JSON Lines to OUTPUT: File too large"),
    ])
    func fileSizeLimitFailsLikeAFullDiskAndRemovesTheTemporaryFile(command: String, message: String) throws {
        let folder = try ScratchFolder()
        let output = folder.path("output.jsonl")
        let printed = try Self.runFailing(command, setup: "ulimit -f 4;", output: output)
        #expect(printed.contains(message.replacingOccurrences(of: "OUTPUT", with: output)), "\(printed)")
        #expect(try Self.outputs(in: folder).isEmpty)
    }

    /// Texts moved out of memory (`--text-memory`) go to an unnamed file in `$TMPDIR`: a folder
    /// that does not exist, or a file that cannot grow, stops the run naming the folder, and
    /// leaves nothing behind.
    @Test(arguments: [
        ("ulimit -f 4;", "spill", "File too large"),
        ("", "missing", "No such file or directory"),
    ])
    func textsThatCannotBeMovedToATemporaryFileAreAClearError(limit: String, folderName: String, reason: String)
        throws
    {
        let folder = try ScratchFolder()
        let spill = folder.path(folderName)
        if folderName == "spill" {
            try FileManager.default.createDirectory(atPath: spill, withIntermediateDirectories: false)
        }
        let printed = try Self.runFailing(
            "dedup fixtures/feed.jsonl --text-memory 0", setup: "\(limit) TMPDIR='\(spill)'",
            output: folder.path("output.jsonl"))
        #expect(printed.contains("cannot keep texts in a temporary file in \(spill): \(reason)"), "\(printed)")
        #expect(try Self.outputs(in: folder) == (folderName == "spill" ? ["spill"] : []))
        if folderName == "spill" { #expect(try FileManager.default.contentsOfDirectory(atPath: spill).isEmpty) }
    }

    @Test func fullDiskOnStandardOutputIsAClearError() throws {
        let folder = try ScratchFolder()
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let child = try ChildProcess(["scan", Fixtures.path("fixtures/feed.jsonl")], in: folder, standardOutput: full)
        child.closeInput()
        let exit = child.wait()
        #expect(exit.status == 1)
        #expect(child.standardError.contains("neardup: cannot write <stdout>: No space left on device"))
    }

    @Test func closedStandardOutputEndsQuietlyLikeAUnixFilter() throws {
        let folder = try ScratchFolder()
        var ends: [Int32] = [0, 0]
        try ChildProcess.makePipe(&ends)
        close(ends[0])  // the reader is gone, as after `| head` exits
        let child = try ChildProcess(
            ["scan", Fixtures.path("fixtures/feed.jsonl"), "--format", "jsonl"], in: folder, standardOutput: ends[1])
        close(ends[1])
        child.closeInput()
        let exit = child.wait()
        #expect(exit.signal == SIGPIPE)
        #expect(child.standardError.isEmpty)
    }

    @Test func standardInputClosedMidRecordNamesTheTruncatedLine() throws {
        let feed = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl")))
        let lines = feed.split(separator: 0x0A)
        let cut = Data(lines[0] + [0x0A] + lines[1] + [0x0A] + lines[2].prefix(lines[2].count / 2))
        let stopped = try CommandRunner.run(["scan", "-"], input: cut)
        #expect(stopped.status == 65)
        #expect(stopped.standardError.contains("<stdin>:3: malformed JSON"))
        let skipping = try CommandRunner.run(["scan", "-", "--skip-invalid"], input: cut)
        #expect(skipping.status == 0)
        #expect(skipping.standardError.contains("3 records read: 2 kept, 0 removed, 1 rejected"))
    }
}
