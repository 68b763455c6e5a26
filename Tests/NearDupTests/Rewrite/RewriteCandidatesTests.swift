import Testing

@testable import NearDup

/// Candidates from shared word 3-gram samples: enough shared samples, near the threshold, and no
/// candidates from a phrase that too many documents share.
@Suite struct RewriteCandidatesTests {
    /// A corpus of one-paragraph documents with the given words.
    static func corpus(_ texts: [String]) -> (PreparedCorpus, [Bool]) {
        let documents = texts.enumerated().map { Document(id: "d\($0.offset)", text: $0.element) }
        var options = NearDupOptions()
        options.permutationCount = 8
        let layout = BandLayout(permutationCount: 8, rowsPerBand: 2)
        var preparer = DocumentPreparer(options: options, layout: layout, hasher: MinHasher(permutationCount: 8))
        let corpus = preparer.prepare(documents, range: 0..<documents.count)
        return (corpus, Array(repeating: true, count: corpus.paragraphCount))
    }

    static func words(_ range: Range<Int>, prefix: String = "w") -> String {
        range.map { "\(prefix)\($0)" }.joined(separator: " ")
    }

    @Test func documentsSharingManySamplesAreCandidates() {
        let (corpus, included) = Self.corpus([
            Self.words(0..<400), Self.words(0..<200) + " " + Self.words(0..<200, prefix: "x"),
            Self.words(0..<400, prefix: "y"),
        ])
        let found = RewriteCandidates(threshold: 0.25).candidates(corpus: corpus, included: included) { _ in true }
        #expect(found.pairs == [UnorderedPair.pack(0, 1)])
        #expect(found.commonSamples == 0)
    }

    @Test func aPhraseInTooManyDocumentsProposesNothing() {
        let shared = Self.words(0..<60)
        let count = RewriteOptions.maximumSampleDocuments + 1
        let texts = (0..<count).map { shared + " " + Self.words(0..<200, prefix: "d\($0)x") }
        let (corpus, included) = Self.corpus(texts)
        let found = RewriteCandidates(threshold: 0.25).candidates(corpus: corpus, included: included) { _ in true }
        #expect(found.pairs.isEmpty)
        #expect(found.commonSamples > 0)
        let fewer = Self.corpus(Array(texts.prefix(count - 1)))
        let below = RewriteCandidates(threshold: 0.05).candidates(corpus: fewer.0, included: fewer.1) { _ in true }
        #expect(!below.pairs.isEmpty, "at the limit, the shared phrase still proposes pairs")
    }
}
