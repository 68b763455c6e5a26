import Foundation
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex
@testable import NearDupSynthetic

/// `Configuration.maximumMatches` bounds an answer: at most that many matches (the strongest),
/// and at most that many articles compared per shared band key (the earliest added), so articles
/// that thousands share text with cost what ordinary ones do. A cut answer says so.
@Suite struct MatchLimitTests {
    static func configuration(limit: Int, mergeEvery: Int = 300) -> NearDupIndex.Configuration {
        var configuration = IndexFixtures.merging(every: mergeEvery)
        configuration.maximumMatches = limit
        return configuration
    }

    static func twins(_ count: Int, text: String = "tiny 5") -> [Document] {
        (0..<count).map { Document(id: "t\($0)", text: text) }
    }

    /// 2,000 identical texts, added in batches of 500 (merged into runs every 300): each lists the
    /// 50 earliest twins, the first being its `duplicateOf`, and says it was cut once there were more.
    @Test func identicalTextsListTheEarliestAndAreMarkedTruncated() throws {
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("twins.neardup"), configuration: Self.configuration(limit: 50))
        let twins = Self.twins(2_000)
        var answers: [IndexAnswer] = []
        for start in stride(from: 0, to: twins.count, by: 500) {
            answers += try index.add(contentsOf: Array(twins[start..<(start + 500)]))
        }
        for (position, answer) in answers.enumerated() {
            let expected = twins.prefix(min(position, 50)).map(\.id)
            #expect(answer.matches.map(\.id) == expected, "\(answer.id)")
            #expect(answer.isTruncated == (position > 50), "\(answer.id)")
            if position > 0 { #expect(answer.duplicateOf?.id == "t0") }
        }
        let checked = try index.check(Document(id: "probe", text: "tiny 5"))
        #expect(checked.matches.count == 50 && checked.isTruncated && checked.duplicateOf?.id == "t0")
        // Removed twins are skipped, not counted: the next earliest take their place.
        for twin in twins.prefix(10) { #expect(try index.remove(id: twin.id)) }
        let after = try index.check(Document(id: "probe", text: "tiny 5"))
        #expect(after.matches.map(\.id) == twins[10..<60].map(\.id) && after.duplicateOf?.id == "t10")
        #expect(try index.checkIntegrity().problems == [])
    }

    /// Cut answers too are those of adding the articles one by one: twins, near twins and a passage
    /// shared by many otherwise different articles, in batches and singly, merging every 7.
    @Test func aBatchGivesTheTruncatedAnswersOfSingleAdds() throws {
        let folder = try ScratchFolder()
        let footer = "Follow us on Example Wire for updates and breaking news every single day."
        let twins = Self.twins(40, text: "The same short story told in the same eleven words again.")
        let documents = twins.enumerated().flatMap { number, twin in
            let text =
                "Report \(number) on item \(number * 31 % 1009) with extra filler words so that it stays "
                + "distinct \(number).\n\(footer)"
            return [twin, Document(id: "r\(number)", text: text)]
        }
        let batched = try NearDupIndex(
            path: folder.path("batch.neardup"), configuration: Self.configuration(limit: 4, mergeEvery: 7))
        let single = try NearDupIndex(
            path: folder.path("single.neardup"), configuration: Self.configuration(limit: 4, mergeEvery: 7))
        var fromBatches: [IndexAnswer] = []
        for start in stride(from: 0, to: documents.count, by: 25) {
            fromBatches += try batched.add(contentsOf: Array(documents[start..<min(start + 25, documents.count)]))
        }
        let fromSingles = try documents.map { try single.add($0) }
        #expect(fromBatches.filter(\.isTruncated).count > 40)
        for (one, other) in zip(fromBatches, fromSingles) {
            #expect(one.matches.map(\.id) == other.matches.map(\.id), "\(one.id)")
            #expect(one.isTruncated == other.isTruncated, "\(one.id)")
            #expect(one.matches.count <= 4)
        }
    }

    @Test func theCommandLineMarksCutAnswers() throws {
        let folder = try ScratchFolder()
        let path = folder.path("twins.neardup")
        let feed = try folder.file("twins.jsonl", try IndexFixtures.jsonLines(Self.twins(6)))
        #expect(try CommandRunner.run(["index", "create", path]).status == 0)
        let (status, output, errors) = try CommandRunner.run(["index", "add", path, feed, "--max-matches", "3"]).parts
        #expect(status == 0, "\(errors)")
        let lines = output.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.map { $0.contains(#""truncated":true"#) } == [false, false, false, false, true, true])
        #expect(lines.dropFirst().allSatisfy { $0.contains(#""duplicate_of":"t0""#) })
        let checked = try CommandRunner.run(["index", "check", path, feed, "--max-matches", "2"])
        #expect(
            checked.standardOutput.split(separator: "\n").map { $0.contains(#""truncated":true"#) }
                == [true, true, true, true, true, true])
        #expect(try CommandRunner.run(["index", "check", path, feed, "--max-matches", "0"]).status == 64)
    }
}
