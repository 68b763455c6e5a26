import Testing

@testable import NearDup
@testable import NearDupSynthetic

/// `RewriteOptions.commonSamples`: samples named common propose no rewrite, as if held by more
/// than `RewriteOptions.maximumSampleDocuments` documents.
@Suite struct CommonSamplesTests {
    @Test func samplesNamedCommonProposeNoRewrite() throws {
        let documents = CorpusGenerator(configuration: .init(documentCount: 400, seed: 2)).generate().documents
        let engine = try NearDupEngine(options: NearDupOptions())
        let rewrites = try engine.scan(documents).links.filter { $0.relation == .rewrite }
        let rewrite = try #require(rewrites.first)
        let corpus = engine.preparedCorpus(of: documents, threads: 2)
        let samples = { (document: Int) in
            Set(corpus.paragraphs(ofDocument: document).flatMap { corpus.rewriteSamples(ofParagraph: $0) })
        }
        let isTheRewrite = { (link: DocumentLink) in
            link.relation == .rewrite && link.source == rewrite.source && link.copy == rewrite.copy
        }

        var options = NearDupOptions()
        options.rewrite.commonSamples = samples(rewrite.copy)
        let without = try NearDupEngine(options: options).scan(documents).links
        #expect(!without.contains(where: isTheRewrite))

        // Samples of a document outside the pair change nothing for it.
        let other = try #require(
            documents.indices.first { ![rewrite.source, rewrite.copy].contains($0) && !samples($0).isEmpty })
        options.rewrite.commonSamples = samples(other).subtracting(samples(rewrite.copy))
        let with = try NearDupEngine(options: options).scan(documents).links
        #expect(with.contains(where: isTheRewrite))
    }
}
