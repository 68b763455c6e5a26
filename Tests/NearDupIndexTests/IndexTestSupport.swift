import Foundation
import NearDup
import Testing

@testable import NearDupFeeds
@testable import NearDupIndex
@testable import NearDupSynthetic

enum IndexFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// `fixtures/feed.jsonl` with its times and sources.
    static func feed() throws -> [Document] {
        try DocumentLoader(options: InputOptions(timeField: "published", sourceField: "source"))
            .load([path("fixtures/feed.jsonl")]).documents
    }

    /// `documents` as a JSON Lines feed (`id` and `text`).
    static func jsonLines(_ documents: some Sequence<Document>) throws -> String {
        try documents.map { document in
            let encoder = JSONEncoder()
            let id = String(decoding: try encoder.encode(document.id), as: UTF8.self)
            let text = String(decoding: try encoder.encode(document.text), as: UTF8.self)
            return "{\"id\":\(id),\"text\":\(text)}\n"
        }.joined()
    }

    /// A configuration for tests: no fsync per write (process-crash durability is enough here).
    static var fast: NearDupIndex.Configuration {
        var configuration = NearDupIndex.Configuration()
        configuration.durability = .process
        return configuration
    }

    /// `fast`, merging the recent articles into a run every `threshold` articles.
    static func merging(every threshold: Int) -> NearDupIndex.Configuration {
        var configuration = fast
        configuration.mergeThreshold = threshold
        return configuration
    }
}

/// One linked pair, seen from the later article (the copy): what batch and index must agree on.
struct PairFacts: Hashable, CustomStringConvertible {
    var source: String
    var copy: String
    var relation: Relation
    var copyCoverage: Double
    var sourceCoverage: Double
    var jaccard: Double
    var rewriteScore: Double?
    /// (copy paragraph ordinal, source paragraph ordinal, Jaccard, copy containment, source containment,
    /// 0 for a verbatim pair, 1 for a rewritten one, 2 for a shared quotation)
    var matches: [[Double]]

    var description: String {
        let score: String = rewriteScore.map { "\($0)" } ?? "-"
        return
            "\(copy) <- \(source) \(relation) \(copyCoverage)/\(sourceCoverage) J \(jaccard) R \(score) \(matches.count) matches"
    }

    /// The last element of a paragraph pair's facts.
    static func code(_ kind: MatchKind) -> Double {
        switch kind {
        case .verbatim: 0
        case .rewritten: 1
        case .quotation: 2
        }
    }

    /// The links of a batch scan with `keep = .first`, so each link's copy is the later article.
    static func ofScan(_ documents: [Document], options: NearDupOptions) throws -> Set<PairFacts> {
        var options = options
        options.keep = .first
        let report = try NearDupEngine(options: options).scan(documents)
        #expect(report.statistics.oversizedBuckets == 0)
        return Set(
            report.links.map { link in
                PairFacts(
                    source: report.documents[link.source].id, copy: report.documents[link.copy].id,
                    relation: link.relation, copyCoverage: link.copyCoverage, sourceCoverage: link.sourceCoverage,
                    jaccard: link.jaccard, rewriteScore: link.rewriteScore,
                    matches: link.matches.map {
                        [
                            Double(report.paragraphs[$0.copyParagraph].ordinal),
                            Double(report.paragraphs[$0.sourceParagraph].ordinal), $0.jaccard, $0.copyContainment,
                            $0.sourceContainment, code($0.kind),
                        ]
                    })
            })
    }

    /// The links the index reported in `answers`.
    static func ofAnswers(_ answers: [IndexAnswer]) -> Set<PairFacts> {
        Set(
            answers.flatMap { answer in
                answer.matches.map { match in
                    PairFacts(
                        source: match.id, copy: answer.id, relation: match.relation, copyCoverage: match.coverage,
                        sourceCoverage: match.storedCoverage, jaccard: match.jaccard, rewriteScore: match.rewriteScore,
                        matches: match.paragraphs.map {
                            [
                                Double($0.paragraph), Double($0.storedParagraph), $0.jaccard, $0.containment,
                                $0.storedContainment, code($0.kind),
                            ]
                        })
                }
            })
    }
}
