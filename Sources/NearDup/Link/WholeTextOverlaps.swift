/// The exact overlap of document pairs' whole-text shingle sets (of `options.shingle`), computed
/// block by block so that only one block's shingle sets are in memory at a time.
///
/// Each document's set is the union of its paragraphs that `included` marks (`ShingleSets`). The
/// pairs are taken one connected group of documents at a time (union–find over the pairs), and
/// groups are gathered into blocks of about `blockBudget` bytes of set room, so every set is built
/// exactly once, by the block that holds all the pairs it is in. A group larger than the budget is
/// one block of its own.
struct WholeTextOverlaps {
    let options: NearDupOptions
    let threads: Int
    /// The most set room, in bytes (8 per possible shingle), that a block of several groups reserves.
    var blockBudget = 128 << 20

    /// The overlap of each of `pairs` (packed by `UnorderedPair.pack(_:_:)`, lower document
    /// first), in the same order.
    /// - Complexity: O(*s* log *s*) per document set of *s* shingles, plus O(*s*) per pair.
    func overlaps(
        of pairs: [UInt64], included: [Bool], documents: [Document], corpus: PreparedCorpus
    ) -> [SetOverlap] {
        var groups = DocumentGroups(count: corpus.documentCount)
        for pair in pairs {
            let (a, b) = UnorderedPair.unpack(pair)
            groups.join(a, b)
        }
        // Each pair's index under its group's root, so that sorting lists the pairs group by group.
        var pairsByGroup = pairs.indices.map {
            KeyedItem.pack(key: UInt32(groups.root(of: UnorderedPair.unpack(pairs[$0]).lower)), item: $0)
        }
        pairsByGroup.sort()

        var overlaps = [SetOverlap](repeating: SetOverlap(sorted: [], []), count: pairs.count)
        var block = Block(documentCount: corpus.documentCount)
        var currentGroup: UInt32?
        for entry in pairsByGroup {
            if KeyedItem.key(entry) != currentGroup {
                if block.reservedBytes >= blockBudget {
                    measure(
                        &block, pairs: pairs, into: &overlaps, included: included, documents: documents, corpus: corpus)
                }
                currentGroup = KeyedItem.key(entry)
            }
            let index = KeyedItem.item(entry)
            let (a, b) = UnorderedPair.unpack(pairs[index])
            block.pairIndices.append(index)
            for document in [a, b] where !block.holds[document] {
                block.holds[document] = true
                block.documents.append(document)
                block.reservedBytes +=
                    8 * ShingleSets.shingleBound(ofDocument: document, documents: documents, corpus: corpus)
            }
        }
        measure(&block, pairs: pairs, into: &overlaps, included: included, documents: documents, corpus: corpus)
        return overlaps
    }

    /// The documents and pairs gathered for one round of set building.
    private struct Block {
        var pairIndices: [Int] = []
        var documents: [Int] = []
        var holds: [Bool]
        var reservedBytes = 0

        init(documentCount: Int) { holds = [Bool](repeating: false, count: documentCount) }
    }

    /// Builds the sets of `block`'s documents, stores the overlap of its pairs, and empties it.
    private func measure(
        _ block: inout Block, pairs: [UInt64], into overlaps: inout [SetOverlap], included: [Bool],
        documents: [Document], corpus: PreparedCorpus
    ) {
        guard !block.pairIndices.isEmpty else { return }
        block.documents.sort()
        let sets = ShingleSets.ofDocuments(
            block.documents, included: included, documents: documents, corpus: corpus, options: options,
            threads: threads)
        let pairIndices = block.pairIndices
        let chunks = parallelChunks(count: pairIndices.count, threads: threads) { range in
            pairIndices[range].map { index in
                let (a, b) = UnorderedPair.unpack(pairs[index])
                return sets.overlap(a, b)
            }
        }
        for (index, overlap) in zip(pairIndices, chunks.joined()) { overlaps[index] = overlap }
        for document in block.documents { block.holds[document] = false }
        block.documents.removeAll(keepingCapacity: true)
        block.pairIndices.removeAll(keepingCapacity: true)
        block.reservedBytes = 0
    }
}

/// Union–find over documents `0..<count`: which documents are connected by the pairs joined so far.
private struct DocumentGroups {
    private var parent: [Int32]

    init(count: Int) { parent = (0..<count).map { Int32($0) } }

    /// The representative of `document`'s group (its lowest-numbered document).
    mutating func root(of document: Int) -> Int {
        var current = document
        while Int(parent[current]) != current {
            parent[current] = parent[Int(parent[current])]  // path halving
            current = Int(parent[current])
        }
        return current
    }

    mutating func join(_ a: Int, _ b: Int) {
        let (rootA, rootB) = (root(of: a), root(of: b))
        if rootA != rootB { parent[max(rootA, rootB)] = Int32(min(rootA, rootB)) }
    }
}
