import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds

/// With a rejection handler, rejected records are handed over as they are found and never kept,
/// so a stream of garbage takes no memory; streamed documents and rejects stay in input order.
@Suite struct RejectionHandlerTests {
    static let lines = [
        #"{"id":"a","text":"one"}"#, "not json", #"{"id":"b","text":"two"}"#, #"{"id":"a","text":"again"}"#,
        #"{"id":"c","text":"three"}"#,
    ]

    @Test func rejectedRecordsGoToTheHandlerAndAreOnlyCounted() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("feed.jsonl", Self.lines.joined(separator: "\n"))
        var handed: [Int?] = []
        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).load([path]) {
            handed.append($0.line)
            return true
        }
        #expect(handed == [2, 4])
        #expect(loaded.rejected.isEmpty)
        #expect(loaded.rejectedCount == 2)
        #expect(loaded.documents.map(\.id) == ["a", "b", "c"])
        #expect(loaded.recordsRead == loaded.documents.count + loaded.rejectedCount)
    }

    @Test func aHandlerThatAsksToStopEndsTheLoadWithWhatWasRead() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("feed.jsonl", Self.lines.joined(separator: "\n"))
        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).load([path]) { _ in false }
        #expect(loaded.documents.map(\.id) == ["a"])
        #expect(loaded.rejectedCount == 1)
    }

    @Test func streamedDocumentsAndRejectsArriveInInputOrder() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("feed.jsonl", Self.lines.joined(separator: "\n"))
        var events: [String] = []
        let loaded = try DocumentLoader(options: InputOptions(skipInvalid: true)).stream(
            [path],
            rejectionHandler: { issue in
                events.append("rejected \(issue.location)")
                return true
            }
        ) { _, locations in
            events += locations.map(\.description)
            return true
        }
        #expect(
            events == [
                "\(path):1", "rejected \(path):2", "\(path):3", "rejected \(path):4", "\(path):5",
            ])
        #expect(loaded.rejectedCount == 2 && loaded.rejected.isEmpty)
    }
}
