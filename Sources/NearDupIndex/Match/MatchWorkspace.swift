import Foundation
import NearDup

/// One batch of articles being checked or added, and the indexed articles they are compared with.
///
/// The batch's articles go through the engine's own per-document stage
/// (`NearDupEngine.preparedCorpus`: split, normalize, in-document boilerplate rules, shingle, sign,
/// band keys). Indexed articles that share a band key are read back and appended to the same
/// `PreparedCorpus` from their stored layout, so every paragraph, new or stored, is one index into
/// it, and exact verification re-shingles any of them with the engine's `ParagraphShingler`.
///
/// The whole batch is matched at once: its keys are sorted band by band (`BatchProbes`), the index
/// is probed once with their distinct values, the batch is paired with itself by runs of equal
/// keys, and the candidates of each article are verified on several threads (`CandidateVerifier`).
/// Each article's answer is still the one it gets when the articles are added one by one: only
/// the index and the batch's earlier articles are compared with it.
struct MatchWorkspace: Sendable {
    let engine: NearDupEngine
    let path: String
    /// The batch's articles come first (`0..<batchCount`), then the stored articles read so far.
    private(set) var documents: [Document]
    private(set) var corpus: PreparedCorpus
    let batchCount: Int
    /// Words of each workspace article's matchable paragraphs: the coverage denominator.
    private(set) var contentWords: [Int]
    /// For workspace documents read from the index, their stored record; `nil` for the batch's.
    private(set) var stored: [StoredArticle?]
    /// Distinct rewrite sample keys of each workspace article (the candidate rule's sample count).
    private(set) var rewriteSampleCounts: [Int]
    /// The values of the rewrite sample keys (`BandKey.init(rewriteSample:)`) of each batch article,
    /// from the paragraphs of its whole text, ascending and distinct.
    let sampleKeys: [[UInt32]]
    private var workspaceOfNumber: [Int64: Int] = [:]
    /// Stored article numbers found gone (removed; their run entries are not merged away yet).
    private var missingNumbers = Set<Int64>()
    /// When the batch's articles are added.
    let now: Date
    /// Threads for preparing and verifying the batch.
    private let threads: Int

    init(engine: NearDupEngine, batch: [Document], threads: Int, path: String, now: Date) {
        self.engine = engine
        self.path = path
        self.now = now
        self.threads = batch.count < 8 ? 1 : threads
        documents = batch
        batchCount = batch.count
        corpus = engine.preparedCorpus(of: batch, threads: self.threads)
        stored = Array(repeating: nil, count: batch.count)
        let rules = MatchRules(options: engine.options, boilerplate: .inDocument)
        sampleKeys = (0..<batch.count).map { [corpus] document in
            var values: [UInt64] = []
            for paragraph in corpus.paragraphs(ofDocument: document)
            where rules.isInWholeText(patternReason: corpus.patternReason(ofParagraph: paragraph), isRecurring: false) {
                values += corpus.rewriteSamples(ofParagraph: paragraph).map { UInt64(BandKey(rewriteSample: $0).value) }
            }
            _ = sortAndUnique(&values, from: 0)
            return values.map { UInt32(truncatingIfNeeded: $0) }
        }
        rewriteSampleCounts = sampleKeys.map(\.count)
        let minimum = engine.options.minimumParagraphTokens
        contentWords = (0..<batch.count).map { [corpus] document in
            corpus.paragraphs(ofDocument: document).reduce(0) {
                $0 + (corpus.isMatchable($1, minimumWords: minimum) ? corpus.wordCount(ofParagraph: $1) : 0)
            }
        }
    }

    /// The rules the index applies: the engine's, in their `.inDocument` scope (the index never
    /// applies the cross-document `recurring` rule).
    var rules: MatchRules { MatchRules(options: engine.options, boilerplate: .inDocument) }

    // MARK: - Keys

    /// The paragraphs of batch article `document` that have band keys in the index: matchable, and
    /// within `IndexSchema.maximumOrdinal` of its start.
    func matchableParagraphs(of document: Int) -> [Int] {
        let range = corpus.paragraphs(ofDocument: document)
        return range.filter {
            corpus.isMatchable($0, minimumWords: engine.options.minimumParagraphTokens)
                && $0 - range.lowerBound <= IndexSchema.maximumOrdinal
        }
    }

    /// The `keys` blob of batch article `document` (see `StoredKeys`).
    func storedKeys(of document: Int) -> Data {
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        let paragraphs = matchableParagraphs(of: document).map { paragraph in
            (paragraph - start, Array(corpus.bandKeys(ofParagraph: paragraph)))
        }
        return StoredKeys.encode(
            paragraphs: paragraphs, document: corpus.bandKeys(ofDocument: document).map(Array.init) ?? [],
            samples: sampleKeys[document])
    }

    /// Appends the band entries of batch article `document`, indexed as number `number`, in the
    /// order `StoredKeys` gives them.
    func appendEntries(of document: Int, number: Int64, to buckets: inout EntryBuckets) {
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        for paragraph in matchableParagraphs(of: document) {
            let reference = IndexSchema.paragraphReference(document: number, ordinal: paragraph - start)
            for (band, key) in corpus.bandKeys(ofParagraph: paragraph).enumerated() {
                let bandKey = BandKey(band: band, kind: .paragraph, value: key)
                buckets.append(BandEntry(key: bandKey.indexValue, reference: reference))
            }
        }
        for (band, key) in (corpus.bandKeys(ofDocument: document) ?? []).enumerated() {
            buckets.append(
                BandEntry(key: BandKey(band: band, kind: .wholeText, value: key).indexValue, reference: number))
        }
        for value in sampleKeys[document] {
            buckets.append(
                BandEntry(key: BandKey(band: 0, kind: .rewriteSample, value: value).indexValue, reference: number))
        }
    }

    // MARK: - Answers

    /// Compares every batch article with the index (through `store`, as `view` shows it) and, when
    /// `amongBatch`, with the batch's articles before it.
    ///
    /// Each band key brings in at most `limit` candidate articles, the earliest added: those of the
    /// index first, then the batch's earlier ones, which is what adding the articles one by one
    /// would look up. An article one of whose keys had more is marked truncated, as is one whose
    /// verified matches are more than `limit` (its answer keeps the `limit` strongest).
    /// - Parameter excluding: For each batch article, a stored article never to report (the article
    ///   itself, when checking an article that is already indexed).
    mutating func answers(store: IndexStore, view: BandView, excluding: [Int64?], amongBatch: Bool, limit: Int) throws
        -> [IndexAnswer]
    {
        let probes = BatchProbes(
            corpus: corpus, paragraphs: (0..<batchCount).flatMap(matchableParagraphs).map(Int32.init),
            documents: (0..<batchCount).filter { corpus.hasSignature(document: $0) }.map(Int32.init),
            samples: sampleKeys, threads: threads)
        let keys = probes.distinctKeys
        let (hits, counts, capped) = try store.hits(
            keys: keys, view: view, bands: corpus.bandCount, limit: limit, path: path
        ) { number in try workspaceDocument(number: number, store: store) != nil }
        var truncated = Array(repeating: false, count: batchCount)
        for key in capped {
            probes.forEachMember(of: key) { [corpus] member in
                truncated[BandKey.isWholeText(indexValue: key) ? member : corpus.document(ofParagraph: member)] = true
            }
        }
        var pairs = CandidateLists(documents: batchCount)
        var links = CandidateLists(documents: batchCount)
        for (key, reference) in hits {
            let isDocument = BandKey.isWholeText(indexValue: key)
            let (number, ordinal) = isDocument ? (reference, 0) : IndexSchema.split(paragraphReference: reference)
            guard let other = try workspaceDocument(number: number, store: store) else { continue }
            let paragraphs = corpus.paragraphs(ofDocument: other)
            guard ordinal < paragraphs.count else {
                throw NearDupIndexError.corrupt(
                    path: path,
                    reason: "a band key of article \(number) names its paragraph \(ordinal) of \(paragraphs.count)")
            }
            let target = isDocument ? other : paragraphs.lowerBound + ordinal
            probes.forEachMember(of: key) { [corpus] member in
                let document = isDocument ? member : corpus.document(ofParagraph: member)
                guard excluding[document] != number else { return }
                let pair = CandidatePair.pack(batch: member, workspace: target)
                if isDocument {
                    links.append(pair, to: document)
                } else {
                    pairs.append(pair, to: document)
                }
            }
        }
        if amongBatch {
            let among = probes.pairsAmongBatch(
                corpus: corpus, documents: batchCount, threads: threads
            ) { [keys, counts] key in
                // The batch's earlier articles fill what the index left of the key's `limit`.
                var (lower, upper) = (0, keys.count)
                while lower < upper {
                    let middle = (lower + upper) / 2
                    if keys[middle] < key { lower = middle + 1 } else { upper = middle }
                }
                return lower < keys.count && keys[lower] == key ? limit - Int(counts[lower]) : limit
            }
            pairs.append(contentsOf: among.paragraphs)
            links.append(contentsOf: among.documents)
            for document in among.truncated { truncated[document] = true }
        }
        let rewrites = try rewriteCandidates(
            probes: probes, store: store, view: view, excluding: excluding, amongBatch: amongBatch)
        let workspace = self
        return parallelChunks(count: batchCount, threads: threads) { [pairs, links, truncated] documents in
            var verifier = CandidateVerifier(workspace: workspace)
            return documents.map { document in
                verifier.answer(
                    for: document, pairs: pairs.sorted(of: document), links: links.sorted(of: document),
                    rewrites: rewrites[document], limit: limit, truncated: truncated[document])
            }
        }.flatMap { $0 }
    }

    // MARK: - Stored articles

    /// The workspace index of stored article `number`, reading it on first use; `nil` if it is gone.
    mutating func workspaceDocument(number: Int64, store: IndexStore) throws -> Int? {
        if let known = workspaceOfNumber[number] { return known }
        if missingNumbers.contains(number) { return nil }
        guard let article = try store.article(number: number, path: path) else {
            missingNumbers.insert(number)
            return nil
        }
        let index = documents.count
        documents.append(article.document)
        stored.append(article)
        contentWords.append(article.contentWords)
        rewriteSampleCounts.append(article.rewriteSamples)
        corpus.appendStored(paragraphs: article.layout.lazy.map { ($0.byteRange, $0.wordCount, $0.reason) })
        workspaceOfNumber[number] = index
        return index
    }
}
