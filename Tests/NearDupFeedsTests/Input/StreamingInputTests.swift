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

@Suite struct StreamingInputTests {
    static let feed = """
        {"id": "a", "text": "The first record is long enough to cross several chunk boundaries."}
        {"id": "b", "text": "caf\u{E9} \u{1F4F0} multi-byte characters straddle chunks too"}

        {"id": "c", "text": "third"}
        """

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func linesStraddlingChunkBoundariesAreJoined(chunkSize: Int) throws {
        let folder = try ScratchFolder()
        let path = try folder.file("feed.jsonl", [0xEF, 0xBB, 0xBF] + Array(Self.feed.utf8))
        var loader = DocumentLoader()
        loader.chunkSize = chunkSize
        let loaded = try loader.load([path])
        #expect(loaded.documents.map(\.id) == ["a", "b", "c"])
        #expect(loaded.documents[1].text == "caf\u{E9} \u{1F4F0} multi-byte characters straddle chunks too")
        #expect(loaded.recordsRead == 3)
    }

    @Test func chunkBoundaryInsideALineKeepsLineNumbersAndDropsTheByteOrderMark() throws {
        let bytes =
            [0xEF, 0xBB, 0xBF]
            + Array("{\"id\": \"a\", \"text\": \"x\"}\r\n{\"id\": \"b\", \"text\": \"y\"}\r\n{\"id\":".utf8)
        var splitter = LineSplitter()
        var lines: [(String, Int)] = []
        let boundary = 33  // Inside the second line.
        func collect(_ line: UnsafeRawBufferPointer, _ number: Int) {
            lines.append((String(decoding: line, as: UTF8.self), number))
        }
        func unexpected(_ number: Int, _ byteCount: Int) { Issue.record("line \(number) is not oversized") }
        bytes.withUnsafeBytes { all in
            splitter.feed(UnsafeRawBufferPointer(rebasing: all[..<boundary]), collect, oversized: unexpected)
            splitter.feed(UnsafeRawBufferPointer(rebasing: all[boundary...]), collect, oversized: unexpected)
        }
        splitter.finish(collect, oversized: unexpected)
        #expect(lines.map(\.0) == [#"{"id": "a", "text": "x"}"#, #"{"id": "b", "text": "y"}"#, #"{"id":"#])
        #expect(lines.map(\.1) == [1, 2, 3])
    }

    /// Lines of every length around a 5-byte limit, fed in chunks of every size: lines within the
    /// limit are emitted whole, longer ones only reported, with their numbers and lengths.
    @Test(arguments: [1, 2, 3, 4, 6, 11, 64])
    func linesOverTheLimitAreReportedNotHeld(chunkSize: Int) {
        let lengths = [0, 5, 6, 1, 17, 4, 5, 9]
        let text = lengths.enumerated().map { String(repeating: Character(String($0.offset)), count: $0.element) }
        let bytes = Array((text.joined(separator: "\n")).utf8)
        var splitter = LineSplitter(maxLineBytes: 5)
        var emitted: [String] = []
        var oversized: [[Int]] = []
        func collect(_ line: UnsafeRawBufferPointer, _ number: Int) {
            emitted.append("\(number):" + String(decoding: line, as: UTF8.self))
        }
        func report(_ number: Int, _ byteCount: Int) { oversized.append([number, byteCount]) }
        bytes.withUnsafeBytes { all in
            for start in stride(from: 0, to: all.count, by: chunkSize) {
                let chunk = UnsafeRawBufferPointer(rebasing: all[start..<min(start + chunkSize, all.count)])
                splitter.feed(chunk, collect, oversized: report)
            }
        }
        splitter.finish(collect, oversized: report)
        #expect(emitted == ["1:", "2:11111", "4:3", "6:5555", "7:66666"])
        #expect(oversized == [[3, 6], [5, 17], [8, 9]])
    }

    @Test(arguments: [1, 3, 1 << 20])
    func documentOverTheLimitIsSkippedAndCountedWhateverTheBadRecordPolicy(chunkSize: Int) throws {
        let big = #"{"id":"big","text":""# + String(repeating: "word ", count: 40) + #""}"#
        let feed = [#"{"id":"a","text":"one"}"#, big, #"{"id":"b","text":"two"}"#].joined(separator: "\n")
        var loader = DocumentLoader(options: InputOptions(maxDocumentBytes: 100))
        loader.chunkSize = chunkSize
        let loaded = try loader.load(jsonLines: Array(feed.utf8), name: "f")
        #expect(loaded.documents.map(\.id) == ["a", "b"])
        #expect(
            loaded.rejected == [
                InputIssue(file: "f", line: 2, problem: .tooLarge(byteCount: big.utf8.count, limit: 100))
            ])
        #expect(loaded.recordsRead == 3)
    }

    @Test(arguments: [2, 5, 1 << 20])
    func inMemoryBytesAreReadLikeStandardInput(chunkSize: Int) throws {
        var loader = DocumentLoader()
        loader.chunkSize = chunkSize
        let contiguous = try loader.load(jsonLines: Array(Self.feed.utf8), name: "<stdin>")
        let streamed = try loader.load(jsonLines: Self.feed.utf8.lazy.map { $0 }, name: "<stdin>")
        #expect(contiguous.documents.map(\.id) == ["a", "b", "c"])
        #expect(streamed == contiguous)
    }

    @Test func inMemoryErrorsUseTheGivenName() throws {
        let input = Array("{\"id\": \"a\", \"text\": \"x\"}\n{oops}\n".utf8)
        do {
            _ = try DocumentLoader().load(jsonLines: input, name: "<stdin>")
            Issue.record("expected an error")
        } catch {
            guard case .invalidRecord(let issue) = error else {
                Issue.record("expected invalidRecord, got \(error)")
                return
            }
            #expect(issue.description.hasPrefix("<stdin>:2: malformed JSON ("))
        }
    }

    @Test func dashReadsStandardInputBetweenOtherPaths() throws {
        let folder = try ScratchFolder()
        let before = try folder.file("before.jsonl", "{\"id\": \"1\", \"text\": \"file before\"}\n")
        let after = try folder.file("after.jsonl", "{\"id\": \"3\", \"text\": \"file after\"}\n")
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let piped = Array("{\"id\": \"2\", \"text\": \"piped\"}\n{\"id\": \"1\", \"text\": \"dup\"}\n".utf8)
        let written = piped.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        #expect(written == piped.count)
        close(ends[1])
        defer { close(ends[0]) }

        var loader = DocumentLoader(options: InputOptions(skipInvalid: true))
        loader.standardInput = ends[0]
        let loaded = try loader.load([before, "-", after])
        #expect(loaded.documents.map(\.text) == ["file before", "piped", "file after"])
        #expect(
            loaded.rejected == [
                InputIssue(file: "<stdin>", line: 2, problem: .duplicateID("1", firstSeenAt: "\(before):1"))
            ])
    }

    /// Streaming hands a regular file's records over in full batches (it always has more to give),
    /// and a pipe's as each read gives them (its writer may be slow).
    @Test func streamsFullBatchesFromAFileAndEachReadFromAPipe() throws {
        let records = (0..<10).map { "{\"id\": \"\($0)\", \"text\": \"abcdefgh\"}\n" }
        #expect(records.allSatisfy { $0.utf8.count == 32 })
        var loader = DocumentLoader()
        loader.chunkSize = 64
        loader.streamBatchLimit = 4
        func batchSizes(_ path: String) throws -> [Int] {
            var sizes: [Int] = []
            let loaded = try loader.stream([path]) { documents, _ in
                sizes.append(documents.count)
                return true
            }
            #expect(loaded.recordsRead == 10)
            return sizes
        }
        let folder = try ScratchFolder()
        #expect(try batchSizes(folder.file("feed.jsonl", records.joined())) == [4, 4, 2])

        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = Array(records.joined().utf8)
        #expect(bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == bytes.count)
        close(ends[1])
        defer { close(ends[0]) }
        loader.standardInput = ends[0]
        #expect(try batchSizes("-") == [2, 2, 2, 2, 2])
    }
}
