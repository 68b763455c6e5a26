import Foundation
import GRDB
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex

/// Files that are not a usable index: every command refuses them with a message that says what
/// they are, and none writes into them.
@Suite struct UnusableFileTests {
    /// Every index command that opens an existing index, with its arguments after the path.
    static let commands: [[String]] = [
        ["stats"], ["check", "fixtures/feed.jsonl"], ["check-integrity"], ["add", "fixtures/feed.jsonl"],
        ["evict", "--older-than", "1d"], ["remove", "x"], ["compact"],
    ]

    /// Runs every command on `path` and checks that each fails (exit 1) saying `message`, and that
    /// the file's bytes are the same afterwards.
    static func expectRefusedByEveryCommand(_ path: String, saying message: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in commands {
            let (status, _, errors) = try CommandRunner.run(["index", command[0], path] + command.dropFirst()).parts
            #expect(status == 1 && errors.contains(message), "\(command[0]): \(errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aMissingIndexIsCreatedOnlyByAdd() throws {
        let folder = try ScratchFolder()
        let path = folder.path("missing.neardup")
        for command in Self.commands where command[0] != "add" {
            let (status, _, errors) = try CommandRunner.run(["index", command[0], path] + command.dropFirst()).parts
            #expect(status == 1 && errors.contains("no index at \(path)"), "\(command[0]): \(errors)")
            #expect(!FileManager.default.fileExists(atPath: path), "\(command[0]) created \(path)")
        }
        #expect(try CommandRunner.run(["index", "add", path, "fixtures/feed.jsonl"]).status == 0)
        #expect(try CommandRunner.run(["index", "stats", path]).status == 0)
    }

    @Test func theLibraryStatesTheFaultAndTheCommandLineAddsTheCommandToRun() throws {
        let faults: [NearDupIndexError] = [
            .locked(path: "p"), .optionsMismatch(path: "p", differences: ["threshold: index 0.5, asked 0.6"]),
            .versionMismatch(path: "p", what: "schema version", stored: "9", expected: "4"),
            .versionMismatch(path: "p", what: "schema version", stored: "1", expected: "4"),
            .corrupt(path: "p", reason: "r"), .notAnIndex(path: "p", reason: "r"), .missing(path: "p"),
            .alreadyExists(path: "p"), .duplicateID("x"), .readOnly(path: "p"), .storage(path: "p", reason: "r"),
        ]
        for fault in faults { #expect(!"\(fault)".contains("neardup "), "\(fault)") }
        #expect("\(NearDupIndexError.missing(path: "p"))" == "no index at p")
        #expect("\(NearDupIndexError.corrupt(path: "p", reason: "r"))" == "index p is damaged: r")

        let folder = try ScratchFolder()
        let missing = folder.path("missing.neardup")
        let (_, _, missingErrors) = try CommandRunner.run(["index", "stats", missing]).parts
        #expect(missingErrors == "neardup: no index at \(missing) (create it with `neardup index create`)\n")
        let truncated = try folder.file(
            "truncated.neardup", Array("SQLite format 3\0".utf8) + Array(repeating: 1, count: 200))
        let (_, _, damagedErrors) = try CommandRunner.run(["index", "stats", truncated]).parts
        #expect(damagedErrors.hasPrefix("neardup: index \(truncated) is damaged: truncated"), "\(damagedErrors)")
        #expect(
            damagedErrors.hasSuffix(
                " (run `neardup index check-integrity` to list the problems; rebuild it from its feeds)\n"),
            "\(damagedErrors)")
    }

    @Test func anEmptyFileIsNotAnIndex() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("empty.neardup", "")
        try Self.expectRefusedByEveryCommand(path, saying: "\(path) is not a NearDup index (empty file)")
        #expect(throws: NearDupIndexError.notAnIndex(path: path, reason: "empty file")) {
            _ = try NearDupIndex(path: path)
        }
    }

    @Test func aFileThatIsNotSQLiteIsNotAnIndex() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("notes.neardup", String(repeating: "not an index\n", count: 500))
        try Self.expectRefusedByEveryCommand(path, saying: "\(path) is not a NearDup index (not an SQLite database)")
    }

    @Test func anotherProgramsSQLiteDatabaseIsNotAnIndex() throws {
        let folder = try ScratchFolder()
        let path = folder.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
        }
        try Self.expectRefusedByEveryCommand(
            path, saying: "\(path) is not a NearDup index (an SQLite database without NearDup's tables)")
        #expect(
            try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT body FROM notes") } == ["keep me"]
        )
    }

    @Test func anIndexOfANewerSchemaAsksForTheNewerNearDup() throws {
        let folder = try ScratchFolder()
        let path = try DurabilityTests.builtIndex(in: folder)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "UPDATE meta SET value = '5' WHERE name = 'schema_version'")
        }
        #expect(
            throws: NearDupIndexError.versionMismatch(path: path, what: "schema version", stored: "5", expected: "4")
        ) {
            _ = try NearDupIndex(path: path)
        }
        try Self.expectRefusedByEveryCommand(
            path,
            saying: "has schema version 5, written by a newer NearDup; this one reads up to 4 (use the newer NearDup)")
    }

    @Test(arguments: [
        ("DROP TABLE run_blocks", "no table run_blocks"),
        (
            "ALTER TABLE documents DROP COLUMN source",
            "table documents has columns (number INTEGER, id TEXT, published REAL, added"
        ),
        ("DELETE FROM state", "the state row is missing"),
        // Found by FuzzIndexFile: a meta row whose name is a number made GRDB stop the process.
        ("UPDATE meta SET name = 3477251 WHERE name = 'threshold'", "option threshold is missing"),
    ])
    func anIndexWithoutItsTablesIsDamaged(change: String, reason: String) throws {
        let folder = try ScratchFolder()
        let path = try DurabilityTests.builtIndex(in: folder)
        try DatabaseQueue(path: path).write { try $0.execute(sql: change) }
        #expect {
            _ = try NearDupIndex(path: path)
        } throws: { error in
            guard case NearDupIndexError.corrupt(_, let found)? = error as? NearDupIndexError else { return false }
            return found.hasPrefix(reason)
        }
        try Self.expectRefusedByEveryCommand(path, saying: "is damaged: \(reason)")
    }

    /// Overwritten pages that a command reads stop it (SQLite reports them malformed) before it
    /// writes anything.
    @Test func overwrittenPagesThatACommandReadsStopIt() throws {
        let folder = try ScratchFolder()
        let path = try DurabilityTests.builtIndex(in: folder)
        // Every page's header past the schema and meta pages.
        let damaged = try Self.overwrite(path, pages: stride(from: 3, to: .max, by: 1), every: 16_384)
        let feed = IndexFixtures.path("fixtures/feed.jsonl")
        for command in [["check", feed], ["add", feed], ["check-integrity"]] {
            let (status, output, errors) = try CommandRunner.run(["index", command[0], path] + command.dropFirst())
                .parts
            #expect(status == 1 && errors.contains("is damaged: database disk image is malformed"), "\(command)")
            #expect(output.isEmpty, "\(command)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
    }

    /// The report's damage (64 bytes every 4 KiB from a third of the file on, 200 KB) is in
    /// articles that adding the feed does not read; `--verify` reads every page first and refuses it.
    @Test func verifyingRefusesDamageAnywhere() throws {
        let folder = try ScratchFolder()
        let path = try DurabilityTests.builtIndex(in: folder)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let damaged = try Self.overwrite(
            path, pages: stride(from: size / 3 / 4096, to: (size / 3 + 200_000) / 4096, by: 1), every: 4096)
        let feed = IndexFixtures.path("fixtures/feed.jsonl")
        for command in [["check", "--verify", feed], ["add", "--verify", feed], ["stats", "--verify"]] {
            let (status, output, errors) = try CommandRunner.run(["index", command[0], path] + command.dropFirst())
                .parts
            #expect(status == 1 && errors.contains("is damaged: "), "\(command): \(errors)")
            #expect(output.isEmpty, "\(command)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged)
        var configuration = IndexFixtures.fast
        configuration.verifiesPagesOnOpen = true
        #expect(throws: NearDupIndexError.self) { _ = try NearDupIndex(path: path, configuration: configuration) }
    }

    /// Writes 64 bytes of 0xDE at the start of each `pages` (of `size` bytes) inside the file, and
    /// returns the file's new bytes.
    static func overwrite(_ path: String, pages: some Sequence<Int>, every size: Int) throws -> Data {
        var file = try Data(contentsOf: URL(fileURLWithPath: path))
        for page in pages {
            let start = page * size
            guard start + 64 <= file.count else { break }
            file.replaceSubrange(start..<(start + 64), with: Data(repeating: 0xDE, count: 64))
        }
        try file.write(to: URL(fileURLWithPath: path))
        return file
    }
}
