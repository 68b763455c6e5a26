import Foundation
import NearDupTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where outputs go: an output that is an input (or another output) is refused before anything is
/// read or written, whatever the spelling of its path; special files are written in place, never
/// replaced; a symbolic link stays a link.
@Suite struct OutputPathTests {
    /// A folder with a feed (`feed.jsonl`), a symbolic link and a hard link to it, an index
    /// (`index.ndx`) and a folder feed (`texts/`, with `texts/sub/old.txt`).
    final class Setup {
        let folder: ScratchFolder
        let feed: String

        init() throws {
            folder = try ScratchFolder()
            feed = try folder.file(
                "feed.jsonl",
                try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl"))).map { $0 })
            try FileManager.default.createSymbolicLink(
                atPath: folder.path("alias.jsonl"), withDestinationPath: "feed.jsonl")
            try FileManager.default.linkItem(atPath: feed, toPath: folder.path("hard.jsonl"))
            _ = try folder.file("texts/a.txt", "one two three four five six seven eight nine\n")
            _ = try folder.file("texts/sub/old.txt", "ten eleven twelve thirteen fourteen fifteen sixteen\n")
            _ = try folder.file("texts/notes.jsonl", "not read by the folder feed\n")
            let created = try CommandRunner.run(["index", "create", folder.path("index.ndx")])
            try #require(created.status == 0, "\(created.standardError)")
        }

        /// `arguments` with `@NAME` replaced by the path of NAME in the folder.
        func expand(_ arguments: [String]) -> [String] {
            arguments.map { $0.hasPrefix("@") ? folder.url.path + "/" + $0.dropFirst() : $0 }
        }

        /// Every file below the folder with its bytes (links as `-> TARGET`).
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: folder.url.path)
            while let name = enumerator?.nextObject() as? String {
                let path = folder.path(name)
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    files[name] = Data("-> \(target)".utf8)
                } else if let bytes = FileManager.default.contents(atPath: path) {
                    files[name] = bytes
                }
            }
            return files
        }
    }

    @Test(arguments: [
        ["scan", "@feed.jsonl", "--rejects", "@feed.jsonl"],
        ["scan", "@feed.jsonl", "--rejects", "@./feed.jsonl"],
        ["dedup", "@feed.jsonl", "-o", "@feed.jsonl"],
        ["dedup", "@feed.jsonl", "-o", "@kept.jsonl", "--removed", "@alias.jsonl"],
        ["dedup", "@alias.jsonl", "-o", "@kept.jsonl", "--rejects", "@hard.jsonl"],
        ["dedup", "@texts", "-o", "@texts/sub/old.txt"],
        ["dedup", "@feed.jsonl", "-o", "@kept.jsonl", "--summary", "@hard.jsonl"],
        ["scan", "@feed.jsonl", "--summary", "@alias.jsonl"],
        ["bands", "@feed.jsonl", "--rejects", "@hard.jsonl"],
        ["index", "add", "@index.ndx", "@feed.jsonl", "--rejects", "@feed.jsonl"],
        ["index", "add", "@index.ndx", "@index.ndx"],
        ["index", "check", "@index.ndx", "@feed.jsonl", "@index.ndx"],
        ["index", "check", "@index.ndx", "@feed.jsonl", "--rejects", "@index.ndx"],
    ])
    func anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten(arguments: [String]) throws {
        let setup = try Setup()
        let before = try setup.snapshot()
        let result = try CommandRunner.run(setup.expand(arguments))
        #expect(result.status == 64, "\(result.standardError)")
        #expect(
            result.standardError.contains("is also an input") || result.standardError.contains("are the same file"),
            "\(result.standardError)")
        #expect(try setup.snapshot() == before, "nothing is written, created or replaced")
    }

    /// Standard input and standard output are inputs and outputs too, when they are files.
    @Test(arguments: [
        ("scan - --rejects feed.jsonl < feed.jsonl", "output"),
        ("bands feed.jsonl >> feed.jsonl", "standard output"),
        ("dedup feed.jsonl -o kept.jsonl --removed stdout-link >> kept.jsonl", "output"),
    ])
    func redirectedStandardStreamsCountAsInputsAndOutputs(command: String, named: String) throws {
        let setup = try Setup()
        _ = try setup.folder.file("kept.jsonl", "")
        // /dev/stdout's own link, in the scratch folder: a bug could replace this one harmlessly.
        try FileManager.default.createSymbolicLink(
            atPath: setup.folder.path("stdout-link"), withDestinationPath: "/proc/self/fd/1")
        let before = try setup.snapshot()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \(command)", try CommandRunner.executable().path]
        process.currentDirectoryURL = setup.folder.url
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64, "\(printed)")
        #expect(printed.contains(named) && (printed.contains("is also an input") || printed.contains("the same file")))
        #expect(try setup.snapshot() == before)
    }

    /// A file in a folder feed that the folder reader does not read (not `.txt`) may be an
    /// output; the folder's `.txt` files may not.
    @Test func onlyTheFilesAFolderFeedReadsAreItsInputs() throws {
        let setup = try Setup()
        let result = try CommandRunner.run(setup.expand(["dedup", "@texts", "-o", "@texts/notes.jsonl", "--quiet"]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try String(contentsOfFile: setup.folder.path("texts/notes.jsonl"), encoding: .utf8).contains("a.txt"))
    }

    /// Two outputs naming one file are refused, however it is spelt, even before it exists.
    @Test(arguments: [
        ["dedup", "@feed.jsonl", "-o", "@new.jsonl", "--removed", "@./new.jsonl"],
        ["dedup", "@feed.jsonl", "-o", "@new.jsonl", "--rejects", "@dangling.jsonl"],
        ["generate", "--documents", "5", "-o", "@new.jsonl", "--truth", "@texts/../new.jsonl"],
    ])
    func twoOutputsNamingOneFileAreRefused(arguments: [String]) throws {
        let setup = try Setup()
        try FileManager.default.createSymbolicLink(
            atPath: setup.folder.path("dangling.jsonl"), withDestinationPath: "new.jsonl")
        let result = try CommandRunner.run(setup.expand(arguments))
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("are the same file"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: setup.folder.path("new.jsonl")))
    }

    /// The kept records of the fixture feed, as `dedup` writes them to a regular file.
    static func expectedKeptRecords(in folder: ScratchFolder) throws -> Data {
        let reference = folder.path("reference.jsonl")
        let result = try CommandRunner.run(["dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", reference, "--quiet"])
        try #require(result.status == 0)
        defer { try? FileManager.default.removeItem(atPath: reference) }
        return try Data(contentsOf: URL(fileURLWithPath: reference))
    }

    /// The kind of file at `path` (`S_IFIFO`, `S_IFCHR`, `S_IFLNK`, …), links not followed.
    static func kind(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    /// Everything a FIFO holds, read from `descriptor` (opened without blocking) until its writer
    /// has closed it or nothing is left.
    static func drain(_ descriptor: Int32) -> Data {
        var bytes = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// A FIFO gets the output in place (its reader receives it all, and it is still a FIFO);
    /// only then, `/dev/null` twice is accepted and stays a character device, and `/dev/stdout`
    /// writes into the pipe the output goes to.
    @Test func specialFilesAreWrittenInPlaceAndNeverReplaced() throws {
        let folder = try ScratchFolder()
        let expected = try Self.expectedKeptRecords(in: folder)
        let fifo = folder.path("out.pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        // The reader is this process, ready before the run; the output (15 KB) fits in the pipe.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let result = try CommandRunner.run(["dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", fifo, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        try #require(Self.kind(fifo) == S_IFIFO, "the FIFO is still a FIFO")
        try #require(Self.drain(reader) == expected, "the FIFO's reader got the whole output")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.pipe"])

        let discarded = try CommandRunner.run([
            "dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", "/dev/null", "--removed", "/dev/null", "--quiet",
        ])
        #expect(discarded.status == 0, "\(discarded.standardError)")
        #expect(Self.kind("/dev/null") == S_IFCHR, "/dev/null is still a character device")

        try #require(Self.kind("/dev/stdout") == S_IFLNK)
        let piped = try CommandRunner.run([
            "dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", "/dev/stdout", "--quiet",
        ])
        #expect(piped.status == 0, "\(piped.standardError)")
        #expect(Data(piped.standardOutput.utf8) == expected)
        #expect(Self.kind("/dev/stdout") == S_IFLNK, "/dev/stdout is still a link")
    }

    /// A link to one of the process's descriptors (as /dev/stdout is) writes into that
    /// descriptor's file in place, appending, when it is a regular file: the shell's `>>` file
    /// keeps what it had, and is not replaced.
    @Test func aLinkToStandardOutputAppendsToTheFileItWritesTo() throws {
        let folder = try ScratchFolder()
        let expected = try Self.expectedKeptRecords(in: folder)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path("stdout-link"), withDestinationPath: "/proc/self/fd/1")
        let log = try folder.file("log.txt", "earlier\n")
        let before = try #require(try FileManager.default.attributesOfItem(atPath: log)[.systemFileNumber] as? Int)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "exec \"$0\" dedup \"$1\" -o stdout-link --quiet >> log.txt", try CommandRunner.executable().path,
            Fixtures.path("fixtures/feed.jsonl"),
        ]
        process.currentDirectoryURL = folder.url
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == Data("earlier\n".utf8) + expected)
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.systemFileNumber] as? Int == before)
        #expect(Self.kind(folder.path("stdout-link")) == S_IFLNK)
    }

    /// An output through a symbolic link replaces the file the link points to (atomically, with
    /// the temporary file in that file's folder), and the link stays; a dangling link creates
    /// its target.
    @Test(arguments: [("links/alias.jsonl", "../out/real.jsonl"), ("links/dangling.jsonl", "../out/new.jsonl")])
    func aSymbolicLinkOutputStaysALinkToTheReplacedFile(link: String, target: String) throws {
        let folder = try ScratchFolder()
        let expected = try Self.expectedKeptRecords(in: folder)
        _ = try folder.file("out/real.jsonl", "old content\n")
        _ = try folder.file("links/other.txt", "")
        try FileManager.default.createSymbolicLink(atPath: folder.path(link), withDestinationPath: target)
        let result = try CommandRunner.run([
            "dedup", Fixtures.path("fixtures/feed.jsonl"), "-o", folder.path(link), "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(Self.kind(folder.path(link)) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path(link)) == target)
        let written = folder.url.appendingPathComponent("links").appendingPathComponent(target)
        #expect(try Data(contentsOf: written) == expected)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).sorted()
        #expect(left == (target.hasSuffix("real.jsonl") ? ["real.jsonl"] : ["new.jsonl", "real.jsonl"]))
    }

    @Test(arguments: [["index", "add"], ["index", "check"]])
    func indexAnswersOnAFullStandardOutputAreAClearError(command: [String]) throws {
        let folder = try ScratchFolder()
        let index = folder.path("index.ndx")
        try #require(try CommandRunner.run(["index", "create", index]).status == 0)
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let child = try ChildProcess(
            command + [index, Fixtures.path("fixtures/feed.jsonl")], in: folder, standardOutput: full)
        child.closeInput()
        let exit = child.wait(timeout: .seconds(60))
        #expect(exit.status == 1 && exit.signal == nil)
        #expect(child.standardError.contains("neardup: cannot write <stdout>: No space left on device"))
    }
}
