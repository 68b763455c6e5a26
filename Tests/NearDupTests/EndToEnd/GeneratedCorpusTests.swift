import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFormats
@testable import NearDupSynthetic

/// End to end on seeded generated corpora whose copies are known.
@Suite struct GeneratedCorpusTests {
    static let corpus = CorpusGenerator(configuration: .init(documentCount: 400, seed: 2026)).generate()
    /// The corpus of the quadratic all-pairs check: `corpus` in the long tier, 200 documents by default.
    static let pairsCorpus = LongTests.either(
        short: CorpusGenerator(configuration: .init(documentCount: 200, seed: 2026)).generate(), long: corpus)

    /// The original every copy goes back to, following chains of copies.
    static func root(of id: String, truth: [String: TruthRecord]) -> String {
        var current = id
        while let original = truth[current]?.original { current = original }
        return current
    }

    @Test func dedupRemovesExactlyTheCopiesOfEachOriginal() throws {
        let corpus = Self.corpus
        let truth = Dictionary(uniqueKeysWithValues: corpus.truth.map { ($0.id, $0) })
        let report = try NearDupEngine().scan(corpus.documents)
        var removedCopies = 0
        var expectedCopies = 0
        for decision in report.decisions {
            let id = corpus.documents[decision.document].id
            let record = try #require(truth[id])
            let mustGo = record.kind == .verbatim || record.kind == .syndicated
            if mustGo { expectedCopies += 1 }
            guard let kept = decision.duplicateOf else { continue }
            // Precision: a removed document really is a copy of the story it was removed for.
            #expect(record.original != nil, "\(id) removed but is \(record.kind)")
            #expect(Self.root(of: id, truth: truth) == Self.root(of: corpus.documents[kept].id, truth: truth))
            if mustGo { removedCopies += 1 }
        }
        let recall = Double(removedCopies) / Double(expectedCopies)
        #expect(expectedCopies > 50)
        #expect(recall >= 0.99, "recall \(recall) over \(expectedCopies) verbatim and syndicated copies")
    }

    @Test func everyPartialCopyIsLinkedToItsOriginal() throws {
        let corpus = Self.corpus
        let report = try NearDupEngine().scan(corpus.documents)
        let partials = corpus.truth.filter { $0.kind == .partial }
        #expect(!partials.isEmpty)
        for record in partials {
            let original = try #require(record.original)
            #expect(report.link(between: original, record.id) != nil, "\(record.id) ~ \(original)")
        }
    }

    /// A paragraph's shingle set computed from its quoted text, independently of `ShingleSets`.
    static func shingles(ofParagraph paragraph: Int, corpus: PreparedCorpus, documents: [Document]) -> [UInt64] {
        let document = documents[Int(corpus.paragraphDocuments[paragraph])]
        return Kernel.shingles(String(document.text(inBytes: corpus.byteRanges[paragraph])))
    }

    /// Documents of one paragraph each: 150 generated paragraphs and, for each, two variants with
    /// a seeded share of words replaced, so that many pairs fall near the threshold.
    static func paragraphVariants() -> [Document] {
        var generator = SplitMix64(seed: 7)
        let paragraphs = corpus.documents.flatMap { $0.text.split(separator: "\n") }
            .map { $0.split(separator: " ") }.filter { $0.count >= 40 }.prefix(150)
        let vocabulary = paragraphs.flatMap { $0 }
        var documents: [Document] = []
        for (index, words) in paragraphs.enumerated() {
            documents.append(Document(id: "p\(index)", text: words.joined(separator: " ")))
            for variant in 1...2 {
                let rate = 1 + generator.next() % 12  // replace 1–12% of the words
                let edited = words.map { word in
                    generator.next() % 100 < rate ? vocabulary[Int(generator.next() % UInt64(vocabulary.count))] : word
                }
                documents.append(Document(id: "p\(index)v\(variant)", text: edited.joined(separator: " ")))
            }
        }
        return documents
    }

    @Test func paragraphMatchingFindsEveryPairAtOrAboveTheThresholdExactly() throws {
        let documents = Self.paragraphVariants()
        let options = NearDupOptions()
        let engine = try NearDupEngine(options: options)
        var preparer = DocumentPreparer(
            options: options, layout: engine.bandLayout, hasher: MinHasher(permutationCount: options.permutationCount))
        var corpus = preparer.prepare(documents, range: 0..<documents.count)
        let matcher = ParagraphMatcher(options: options, layout: engine.bandLayout, threads: 2)
        let graph = matcher.match(&corpus, documents: documents)
        let found = Set(graph.edges.map { UnorderedPair.pack($0.first, $0.second) })
        let sets = (0..<graph.distinctCount).map {
            Self.shingles(ofParagraph: Int(graph.members(of: $0).first!), corpus: corpus, documents: documents)
        }
        // Brute force over all distinct matchable paragraphs.
        var truePairs = 0
        var foundTruePairs = 0
        for a in 0..<graph.distinctCount {
            for b in (a + 1)..<graph.distinctCount {
                let overlap = SetOverlap(sorted: sets[a], sets[b])
                let pair = UnorderedPair.pack(Int32(a), Int32(b))
                if overlap.jaccard >= options.threshold {
                    truePairs += 1
                    if found.contains(pair) { foundTruePairs += 1 }
                } else {
                    #expect(!found.contains(pair), "verified pair below the threshold")
                }
            }
        }
        #expect(truePairs > 150)
        let recall = Double(foundTruePairs) / Double(truePairs)
        #expect(recall >= 0.99, "paragraph recall \(recall) over \(truePairs) pairs")
        for edge in graph.edges { #expect(edge.overlap.jaccard >= options.threshold) }
    }

    @Test func wholeDocumentPairsAtOrAboveTheThresholdAreLinkedWithExactScores() throws {
        let documents = Self.pairsCorpus.documents
        var options = NearDupOptions()
        options.boilerplate.isEnabled = false
        let engine = try NearDupEngine(options: options)
        let report = try engine.scan(documents)
        var preparer = DocumentPreparer(
            options: options, layout: engine.bandLayout, hasher: MinHasher(permutationCount: options.permutationCount))
        let corpus = preparer.prepare(documents, range: 0..<documents.count)
        let sets = (0..<documents.count).map { document in
            var union = corpus.paragraphs(ofDocument: document).flatMap {
                Self.shingles(ofParagraph: $0, corpus: corpus, documents: documents)
            }
            _ = sortAndUnique(&union, from: 0)
            return union
        }
        var linked: [UInt64: DocumentLink] = [:]
        for link in report.links { linked[UnorderedPair.pack(Int32(link.source), Int32(link.copy))] = link }
        var truePairs = 0
        var found = 0
        for a in 0..<documents.count {
            for b in (a + 1)..<documents.count {
                let jaccard = SetOverlap(sorted: sets[a], sets[b]).jaccard
                let link = linked[UnorderedPair.pack(Int32(a), Int32(b))]
                if let link { #expect(link.jaccard == jaccard, "reported whole-text Jaccard is exact") }
                guard jaccard >= options.threshold else { continue }
                truePairs += 1
                if link != nil { found += 1 }
            }
        }
        #expect(truePairs > 20)
        #expect(Double(found) / Double(truePairs) >= 0.99, "document recall \(found)/\(truePairs)")
    }

    @Test(arguments: [1, 2, 3])
    func outputIsIdenticalForEveryThreadCount(threads: Int) throws {
        let documents = Array(Self.corpus.documents.prefix(250))
        var reference = NearDupOptions()
        reference.threadCount = 1
        var options = NearDupOptions()
        options.threadCount = threads
        let expected = JSONLinesReportRenderer().render(try NearDupEngine(options: reference).scan(documents))
        let actual = JSONLinesReportRenderer().render(try NearDupEngine(options: options).scan(documents))
        #expect(actual == expected)
    }
}
