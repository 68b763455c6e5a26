import Foundation
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupSynthetic

/// Parsing JSON Lines in parallel batches gives exactly what reading one line at a time gives.
@Suite struct BatchedLoadingTests {
    /// A generated feed with trouble mixed in, and the lines that must be skipped.
    static let feed: (bytes: [UInt8], skippedLines: [Int], ids: [String]) = {
        let corpus = CorpusGenerator(configuration: .init(documentCount: 200, seed: 5)).generate()
        var bytes: [UInt8] = []
        var skipped: [Int] = []
        var ids: [String] = []
        var line = 0
        func add(_ text: [UInt8], skip: Bool = false) {
            bytes += text
            line += 1
            if skip { skipped.append(line) }
        }
        for (index, document) in corpus.documents.enumerated() {
            var record: [UInt8] = []
            document.appendJSONLine(to: &record)
            add(record)
            ids.append(document.id)
            switch index % 17 {
            case 3: add(Array("{\"id\": \"broken\", \"text\": \n".utf8), skip: true)
            case 5: add(Array("{\"id\": \"\(document.id)\", \"text\": \"again\"}\n".utf8), skip: true)
            case 7: add(Array("\r\n".utf8))
            case 11:
                add(Array("{\"id\": \"latin-\(index)\", \"text\": \"caf".utf8) + [0xE9] + Array("\"}\r\n".utf8))
                ids.append("latin-\(index)")
            case 13: add(Array("[\"not\", \"an object\"]\n".utf8), skip: true)
            default: break
            }
        }
        return (bytes, skipped, ids)
    }()

    static func load(batchSize: Int, threads: Int, chunkSize: Int = 1 << 20) throws -> LoadedInput {
        var loader = DocumentLoader(
            options: InputOptions(timeField: "published", sourceField: "source", skipInvalid: true))
        loader.batchSize = batchSize
        loader.threadCount = threads
        loader.chunkSize = chunkSize
        return try loader.load(jsonLines: feed.bytes, name: "feed.jsonl")
    }

    @Test(arguments: [(1, 1), (1, 3), (5_000, 2), (64 << 10, 4), (LineBatch.defaultByteLimit, 2)])
    func everyBatchSizeAndThreadCountGivesTheSameResult(batchSize: Int, threads: Int) throws {
        let loaded = try Self.load(batchSize: batchSize, threads: threads, chunkSize: 777)
        #expect(loaded == (try Self.load(batchSize: .max, threads: 1)))
        #expect(loaded.documents.map(\.id) == Self.feed.ids)
        #expect(loaded.rejected.map(\.line) == Self.feed.skippedLines)
        #expect(loaded.documentsWithInvalidUTF8 == Self.feed.ids.filter { $0.hasPrefix("latin-") }.count)
        #expect(loaded.recordsRead == loaded.documents.count + loaded.rejected.count)
        #expect(loaded.documents.allSatisfy { $0.published != nil || $0.id.hasPrefix("latin-") })
    }

    @Test(arguments: [1, 60, 1 << 20])
    func theFirstBadRecordOfABatchStopsLoading(batchSize: Int) {
        let input = """
            {"id": "a", "text": "one"}
            {"id": "b", "text": "two"}
            {"id": "a", "text": "duplicate first"}
            {"id": "c", "text": 
            {"id": "b", "text": "duplicate after"}
            """
        var loader = DocumentLoader()
        loader.batchSize = batchSize
        loader.threadCount = 2
        #expect(
            throws: InputError.invalidRecord(
                InputIssue(file: "f", line: 3, problem: .duplicateID("a", firstSeenAt: "f:1")))
        ) {
            try loader.load(jsonLines: Array(input.utf8), name: "f")
        }
    }

    @Test func aBatchKeepsItsLinesAndNumbers() {
        var batch = LineBatch()
        for (number, line) in [(2, "first"), (5, ""), (6, "third line")] {
            Array(line.utf8).withUnsafeBytes { batch.append($0, number: number) }
        }
        #expect(batch.count == 3)
        #expect(batch.byteCount == 15)
        let lines = batch.map(1..<3) { (bytes, number) in "\(number):" + String(decoding: bytes, as: UTF8.self) }
        #expect(lines == ["5:", "6:third line"])
        batch.removeAll()
        #expect(batch.count == 0 && batch.byteCount == 0)
    }
}
