import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compressed feeds are decompressed by their signature as they stream in; zip and Parquet are
/// refused; a corrupt or truncated stream is an input error that names the file.
@Suite struct CompressedInputTests {
    static let options = InputOptions(timeField: "published", sourceField: "source")

    static func fixture() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("fixtures/feed.jsonl"))))
    }

    /// Loads `bytes` from a file named `name` (whatever it holds) in chunks of `chunkSize` bytes.
    static func load(
        _ bytes: [UInt8], named name: String = "feed.jsonl", options: InputOptions = options, chunkSize: Int = 1 << 20
    ) throws -> (path: String, result: Result<LoadedInput, InputError>) {
        let folder = try ScratchFolder()
        let path = try folder.file(name, bytes)
        var loader = DocumentLoader(options: options)
        loader.chunkSize = chunkSize
        return (path, Result { () throws(InputError) in try loader.load([path]) })
    }

    @Test(arguments: CompressionTool.allCases, [3, 1 << 20])
    func compressedFeedReadsLikeThePlainOne(tool: CompressionTool, chunkSize: Int) throws {
        let plain = try Fixtures.feed()
        #expect(plain.count == 9)
        // Named .jsonl: the signature decides, not the name.
        let (_, loaded) = try Self.load(try tool.compress(Self.fixture()), chunkSize: chunkSize)
        let input = try loaded.get()
        #expect(input.documents == plain)
        #expect(input.rejected.isEmpty)
        #expect(input.recordsRead == 9)
    }

    @Test(arguments: CompressionTool.allCases)
    func compressedStandardInputReadsLikeThePlainFeed(tool: CompressionTool) throws {
        let compressed = try tool.compress(Self.fixture())
        #expect(compressed.count < 32 << 10, "fits in a pipe's buffer")
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        #expect(compressed.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == compressed.count)
        close(ends[1])
        defer { close(ends[0]) }
        var loader = DocumentLoader(options: Self.options)
        loader.standardInput = ends[0]
        #expect(try loader.load(["-"]).documents == Fixtures.feed())
    }

    /// Concatenated gzip members, zstd frames, xz and bzip2 streams are read one after the other,
    /// as `zcat`, `zstdcat`, `xzcat` and `bzcat` do.
    @Test(arguments: CompressionTool.allCases)
    func concatenatedStreamsAreAllRead(tool: CompressionTool) throws {
        let lines = try Self.fixture().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let first = Array(lines[..<4].joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
        let rest = Array(lines[4...].joined(separator: [UInt8(ascii: "\n")]))
        let (_, loaded) = try Self.load(try tool.compress(first) + tool.compress(rest))
        #expect(try loaded.get().documents == Fixtures.feed())
    }

    @Test(arguments: CompressionTool.allCases)
    func truncatedStreamIsAnErrorAfterTheRecordsBeforeIt(tool: CompressionTool) throws {
        let plain = try Fixtures.feed()
        let compressed = try tool.compress(Self.fixture())
        let truncated = Array(compressed.prefix(compressed.count / 2))
        let (path, strict) = try Self.load(truncated)
        guard case .failure(.invalidRecord(let issue)) = strict else {
            Issue.record("expected an invalid record, got \(strict)")
            return
        }
        #expect(issue.file == path)
        #expect(issue.problem.code == "corrupt_compressed")
        #expect("\(issue)".contains("the \(tool) stream cannot be decompressed"))
        #expect("\(issue)".contains("truncated"))

        var options = Self.options
        options.skipInvalid = true
        let (_, skipping) = try Self.load(truncated, options: options)
        let input = try skipping.get()
        #expect(input.documents.count < plain.count)
        #expect(Array(plain.prefix(input.documents.count)) == input.documents)
        #expect(input.rejected.map(\.problem.code) == ["corrupt_compressed"])
        #expect(input.rejected.first?.line == input.documents.count + 1)
    }

    @Test(arguments: CompressionTool.allCases)
    func corruptStreamIsAnError(tool: CompressionTool) throws {
        var corrupt = try tool.compress(Self.fixture())
        for offset in stride(from: corrupt.count / 2, to: corrupt.count / 2 + 16, by: 1) { corrupt[offset] ^= 0x5A }
        var options = Self.options
        options.skipInvalid = true
        let (path, loaded) = try Self.load(corrupt, options: options)
        let input = try loaded.get()
        let issue = try #require(input.rejected.last)
        #expect(issue.file == path)
        #expect(issue.problem.code == "corrupt_compressed")
        #expect(input.documents.count < 9)
        // What is read before the damage does not depend on the sizes of the chunks read and
        // decompressed.
        for chunkSize in [1, 5, 4_096] {
            let rechunked = try Self.load(corrupt, options: options, chunkSize: chunkSize).result.get()
            #expect(rechunked.documents == input.documents)
            #expect(rechunked.rejected.map(\.line) == input.rejected.map(\.line))
            #expect(rechunked.rejected.map(\.problem) == input.rejected.map(\.problem))
        }
    }

    @Test func parquetIsRefusedWithARecipe() throws {
        let parquet =
            Array("PAR1".utf8) + [0x15, 0x04, 0x15, 0x10] + Array(repeating: 0, count: 64) + Array("PAR1".utf8)
        let (path, loaded) = try Self.load(parquet, named: "data.parquet")
        guard case .failure(.invalidRecord(let issue)) = loaded else {
            Issue.record("expected an invalid record, got \(loaded)")
            return
        }
        #expect(issue == InputIssue(file: path, line: nil, problem: .parquet))
        #expect("\(issue)".contains("the file is Parquet, not JSON Lines"))
        #expect("\(issue)".contains("duckdb -c"))
    }

    @Test func zipIsRefused() throws {
        let (path, loaded) = try Self.load([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40), named: "a.zip")
        guard case .failure(.invalidRecord(let issue)) = loaded else {
            Issue.record("expected an invalid record, got \(loaded)")
            return
        }
        #expect(issue == InputIssue(file: path, line: nil, problem: .compressed("zip")))
        #expect("\(issue)".contains("unzip"))
    }

    /// A short input that starts like a signature but ends before it is whole is plain text.
    @Test func inputShorterThanASignatureIsPlainText() throws {
        let (path, loaded) = try Self.load(Array("[1]\n".utf8))
        guard case .failure(.invalidRecord(let issue)) = loaded else {
            Issue.record("expected an invalid record, got \(loaded)")
            return
        }
        #expect(issue == InputIssue(file: path, line: 1, problem: .notAnObject))
    }

    /// A decompression bomb (a tiny file holding one huge line) streams past the record limit: the
    /// line is never held, only counted.
    @Test func decompressionBombIsBoundedByTheRecordLimit() throws {
        let huge =
            Array("{\"id\": \"bomb\", \"text\": \"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 24 << 20)
            + Array("\"}\n{\"id\": \"after\", \"text\": \"small\"}\n".utf8)
        let firstLineLength = try #require(huge.firstIndex(of: UInt8(ascii: "\n")))
        let bomb = try CompressionTool.zstd.compress(huge)
        #expect(bomb.count < 64 << 10)
        let options = InputOptions(skipInvalid: true, maxDocumentBytes: 1 << 20)
        let (path, loaded) = try Self.load(bomb, options: options)
        let input = try loaded.get()
        #expect(input.documents.map(\.id) == ["after"])
        #expect(
            input.rejected == [
                InputIssue(file: path, line: 1, problem: .tooLarge(byteCount: firstLineLength, limit: 1 << 20))
            ])
    }
}
