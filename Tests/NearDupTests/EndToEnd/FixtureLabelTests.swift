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

    /// 000 and 002 are independent reports that quote the KCNA statement the AP story (001, 003,
    /// 004) quotes too. At the defaults nothing links them; with `char:5` at 0.3, 000's quotation
    /// paragraph matches 001's two and 003's one, and those links are labelled `quotation` (they
    /// were `partial` before), with no coverage. Nothing else touches 000 or 002.
    @Test func theSeedsSharedKCNAStatementIsALabelledQuotation() throws {
        let seeds = Array(documents.prefix(5))
        let (politico, liveBlog, translated) = ("000_821dc1801a2e3d4d", "001_a47bdf79ff27d0e0", "003_2dc55fe564d44fd7")
        let independent: Set = [politico, "002_711d1f5cb463d1e6"]
        let touching = { (report: ScanReport) in
            report.links.filter {
                independent.contains(report.documents[$0.source].id)
                    || independent.contains(report.documents[$0.copy].id)
            }
        }
        #expect(touching(try NearDupEngine().scan(seeds)).isEmpty)
        var options = NearDupOptions()
        options.shingle = .characters(5)
        options.threshold = 0.3
        let report = try NearDupEngine(options: options).scan(seeds)
        let quotations = touching(report)
        let pairs = quotations.map { Set([report.documents[$0.source].id, report.documents[$0.copy].id]) }
        #expect(Set(pairs) == [[politico, liveBlog], [politico, translated]])
        for link in quotations {
            #expect(link.relation == .quotation && link.copyCoverage == 0 && link.sourceCoverage == 0)
            for match in link.matches {
                let inPolitico = [match.sourceParagraph, match.copyParagraph].filter {
                    report.documents[report.paragraphs[$0].document].id == politico
                }
                #expect(match.kind == .quotation && inPolitico.map { report.paragraphs[$0].ordinal } == [2])
            }
        }
        #expect(report.decisions.allSatisfy { $0.isKept })
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
