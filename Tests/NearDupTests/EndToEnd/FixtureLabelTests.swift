import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup

/// End to end on the real seed articles and the derived copies, against `fixtures/labels.json`.
@Suite struct FixtureLabelTests {
    let documents: [Document]
    let labels: Fixtures.Labels
    let report: ScanReport

    init() throws {
        documents = try Fixtures.feed()
        labels = try Fixtures.labels()
        report = try NearDupEngine().scan(documents)
    }

    @Test func flagsExactlyTheLabelledBoilerplate() {
        var flagged: [String: [String: String]] = [:]
        for paragraph in report.paragraphs {
            guard case .boilerplate(let reason) = paragraph.role else { continue }
            flagged[documents[paragraph.document].id, default: [:]][String(paragraph.ordinal)] = reason.rawValue
        }
        #expect(flagged == labels.boilerplate)
    }

    @Test func findsEveryLabelledCopyWithItsParagraphs() throws {
        for expected in labels.copies {
            let link = try #require(report.link(between: expected.source, expected.copy), "\(expected.copy)")
            #expect(report.documents[link.source].id == expected.source)
            #expect(expected.relations?.contains(link.relation.rawValue) == true, "\(expected.copy): \(link.relation)")
            let pairs = link.matches.map {
                [report.paragraphs[$0.copyParagraph].ordinal, report.paragraphs[$0.sourceParagraph].ordinal]
            }
            #expect(pairs == expected.paragraphs, "\(expected.copy)")
            let copyIndex = try #require(report.index(of: expected.copy))
            #expect(!report.decisions[copyIndex].isKept == expected.removed, "\(expected.copy)")
            if expected.removed == true {
                #expect(report.decisions[copyIndex].duplicateOf == report.index(of: expected.source))
            }
        }
    }

    @Test func linksNothingBeyondTheLabelledCopies() {
        let found = Set(report.links.map { [documents[$0.source].id, documents[$0.copy].id] })
        let expected = Set(labels.copies.map { [$0.source, $0.copy] })
        #expect(found == expected)
    }

    @Test func doesNotLinkArticlesThatOnlyCoverTheSameEvent() {
        let ids = labels.sameEventOnly.documents
        for (offset, first) in ids.enumerated() {
            for second in ids.dropFirst(offset + 1) {
                #expect(report.link(between: first, second) == nil, "\(first) ~ \(second)")
            }
        }
    }

    @Test func characterShinglesFindTheRewrittenParagraphButNotSharedQuotes() throws {
        for expected in labels.rewrittenCopies {
            var options = NearDupOptions()
            let spelling = try #require(expected.shingle)
            options.shingle = try #require(ShingleKind(spelling))
            let report = try NearDupEngine(options: options).scan(documents)
            let link = try #require(report.link(between: expected.source, expected.copy))
            #expect(link.relation == .partial)
            let pairs = link.matches.map {
                [report.paragraphs[$0.copyParagraph].ordinal, report.paragraphs[$0.sourceParagraph].ordinal]
            }
            #expect(pairs == expected.paragraphs)
            let seedLinks = report.links.filter {
                labels.sameEventOnly.documents.contains(documents[$0.source].id)
                    && labels.sameEventOnly.documents.contains(documents[$0.copy].id)
            }
            #expect(seedLinks.count == 1, "only the rewritten paragraph links two seed articles")
        }
    }

    @Test func reportedScoresAreExact() throws {
        let link = try #require(report.link(between: "000_821dc1801a2e3d4d", "courier_syndicated_000"))
        for match in link.matches {
            #expect(match.jaccard == 1 && match.copyContainment == 1 && match.sourceContainment == 1)
        }
        // 8 of 9 content paragraphs of the copy come from the source: coverage is their share of words.
        let copy = try #require(report.index(of: "courier_syndicated_000"))
        let matchedWords = link.matches.map { report.paragraphs[$0.copyParagraph].wordCount }.reduce(0, +)
        #expect(link.copyCoverage == Double(matchedWords) / Double(report.summaries[copy].contentWords))
    }
}
