import Testing

@testable import NearDup
@testable import NearDupSynthetic

/// Whole-text Jaccards computed block by block (to bound memory) equal those computed with every
/// document's set built at once, whatever the block size.
@Suite struct WholeTextOverlapTests {
    @Test(arguments: [1, 300_000, Int.max])
    func blocksGiveTheSameJaccardsAsOneSetOfEverySet(blockBudget: Int) throws {
        let generated = GeneratedCorpusTests.corpus
        let documents = generated.documents
        let indexOfID = Dictionary(uniqueKeysWithValues: documents.indices.map { (documents[$0].id, $0) })
        let options = NearDupOptions()
        let engine = try NearDupEngine(options: options)
        var preparer = DocumentPreparer(
            options: options, layout: engine.bandLayout, hasher: MinHasher(permutationCount: options.permutationCount))
        let corpus = preparer.prepare(documents, range: 0..<documents.count)
        // Copies with their originals (groups of several sizes, the syndicated stories), unrelated
        // neighbours and random pairs (chaining some groups together).
        var random = SplitMix64(seed: 9)
        var pairs: [UInt64] = generated.truth.compactMap { record in
            record.original.map { UnorderedPair.pack(Int32(indexOfID[record.id]!), Int32(indexOfID[$0]!)) }
        }
        for document in 0..<(documents.count - 1) where document % 3 != 0 {
            pairs.append(UnorderedPair.pack(Int32(document), Int32(document + 1)))
        }
        for _ in 0..<40 {
            let a = random.nextInt(below: documents.count)
            let b = random.nextInt(below: documents.count)
            if a != b { pairs.append(UnorderedPair.pack(Int32(a), Int32(b))) }
        }
        pairs = Array(Set(pairs)).sorted()
        let included = (0..<corpus.paragraphCount).map { corpus.patternReasons[$0] == nil }

        let all = ShingleSets.ofDocuments(
            UnorderedPair.items(in: pairs, count: documents.count), included: included, documents: documents,
            corpus: corpus,
            options: options, threads: 2)
        let expected = pairs.map { pair in
            let (a, b) = UnorderedPair.unpack(pair)
            return all.overlap(a, b).jaccard
        }
        var computer = WholeTextOverlaps(options: options, threads: 2)
        computer.blockBudget = blockBudget
        let overlaps = computer.overlaps(of: pairs, included: included, documents: documents, corpus: corpus)
        #expect(overlaps.map(\.jaccard) == expected)
        #expect(expected.contains { $0 > 0.5 } && expected.contains { $0 < 0.1 })
    }
}
