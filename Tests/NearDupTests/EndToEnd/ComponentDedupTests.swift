import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFormats
@testable import NearDupSynthetic

/// The property that lets a cluster deduplicate in pieces (`neardup bands`): documents that share
/// no band key, nor `RewriteOptions.minimumSharedSamples` rewrite samples that are not common
/// phrases in the whole input, directly or through others, never affect each other's dedup
/// decisions when each group's run is told the common phrases (`RewriteOptions.commonSamples`), as
/// the Spark job does. So deduplicating each connected group of documents on its own, in input
/// order, gives exactly the decisions of deduplicating all of them at once.
@Suite struct ComponentDedupTests {
    /// Each document's group, as the Spark job finds them from `BandKeyLines`, and the common
    /// samples: those held by more than `RewriteOptions.maximumSampleDocuments` distinct texts.
    static func groups(
        of documents: [Document], engine: NearDupEngine, options: NearDupOptions
    ) -> (group: [Int], commonSamples: Set<UInt64>) {
        let corpus = engine.preparedCorpus(of: documents, threads: 2)
        let tokens = documents.indices.map {
            BandKeyLines.tokens(ofDocument: $0, in: corpus, minimumWords: options.minimumParagraphTokens)
        }
        var holders: [UInt64: [Int]] = [:]
        for (document, tokens) in tokens.enumerated() {
            for token in tokens { holders[token, default: []].append(document) }
        }
        var common: Set<UInt64> = []
        var sharedSamples: [[Int]: Int] = [:]
        var parent = Array(documents.indices)
        func root(_ document: Int) -> Int {
            var current = document
            while parent[current] != current { current = parent[current] }
            return current
        }
        func join(_ first: Int, _ second: Int) {
            let (a, b) = (root(first), root(second))
            parent[max(a, b)] = min(a, b)
        }
        for (token, documents) in holders {
            guard let sample = BandKey.sample(ofToken: token) else {
                for document in documents.dropFirst() { join(documents[0], document) }
                continue
            }
            let texts = Set(documents.map { corpus.documentFingerprints[$0] })
            guard texts.count <= RewriteOptions.maximumSampleDocuments else {
                common.insert(sample)
                continue
            }
            for (index, first) in documents.enumerated() {
                for second in documents[(index + 1)...] { sharedSamples[[first, second], default: 0] += 1 }
            }
        }
        for (pair, shared) in sharedSamples where shared >= RewriteOptions.minimumSharedSamples {
            join(pair[0], pair[1])
        }
        return (documents.indices.map(root), common)
    }

    /// A sentence long enough to hold several rewrite samples.
    static let commonPhrase =
        "Officials said on Monday that the regional council would publish the full findings of the review "
        + "before the end of the month, after consulting residents, businesses and the emergency services."

    /// What dedup writes about each removed document: the id it duplicates, the relation, the score.
    static func removals(_ report: ScanReport) -> [String: String] {
        var removals: [String: String] = [:]
        for decision in report.decisions {
            guard let kept = decision.duplicateOf else { continue }
            let score = decision.score.map { "\($0)" } ?? "-"
            let relation = decision.relation.map { "\($0)" } ?? "-"
            removals[report.documents[decision.document].id] = "\(report.documents[kept].id) \(relation) \(score)"
        }
        return removals
    }

    @Test(arguments: [
        (RepresentativePolicy.earliest, UInt64(2)), (.first, 2), (.longest, 15),
    ])
    func dedupOfEachGroupEqualsDedupOfAll(keep: RepresentativePolicy, seed: UInt64) throws {
        let documentCount = LongTests.either(short: 400, long: 1_500)
        var documents = CorpusGenerator(configuration: .init(documentCount: documentCount, seed: seed)).generate()
            .documents
        // A common phrase: one sentence ending the longest paragraph of every fourth document.
        for index in stride(from: 0, to: documents.count, by: 4) {
            let document = documents[index]
            var lines = document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let longest = try #require(lines.indices.max { lines[$0].count < lines[$1].count })
            lines[longest] += " " + Self.commonPhrase
            documents[index] = Document(
                id: document.id, text: lines.joined(separator: "\n"), published: document.published,
                source: document.source)
        }
        // Reworded copies (a quarter of the words edited) of every tenth document, an hour later, so
        // that rewrites are removed whatever the seed and the tier.
        for index in stride(from: 0, to: documentCount, by: 10) {
            let source = documents[index]
            documents.append(
                Document(
                    id: "edited-" + source.id, text: RewriteLinkTests.edited(source.text, share: 0.25, seed: seed),
                    published: source.published?.addingTimeInterval(3_600), source: source.source))
        }
        var options = NearDupOptions()
        options.keep = keep
        let engine = try NearDupEngine(options: options)
        let expected = Self.removals(try engine.scan(documents))

        let (group, common) = Self.groups(of: documents, engine: engine, options: options)
        var groupOptions = options
        groupOptions.rewrite.commonSamples = common
        let groupEngine = try NearDupEngine(options: groupOptions)
        let members = Dictionary(grouping: documents.indices, by: { group[$0] })
        var removals: [String: String] = [:]
        for indices in members.values where indices.count > 1 {
            let report = try groupEngine.scan(indices.sorted().map { documents[$0] })
            removals.merge(Self.removals(report)) { first, _ in first }
        }
        #expect(removals == expected)
        // Rewrites are among the removals, and common phrases among the samples, so both are covered.
        #expect(expected.values.contains { $0.contains(" rewrite ") }, "no rewrite removed")
        #expect(!common.isEmpty)
        // More than 200 removals and 100 groups for the long tier's 1,500 documents; as many per document here.
        #expect(expected.count > documentCount * 2 / 15)
        // The input really falls apart into groups: the largest holds a minority of the documents.
        let largest = members.values.map(\.count).max() ?? 0
        #expect(
            members.count > documentCount / 15 && largest < documents.count / 2,
            "\(members.count) groups, largest \(largest)")
    }
}
