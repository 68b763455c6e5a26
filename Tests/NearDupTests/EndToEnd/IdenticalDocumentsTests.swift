import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup

/// Documents with byte-identical texts are linked through their group's head, in time linear in
/// the group's size, with the same dedup decisions and the same links as comparing every pair
/// (but for the links between two non-head twins, which are not reported).
@Suite struct IdenticalDocumentsTests {
    /// The fixture feed with twins added: byte-identical copies of a syndicated copy, of an
    /// original and of an independent article, published after them (and one before).
    static func feedWithTwins(distinguishingTwins: Bool) throws -> [Document] {
        var documents = try Fixtures.feed()
        let originals = documents
        for (offset, twinOf) in [1, 1, 1, 2, 2, 5, 6, 6].enumerated() {
            var twin = originals[twinOf]
            twin.id += "-twin-\(offset)"
            twin.published = twin.published.map { $0 + Double(offset * 3_600 - 7_200) }
            // A trailing space changes the bytes but nothing NearDup compares.
            if distinguishingTwins { twin.text += " " }
            documents.append(twin)
        }
        return documents
    }

    @Test(arguments: [RepresentativePolicy.earliest, .longest, .first])
    func twinsGetTheDecisionsAndLinksOfComparingEveryPair(keep: RepresentativePolicy) throws {
        var options = NearDupOptions()
        options.keep = keep
        let engine = try NearDupEngine(options: options)
        let grouped = try engine.scan(try Self.feedWithTwins(distinguishingTwins: false))
        let pairwise = try engine.scan(try Self.feedWithTwins(distinguishingTwins: true))

        #expect(grouped.decisions == pairwise.decisions)
        #expect(grouped.decisions.contains { !$0.isKept && grouped.documents[$0.document].id.contains("twin") })
        let copiesOfText = Dictionary(grouping: grouped.documents.map(\.text)) { $0 }.mapValues(\.count)
        let hasTwin = grouped.documents.map { copiesOfText[$0.text]! > 1 }
        #expect(Set(grouped.links).isSubset(of: Set(pairwise.links)))
        let leftOut = Set(pairwise.links).subtracting(grouped.links)
        #expect(!leftOut.isEmpty)
        for link in leftOut {
            let ids = "\(grouped.documents[link.source].id) → \(grouped.documents[link.copy].id)"
            #expect(hasTwin[link.source] && hasTwin[link.copy], "only links between two twins are left out, not \(ids)")
        }
    }

    @Test func thousandsOfIdenticalDocumentsAreLinkedToTheirHeadOnly() throws {
        var random = SplitMix64(seed: 40)
        let texts = (0..<40).map { _ in
            (0..<3).map { _ in (0..<12).map { _ in "w\(random.next() % 5_000)" }.joined(separator: " ") }
                .joined(separator: "\n")
        }
        let documents = (0..<8_000).map { Document(id: "d\($0)", text: texts[$0 % texts.count]) }
        var options = NearDupOptions()
        options.keep = .first
        let report = try NearDupEngine(options: options).scan(documents)
        #expect(report.links.count == 8_000 - 40, "each twin linked to its head, not 200² pairs per story")
        #expect(report.decisions.filter(\.isKept).map(\.document) == Array(0..<40))
        for decision in report.decisions where !decision.isKept {
            #expect(decision.duplicateOf == decision.document % 40)
            #expect(decision.relation == .duplicate && decision.score == 1)
        }
    }

    @Test func identicalDocumentsWithoutWordsAreDeduplicated() throws {
        let symbols = "👩‍👩‍👧 🇺🇦 🎉 😀 ★★★\n→ ← ↑ ↓"
        let documents = [
            Document(id: "e1", text: symbols), Document(id: "e2", text: symbols),
            Document(id: "other", text: "🎉 😀"), Document(id: "blank1", text: " \n "),
            Document(id: "blank2", text: " \n "),
        ]
        let report = try NearDupEngine().scan(documents)
        #expect(report.decisions.map(\.isKept) == [true, false, true, true, true], "blank documents are never matched")
        let link = try #require(report.links.first)
        #expect(report.links.count == 1)
        #expect((link.source, link.copy, link.relation, link.jaccard) == (0, 1, .duplicate, 1))
        #expect(report.summaries[1].isEmpty, "it has no words")
    }
}
