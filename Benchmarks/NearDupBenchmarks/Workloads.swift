@_spi(Benchmarks) import NearDup
import NearDupSynthetic

// Inputs of the stage benchmarks. Each workload is built in `setup:` from the generated feed
// (seed 42) and keeps its scratch buffers between samples, so after the warm-up iteration a
// measured stage allocates only what the stage itself allocates.

/// The first `count` pages of the generated news feed (seed 42, about 6 KB of text each).
func generatedDocuments(count: Int) -> [Document] {
    CorpusGenerator(configuration: .init(documentCount: count, seed: 42)).generate().documents
}

/// The UTF-8 size of the documents' text.
func textByteCount(of documents: [Document]) -> Int {
    documents.reduce(0) { $0 + $1.text.utf8.count }
}

/// The first `count` paragraphs of the documents that have words (so shingles), normalized.
func normalizedParagraphs(of documents: [Document], count: Int) -> [Stage.NormalizedParagraph] {
    var normalization = Stage.Normalization()
    var paragraphs: [Stage.NormalizedParagraph] = []
    for document in documents where paragraphs.count < count {
        paragraphs += normalization.paragraphs(of: document).filter { $0.byteCount > 0 }
    }
    precondition(paragraphs.count >= count, "not enough paragraphs in the documents")
    return Array(paragraphs.prefix(count))
}

// MARK: - Per-item stages

/// Documents to split into paragraphs and normalize.
final class NormalizationWorkload {
    let documents: [Document]
    let byteCount: Int
    private var stage = Stage.Normalization()

    init(documents: [Document]) {
        self.documents = documents
        byteCount = textByteCount(of: documents)
    }

    /// Normalizes every document.
    /// - Returns: The number of words, so the work cannot be dropped.
    func normalizeAll() -> Int {
        var words = 0
        for document in documents { words &+= stage.normalize(document) }
        return words
    }
}

/// The first `paragraphCount` paragraphs with words of the documents, normalized, to hash the
/// shingles of.
final class ShingleWorkload {
    let paragraphs: [Stage.NormalizedParagraph]
    let shingleCount: Int
    private let stage = Stage.Shingling()
    private var hashes: [UInt64] = []

    init(documents: [Document], paragraphCount: Int) {
        paragraphs = normalizedParagraphs(of: documents, count: paragraphCount)
        var shingleCount = 0
        for paragraph in paragraphs {
            hashes.removeAll(keepingCapacity: true)
            stage.appendHashes(of: paragraph, to: &hashes)
            shingleCount += hashes.count
        }
        self.shingleCount = shingleCount
    }

    /// Hashes the shingles of every paragraph into one reused buffer.
    /// - Returns: The sum of the last hash of each paragraph, so the work cannot be dropped.
    func hashAll() -> UInt64 {
        var sum: UInt64 = 0
        for paragraph in paragraphs {
            hashes.removeAll(keepingCapacity: true)
            stage.appendHashes(of: paragraph, to: &hashes)
            sum &+= hashes.last ?? 0
        }
        return sum
    }
}

/// The shingle hashes of the first `setCount` paragraphs with words of the documents, stored flat,
/// and one reused signature buffer.
final class SignatureWorkload {
    let hasher: MinHasher
    let shingleCount: Int
    private let shingles: [UInt64]
    /// Set `i` is `shingles[starts[i]..<starts[i + 1]]`.
    private let starts: [Int]
    private var signature: [UInt32]

    init(documents: [Document], setCount: Int, permutationCount: Int) {
        let shingling = Stage.Shingling()
        var shingles: [UInt64] = []
        var starts = [0]
        for paragraph in normalizedParagraphs(of: documents, count: setCount) {
            shingling.appendHashes(of: paragraph, to: &shingles)
            starts.append(shingles.count)
        }
        hasher = MinHasher(permutationCount: permutationCount)
        shingleCount = shingles.count
        self.shingles = shingles
        self.starts = starts
        signature = [UInt32](repeating: 0, count: permutationCount)
    }

    /// Signs every set into the one signature buffer.
    /// - Returns: The sum of each signature's first slot, so the work cannot be dropped.
    func signAll() -> UInt32 {
        let hasher = hasher
        let starts = starts
        return shingles.withUnsafeBufferPointer { all in
            signature.withUnsafeMutableBufferPointer { signature in
                var sum: UInt32 = 0
                for set in 0..<(starts.count - 1) {
                    hasher.sign(UnsafeBufferPointer(rebasing: all[starts[set]..<starts[set + 1]]), into: signature)
                    sum &+= signature[0]
                }
                return sum
            }
        }
    }
}

/// Documents for the whole per-document stage.
final class PreparationWorkload {
    let documents: [Document]
    let byteCount: Int
    private var stage: Stage.Preparation

    init(documents: [Document]) throws {
        self.documents = documents
        byteCount = textByteCount(of: documents)
        stage = try Stage.Preparation()
    }

    /// Prepares every document.
    /// - Returns: The number of paragraphs, so the work cannot be dropped.
    func prepareAll() -> Int {
        stage.prepare(documents).paragraphCount
    }
}

// MARK: - Corpus-wide stages

/// The LSH input of paragraph matching: the distinct matchable paragraphs (exact copies, equal in
/// normalized text, count once, as `ParagraphMatcher` groups them).
final class CandidateWorkload {
    /// The paragraph behind each LSH item.
    let paragraphs: [Int]
    let search: Stage.CandidateSearch

    init(prepared: Stage.PreparedDocuments) {
        var seen = Set<UInt64>()
        paragraphs = (0..<prepared.paragraphCount).filter {
            prepared.isMatchable($0) && seen.insert(prepared.textHash(ofParagraph: $0)).inserted
        }
        search = Stage.CandidateSearch(paragraphs: paragraphs, of: prepared)
    }

    /// The candidate pairs, packed (`Stage.CandidateSearch.items(of:)` unpacks one).
    func candidatePairs() -> [UInt64] {
        search.pairs()
    }
}

/// `pairCount` candidate pairs of paragraphs, evenly spaced over all the LSH candidates of the
/// prepared documents, with their shingle sets built.
final class VerificationWorkload {
    let sets: Stage.VerificationSets
    let threshold: Double
    private let pairs: [(first: Int, second: Int)]

    init(prepared: Stage.PreparedDocuments, pairCount: Int) {
        let candidates = CandidateWorkload(prepared: prepared)
        let all = candidates.candidatePairs()
        precondition(!all.isEmpty, "no candidate pairs")
        pairs = (0..<pairCount).map { index in
            let (a, b) = Stage.CandidateSearch.items(of: all[index * all.count / pairCount])
            return (candidates.paragraphs[a], candidates.paragraphs[b])
        }
        let paragraphs = Set(pairs.flatMap { [$0.first, $0.second] }).sorted()
        sets = Stage.VerificationSets(paragraphs: paragraphs, of: prepared)
        threshold = NearDupOptions().threshold
    }

    /// Measures the exact overlap of every pair.
    /// - Returns: The number of pairs at or above the Jaccard threshold, as verification keeps.
    func verifyAll() -> Int {
        var verified = 0
        for pair in pairs where sets.overlap(pair.first, pair.second).jaccard >= threshold { verified += 1 }
        return verified
    }
}

/// The prepared documents and their paragraph matches: the input of the stages after matching.
final class AnalysisWorkload {
    let prepared: Stage.PreparedDocuments
    let matches: Stage.ParagraphMatches

    init(prepared: Stage.PreparedDocuments) {
        self.prepared = prepared
        matches = prepared.matchParagraphs()
    }

    /// Clusters, links and reports.
    func analyze() -> ScanReport {
        prepared.analyze(matches)
    }
}
