import Foundation
import NearDupTestSupport
import Testing

/// `neardup` reads compressed feeds (files and standard input) like plain ones, refuses Parquet
/// and broken streams with exit 65, and compresses outputs named `.gz` or `.zst`, the same bytes
/// every run.
@Suite struct CompressedFilesTests {
    static let fields = ["--time-field", "published", "--source-field", "source"]

    static func fixture() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl"))))
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Runs `dedup FEED -o kept --removed removed --rejects rejects` with outputs named with
    /// `suffix`, and returns the three files' bytes as written.
    static func dedup(
        _ feed: String, outputSuffix suffix: String, in folder: ScratchFolder, input: Data = Data()
    ) throws -> [[UInt8]] {
        let outputs = ["kept", "removed", "rejects"].map { folder.path("\($0)-\(UUID().uuidString).jsonl\(suffix)") }
        let run = try CommandRunner.run(
            ["dedup", feed, "-o", outputs[0], "--removed", outputs[1], "--rejects", outputs[2], "--skip-invalid"]
                + fields, input: input)
        #expect(run.status == 0, "\(run.standardError)")
        return try outputs.map(bytes)
    }

    @Test(arguments: CompressionTool.allCases)
    func compressedFeedDedupsLikeThePlainOne(tool: CompressionTool) throws {
        let folder = try ScratchFolder()
        let plain = try folder.file("feed.jsonl", try Self.fixture() + Array("not json\n".utf8))
        let compressed = try folder.file("feed.jsonl\(tool.fileExtension)", try tool.compress(Self.bytes(plain)))
        let expected = try Self.dedup(plain, outputSuffix: "", in: folder)
        #expect(expected[0].count > 1_000)
        let fromFile = try Self.dedup(compressed, outputSuffix: "", in: folder)
        #expect(fromFile[0] == expected[0])
        #expect(fromFile[1] == expected[1])
        #expect(String(decoding: fromFile[2], as: UTF8.self).contains("\"line\":10"))
        let fromStandardInput = try Self.dedup(
            "-", outputSuffix: "", in: folder, input: Data(try Self.bytes(compressed)))
        #expect(fromStandardInput[0] == expected[0])
    }

    @Test(arguments: [CompressionTool.gzip, .zstd])
    func outputsNamedCompressedAreCompressedTheSameEveryRun(tool: CompressionTool) throws {
        let folder = try ScratchFolder()
        let feed = try folder.file("feed.jsonl", try Self.fixture() + Array("not json\n".utf8))
        let plain = try Self.dedup(feed, outputSuffix: "", in: folder)
        let compressed = try Self.dedup(feed, outputSuffix: tool.fileExtension, in: folder)
        for (compressedOutput, plainOutput) in zip(compressed, plain) {
            #expect(compressedOutput != plainOutput)
            #expect(try tool.decompress(compressedOutput) == plainOutput)
        }
        #expect(try Self.dedup(feed, outputSuffix: tool.fileExtension, in: folder) == compressed)
    }

    @Test func generateCompressesItsFeedAndTruth() throws {
        let folder = try ScratchFolder()
        let arguments = ["generate", "--documents", "40", "--seed", "5"]
        let plain = try CommandRunner.run(
            arguments + ["-o", folder.path("g.jsonl"), "--truth", folder.path("t.jsonl")])
        #expect(plain.status == 0)
        let compressed = try CommandRunner.run(
            arguments + ["-o", folder.path("g.jsonl.zst"), "--truth", folder.path("t.jsonl.gz")])
        #expect(compressed.status == 0)
        #expect(
            try CompressionTool.zstd.decompress(file: folder.path("g.jsonl.zst")) == Self.bytes(folder.path("g.jsonl")))
        #expect(
            try CompressionTool.gzip.decompress(file: folder.path("t.jsonl.gz")) == Self.bytes(folder.path("t.jsonl")))
    }

    @Test func truncatedFeedExits65NamingIt() throws {
        let folder = try ScratchFolder()
        let whole = try CompressionTool.gzip.compress(Self.fixture())
        let feed = try folder.file("feed.jsonl.gz", Array(whole.prefix(whole.count / 2)))
        let kept = folder.path("kept.jsonl")
        let run = try CommandRunner.run(["dedup", feed, "-o", kept] + Self.fields)
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(feed):"))
        #expect(run.standardError.contains("the gzip stream cannot be decompressed"))
        #expect(!FileManager.default.fileExists(atPath: kept))
    }

    @Test func parquetExits65WithAConversionRecipe() throws {
        let folder = try ScratchFolder()
        let feed = try folder.file(
            "data.parquet", Array("PAR1".utf8) + Array(repeating: 0, count: 100) + Array("PAR1".utf8))
        let run = try CommandRunner.run(["scan", feed])
        #expect(run.status == 65)
        #expect(run.standardError.contains("\(feed): the file is Parquet, not JSON Lines"))
        #expect(run.standardError.contains("duckdb -c"))
    }
}
