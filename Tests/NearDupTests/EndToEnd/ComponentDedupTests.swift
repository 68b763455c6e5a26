import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFormats
@testable import NearDupSynthetic

/// The property that lets a cluster deduplicate in pieces (`neardup bands`): documents that share
/// no band key, directly or through others, never affect each other's dedup decisions. So
/// deduplicating each connected group of documents on its own, in input order, gives exactly the
/// decisions of deduplicating all of them at once.
@Suite struct ComponentDedupTests {
    /// Each document's group: documents sharing a key of `BandKeyLines` are in one group.
    static func groups(of documents: [Document], engine: NearDupEngine, options: NearDupOptions) -> [Int] {
        let corpus = engine.preparedCorpus(of: documents, threads: 2)
        var parent = Array(documents.indices)
        func root(_ document: Int) -> Int {
            var current = document
            while parent[current] != current { current = parent[current] }
            return current
        }
        var firstWithToken: [UInt64: Int] = [:]
        for document in documents.indices {
            let tokens = BandKeyLines.tokens(
                ofDocument: document, in: corpus, minimumWords: options.minimumParagraphTokens)
            for token in tokens {
                guard let first = firstWithToken[token] else {
                    firstWithToken[token] = document
                    continue
                }
                let (a, b) = (root(first), root(document))
                parent[max(a, b)] = min(a, b)
            }
        }
        return documents.indices.map(root)
    }

    /// What dedup writes about each removed document: the id it duplicates, the relation, the score.
    static func removals(_ report: ScanReport) -> [String: String] {
        var removals: [String: String] = [:]
        for decision in report.decisions {
            guard let kept = decision.duplicateOf else { continue }
            let score = decision.score.map { "\($0)" } ?? "-"
            removals[report.documents[decision.document].id] =
                "\(report.documents[kept].id) \(String(describing: decision.relation)) \(score)"
        }
        return removals
    }

    @Test(arguments: [
        (RepresentativePolicy.earliest, UInt64(5)), (.first, 6), (.longest, 7),
    ])
    func dedupOfEachGroupEqualsDedupOfAll(keep: RepresentativePolicy, seed: UInt64) throws {
        let documentCount = LongTests.either(short: 400, long: 1_500)
        let documents = CorpusGenerator(configuration: .init(documentCount: documentCount, seed: seed)).generate()
            .documents
        var options = NearDupOptions()
        options.keep = keep
        let engine = try NearDupEngine(options: options)
        let expected = Self.removals(try engine.scan(documents))

        let group = Self.groups(of: documents, engine: engine, options: options)
        let members = Dictionary(grouping: documents.indices, by: { group[$0] })
        var removals: [String: String] = [:]
        for indices in members.values where indices.count > 1 {
            let report = try engine.scan(indices.sorted().map { documents[$0] })
            removals.merge(Self.removals(report)) { first, _ in first }
        }
        #expect(removals == expected)
        // More than 200 removals and 100 groups for the long tier's 1,500 documents; as many per document here.
        #expect(expected.count > documentCount * 2 / 15)
        // The input really falls apart into groups: the largest holds a minority of the documents.
        let largest = members.values.map(\.count).max() ?? 0
        #expect(
            members.count > documentCount / 15 && largest < documents.count / 2,
            "\(members.count) groups, largest \(largest)")
    }
}
