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
/// Answers follow the batch engine's rules (`DocumentLinker`) pair by pair: a paragraph pair is
/// evidence when it shares an LSH band key (same band, same 32-bit key) and its exact Jaccard
/// reaches the threshold; each matched paragraph keeps its best partner (highest Jaccard, then
/// earliest paragraph); coverage is matched words over content words, both ways; a document pair
/// is linked when it has evidence, or shares a whole-text band key and its exact whole-text Jaccard
/// reaches the threshold; `Relation`'s rule names the relation.
struct MatchWorkspace {
    let engine: NearDupEngine
    let path: String
    /// The batch's articles come first (`0..<batchCount`), then the stored articles read so far.
    private(set) var documents: [Document]
    private(set) var corpus: PreparedCorpus
    let batchCount: Int
    private var contentWords: [Int]
    /// For workspace documents read from the index, their stored record; `nil` for the batch's.
    private var stored: [StoredArticle?]
    private var workspaceOfNumber: [Int64: Int] = [:]
    /// Stored article numbers found gone (removed; their run entries are not merged away yet).
    private var missingNumbers = Set<Int64>()
    private var paragraphSets: [Int: [UInt64]] = [:]
    private var documentSets: [Int: [UInt64]] = [:]
    /// Band keys of the batch's articles added so far, for the later ones of the same batch.
    private var batchParagraphKeys: [Int64: [Int32]] = [:]
    private var batchDocumentKeys: [Int64: [Int32]] = [:]
    /// When the batch's articles are added.
    let now: Date

    init(engine: NearDupEngine, batch: [Document], threads: Int, path: String, now: Date) {
        self.engine = engine
        self.path = path
        self.now = now
        documents = batch
        batchCount = batch.count
        corpus = engine.preparedCorpus(of: batch, threads: batch.count < 8 ? 1 : threads)
        stored = Array(repeating: nil, count: batch.count)
        let minimum = engine.options.minimumParagraphTokens
        contentWords = (0..<batch.count).map { [corpus] document in
            corpus.paragraphs(ofDocument: document).reduce(0) {
                $0 + (corpus.isMatchable($1, minimumWords: minimum) ? Int(corpus.wordCounts[$1]) : 0)
            }
        }
    }

    // MARK: - Keys

    /// The matchable paragraphs of batch article `document` and their band keys (`band << 32 | key`).
    func paragraphKeys(of document: Int) -> [(paragraph: Int, keys: [Int64])] {
        let range = corpus.paragraphs(ofDocument: document)
        return range.filter {
            corpus.isMatchable($0, minimumWords: engine.options.minimumParagraphTokens)
                && $0 - range.lowerBound <= IndexSchema.maximumOrdinal
        }.map { paragraph in
            (
                paragraph,
                corpus.bandKeys(ofParagraph: paragraph).enumerated().map { IndexSchema.paragraphKey(band: $0, key: $1) }
            )
        }
    }

    /// The whole-text band keys of batch article `document`, empty when it has no signature.
    func documentKeys(of document: Int) -> [Int64] {
        guard corpus.documentHasSignature[document] else { return [] }
        let bands = corpus.bandCount
        return (0..<bands).map {
            IndexSchema.documentKey(band: $0, key: corpus.documentBandKeys[document * bands + $0])
        }
    }

    /// The `keys` blob of batch article `document` (see `StoredKeys`).
    func storedKeys(of document: Int) -> Data {
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        let paragraphs = paragraphKeys(of: document).map { paragraph, _ in
            (paragraph - start, Array(corpus.bandKeys(ofParagraph: paragraph)))
        }
        let bands = corpus.bandCount
        let whole =
            corpus.documentHasSignature[document]
            ? Array(corpus.documentBandKeys[(document * bands)..<((document + 1) * bands)]) : []
        return StoredKeys.encode(paragraphs: paragraphs, document: whole)
    }

    func contentWords(of document: Int) -> Int { contentWords[document] }

    // MARK: - Answers

    /// Compares batch article `document` with the index (through `store`, as `view` shows it) and
    /// with the batch's articles registered before it.
    /// - Parameter excluding: A stored article never to report (the article itself, when checking
    ///   an article that is already indexed).
    mutating func answer(for document: Int, store: IndexStore, view: BandView, excluding: Int64?) throws -> IndexAnswer
    {
        let threshold = engine.options.threshold
        // (key, paragraph) of every probe, sorted: a hit's paragraphs are a binary search away.
        var probes: [(key: Int64, paragraph: Int32)] = []
        for (paragraph, keys) in paragraphKeys(of: document) {
            for key in keys { probes.append((key, Int32(paragraph))) }
        }
        probes.sort { $0.key < $1.key || ($0.key == $1.key && $0.paragraph < $1.paragraph) }
        var probeKeys: [Int64] = []
        for (key, _) in probes where probeKeys.last != key { probeKeys.append(key) }
        var candidatePairs = Set<UInt64>()
        func propose(_ key: Int64, _ other: Int) {
            var (lower, upper) = (0, probes.count)
            while lower < upper {
                let middle = (lower + upper) / 2
                if probes[middle].key < key { lower = middle + 1 } else { upper = middle }
            }
            while lower < probes.count && probes[lower].key == key {
                candidatePairs.insert(UInt64(UInt32(probes[lower].paragraph)) << 32 | UInt64(UInt32(other)))
                lower += 1
            }
        }
        var linkedDocuments = Set<Int>()
        let wholeKeys = documentKeys(of: document)
        // Paragraph keys sort before whole-text keys (kind 1), so the two lists join in order.
        let keys = probeKeys + wholeKeys.sorted()
        for (key, reference) in try store.hits(keys: keys, view: view, bands: corpus.bandCount, path: path) {
            if IndexSchema.isDocumentKey(key) {
                guard reference != excluding, let other = try workspaceDocument(number: reference, store: store) else {
                    continue
                }
                linkedDocuments.insert(other)
            } else {
                let (number, ordinal) = IndexSchema.split(paragraphReference: reference)
                guard number != excluding, let other = try workspaceDocument(number: number, store: store) else {
                    continue
                }
                propose(key, corpus.paragraphs(ofDocument: other).lowerBound + ordinal)
            }
        }
        for key in probeKeys {
            for other in batchParagraphKeys[key] ?? [] { propose(key, Int(other)) }
        }
        for key in wholeKeys {
            for other in batchDocumentKeys[key] ?? [] { linkedDocuments.insert(Int(other)) }
        }

        // Exact verification; per other document, each paragraph's best partner and the other's covered paragraphs.
        var best: [Int: [Int: (partner: Int, overlap: SetOverlap)]] = [:]
        var coveredOther: [Int: Set<Int>] = [:]
        for pair in candidatePairs.sorted() {
            let (paragraph, other) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            let overlap = SetOverlap(sorted: paragraphSet(paragraph), paragraphSet(other))
            guard overlap.jaccard >= threshold else { continue }
            let otherDocument = Int(corpus.paragraphDocuments[other])
            linkedDocuments.insert(otherDocument)
            coveredOther[otherDocument, default: []].insert(other)
            if let current = best[otherDocument]?[paragraph],
                current.overlap.jaccard > overlap.jaccard
                    || (current.overlap.jaccard == overlap.jaccard && current.partner < other)
            {
                continue
            }
            best[otherDocument, default: [:]][paragraph] = (other, overlap)
        }

        var matches: [IndexMatch] = []
        for other in linkedDocuments.sorted() {
            let evidence = best[other] ?? [:]
            let jaccard = SetOverlap(sorted: documentSet(document), documentSet(other)).jaccard
            if evidence.isEmpty && jaccard < threshold { continue }
            matches.append(
                match(document, other, evidence: evidence, covered: coveredOther[other] ?? [], jaccard: jaccard))
        }
        matches.sort(by: Self.isStronger)
        return IndexAnswer(
            id: documents[document].id, paragraphCount: corpus.paragraphs(ofDocument: document).count,
            contentWords: contentWords[document], matches: matches, isAdded: false)
    }

    private func match(
        _ document: Int, _ other: Int, evidence: [Int: (partner: Int, overlap: SetOverlap)], covered: Set<Int>,
        jaccard: Double
    ) -> IndexMatch {
        let coveredWords = evidence.keys.reduce(0) { $0 + Int(corpus.wordCounts[$1]) }
        let otherWords = covered.reduce(0) { $0 + Int(corpus.wordCounts[$1]) }
        let coverage = Relation.share(coveredWords, of: contentWords[document])
        let storedCoverage = Relation.share(otherWords, of: contentWords[other])
        let start = corpus.paragraphs(ofDocument: document).lowerBound
        let otherStart = corpus.paragraphs(ofDocument: other).lowerBound
        let paragraphs = evidence.keys.sorted().map { paragraph in
            let (partner, overlap) = evidence[paragraph]!
            return IndexParagraphMatch(
                paragraph: paragraph - start, storedParagraph: partner - otherStart, jaccard: overlap.jaccard,
                containment: overlap.firstContainment, storedContainment: overlap.secondContainment)
        }
        let source = documents[other]
        return IndexMatch(
            id: source.id, published: source.published, added: stored[other]?.added ?? now, source: source.source,
            relation: Relation(
                copyCoverage: coverage, sourceCoverage: storedCoverage, jaccard: jaccard,
                thresholds: engine.options.relations),
            coverage: coverage, storedCoverage: storedCoverage, jaccard: jaccard, paragraphs: paragraphs)
    }

    /// `duplicate` before `copy` before `partial`; then the larger of coverage and Jaccard; then oldest.
    private static func isStronger(_ a: IndexMatch, _ b: IndexMatch) -> Bool {
        let order: [Relation: Int] = [.duplicate: 0, .copy: 1, .partial: 2]
        if a.relation != b.relation { return order[a.relation]! < order[b.relation]! }
        let (scoreA, scoreB) = (max(a.coverage, a.jaccard), max(b.coverage, b.jaccard))
        if scoreA != scoreB { return scoreA > scoreB }
        if a.added != b.added { return a.added < b.added }
        return a.id < b.id
    }

    /// Makes batch article `document` visible to the batch's later articles (it is being added).
    mutating func register(_ document: Int) {
        for (paragraph, keys) in paragraphKeys(of: document) {
            for key in keys { batchParagraphKeys[key, default: []].append(Int32(paragraph)) }
        }
        for key in documentKeys(of: document) { batchDocumentKeys[key, default: []].append(Int32(document)) }
    }

    // MARK: - Stored articles and shingle sets

    /// The workspace index of stored article `number`, reading it on first use; `nil` if it is gone.
    private mutating func workspaceDocument(number: Int64, store: IndexStore) throws -> Int? {
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
        for paragraph in article.layout {
            corpus.paragraphDocuments.append(Int32(index))
            corpus.byteRanges.append(paragraph.byteRange)
            corpus.wordCounts.append(Int32(paragraph.wordCount))
            corpus.textHashes.append(0)
            corpus.patternReasons.append(paragraph.reason)
            corpus.keyRows.append(-1)
        }
        corpus.documentParagraphStarts.append(corpus.paragraphCount)
        workspaceOfNumber[number] = index
        return index
    }

    /// The sorted, distinct shingle hashes of a paragraph.
    private mutating func paragraphSet(_ paragraph: Int) -> [UInt64] {
        if let set = paragraphSets[paragraph] { return set }
        var set: [UInt64] = []
        var shingler = ParagraphShingler(documents: documents, corpus: corpus, kind: engine.options.shingle)
        shingler.appendShingles(ofParagraph: paragraph, to: &set)
        _ = sortAndUnique(&set, from: 0)
        paragraphSets[paragraph] = set
        return set
    }

    /// The whole-text set of a document: its paragraphs that are not boilerplate, like the batch
    /// engine's `inDocumentSet` (the index never applies the cross-document `recurring` rule).
    /// Shingles do not cross paragraphs, so the paragraphs already verified give theirs.
    private mutating func documentSet(_ document: Int) -> [UInt64] {
        if let set = documentSets[document] { return set }
        var set: [UInt64] = []
        var shingler = ParagraphShingler(documents: documents, corpus: corpus, kind: engine.options.shingle)
        for paragraph in corpus.paragraphs(ofDocument: document) where corpus.patternReasons[paragraph] == nil {
            if let known = paragraphSets[paragraph] {
                set += known
            } else {
                shingler.appendShingles(ofParagraph: paragraph, to: &set)
            }
        }
        _ = sortAndUnique(&set, from: 0)
        documentSets[document] = set
        return set
    }
}
