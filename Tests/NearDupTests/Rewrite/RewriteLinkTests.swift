import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup

/// The rewrite stage end to end on real articles (the fixture feed) reworded by a seeded editor
/// with known truth: edited copies are linked as `rewrite`, with their paragraphs aligned, while
/// formulaic stories and a digest that reuses a few paragraphs are not.
@Suite struct RewriteLinkTests {
    /// `text` with `share` of each paragraph's words edited, a third of them deleted, a third
    /// replaced by a word from elsewhere in the text, and a third followed by such a word.
    static func edited(_ text: String, share: Double, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let vocabulary = text.split(whereSeparator: \.isWhitespace)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var words: [Substring] = []
            for word in line.split(separator: " ") {
                let roll = Double(random.next() % 1_000_000) / 1_000_000
                let other = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
                switch roll {
                case ..<(share / 3): continue
                case ..<(2 * share / 3): words.append(other)
                case ..<share: words += [word, other]
                default: words.append(word)
                }
            }
            return words.joined(separator: " ")
        }.joined(separator: "\n")
    }

    static func document(_ id: String, _ text: String, day: Int) -> Document {
        Document(id: id, text: text, published: Date(timeIntervalSince1970: Double(day) * 86_400))
    }

    /// The fixture's independent articles, each with a 30 %-edited copy published later.
    static func editedCopies() throws -> (documents: [Document], originals: [String]) {
        let originals = try Fixtures.feed().filter {
            ["000_821dc1801a2e3d4d", "002_711d1f5cb463d1e6", "gazette_unrelated"].contains($0.id)
        }
        var documents = originals.map { document($0.id, $0.text, day: 1) }
        for (offset, original) in originals.enumerated() {
            documents.append(
                document("edited_\(original.id)", edited(original.text, share: 0.3, seed: UInt64(offset)), day: 2))
        }
        return (documents, originals.map(\.id))
    }

    @Test func thirtyPercentEditedCopiesAreRewritesWithAlignedParagraphs() throws {
        let (documents, originals) = try Self.editedCopies()
        let report = try NearDupEngine().scan(documents)
        for original in originals where original != "gazette_unrelated" {
            let link = try #require(report.link(between: original, "edited_\(original)"), "\(original)")
            #expect(link.relation == .rewrite)
            #expect(report.documents[link.source].id == original)
            let score = try #require(link.rewriteScore)
            #expect(score >= 0.25 && score < 0.9, "reworded: most 3-grams are gone, a good share is left")
            #expect(link.matches.allSatisfy { $0.kind == .rewritten })
            #expect(link.copyCoverage >= 0.7)
            let copy = try #require(report.index(of: "edited_\(original)"))
            #expect(report.decisions[copy].duplicateOf == report.index(of: original))
            #expect(report.decisions[copy].relation == .rewrite)
        }
        #expect(report.links.allSatisfy { $0.relation == .rewrite })
    }

    @Test func withoutRewritesTheEditedCopiesAreMissed() throws {
        let (documents, _) = try Self.editedCopies()
        var options = NearDupOptions()
        options.rewrite.isEnabled = false
        let report = try NearDupEngine(options: options).scan(documents)
        #expect(report.links.allSatisfy { $0.relation != .rewrite })
        #expect(report.statistics.rewriteCandidates == 0)
    }

    @Test func dedupKeepsRewritesWhenTheyAreNotRemoved() throws {
        let (documents, _) = try Self.editedCopies()
        var options = NearDupOptions()
        options.removedRelations = [.duplicate, .copy]
        let report = try NearDupEngine(options: options).scan(documents)
        #expect(report.links.contains { $0.relation == .rewrite })
        #expect(report.decisions.allSatisfy { $0.isKept })
    }

    @Test func aMergedParagraphIsAlignedWithBothOfItsSources() throws {
        let original = try #require(try Fixtures.feed().first { $0.id == "000_821dc1801a2e3d4d" })
        var lines = Self.edited(original.text, share: 0.25, seed: 7).split(separator: "\n").map(String.init)
        lines[2] += " " + lines.remove(at: 3)
        let documents = [
            Self.document("original", original.text, day: 1),
            Self.document("merged", lines.joined(separator: "\n"), day: 2),
        ]
        let report = try NearDupEngine().scan(documents)
        let link = try #require(report.link(between: "original", "merged"))
        #expect(link.relation == .rewrite)
        let sources = link.matches.filter { report.paragraphs[$0.copyParagraph].ordinal == 2 }
            .map { report.paragraphs[$0.sourceParagraph].ordinal }
        #expect(sources == [2, 3])
    }

    /// Stake filings from one template (the eval generator's): the same wording around other
    /// companies and figures.
    static func stakeFiling(_ company: String, _ target: String, shares: String, percent: String, price: String)
        -> String
    {
        "\(company) told the Securities and Exchange Commission it has acquired \(shares) shares of \(target), "
            + "or \(percent) pct of the total outstanding common stock.\n"
            + "\(company) said it bought the stock for investment purposes and may buy more shares, subject to "
            + "market conditions.\n"
            + "It said it paid \(price) dlrs a share in open market purchases between March 3 and 21."
    }

    @Test func formulaicStoriesWithOtherFiguresAreNotRewrites() throws {
        let documents = [
            Self.document(
                "a",
                Self.stakeFiling("Halcyon Partners", "Dravo Corp", shares: "412,000", percent: "5.3", price: "17.25"),
                day: 1),
            Self.document(
                "b",
                Self.stakeFiling("Brigham Capital", "Tonka Inc", shares: "1,250,000", percent: "8.1", price: "42.10"),
                day: 2),
        ]
        let report = try NearDupEngine().scan(documents)
        #expect(report.statistics.rewriteCandidates == 1, "the template makes them candidates")
        #expect(report.links.isEmpty, "their figures differ: different stories")
    }

    @Test func aDigestReusingAFewParagraphsStaysPartial() throws {
        let report = try NearDupEngine().scan(try Fixtures.feed())
        let link = try #require(report.link(between: "003_2dc55fe564d44fd7", "digest_partial_003"))
        #expect(link.relation == .partial)
        #expect(link.rewriteScore == nil)
    }
}

/// `compare` shows the rewrite view with the rules `scan` applies.
@Suite struct RewriteComparisonTests {
    @Test func compareCallsAnEditedCopyARewriteAndAlignsItsParagraphs() throws {
        let (documents, _) = try RewriteLinkTests.editedCopies()
        let engine = try NearDupEngine()
        let comparison = engine.compare(documents[0], documents[3])
        let rewrite = try #require(comparison.rewrite)
        #expect(rewrite.isRewrite)
        #expect(rewrite.score >= 0.25)
        let report = try engine.scan(documents)
        let link = try #require(report.link(between: documents[0].id, documents[3].id))
        #expect(link.rewriteScore == rewrite.score)
        #expect(rewrite.alignment.count == link.matches.count)
        #expect(rewrite.copyCoverage == link.copyCoverage)
    }

    @Test func compareCallsUnrelatedArticlesNoRewrite() throws {
        let feed = try Fixtures.feed()
        let comparison = try NearDupEngine().compare(feed[0], feed[8])
        let rewrite = try #require(comparison.rewrite)
        #expect(!rewrite.isRewrite)
        #expect(rewrite.alignment.isEmpty)
    }
}
