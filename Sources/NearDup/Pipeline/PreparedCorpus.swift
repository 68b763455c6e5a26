/// The flat, per-paragraph result of the per-document stage (split → normalize → classify →
/// shingle → sign → band keys), for all documents, in document then paragraph order.
///
/// Structure of arrays: paragraph `p` owns `shingles[shingleStarts[p]..<shingleStarts[p + 1]]`
/// (sorted, distinct) and `bandKeys[p * bandCount..<(p + 1) * bandCount]`.
struct PreparedCorpus: Sendable {
    var bandCount: Int
    /// First paragraph of each document; one extra entry closes the last document.
    var documentParagraphStarts: [Int] = [0]
    var paragraphDocuments: [Int32] = []
    var byteRanges: [Range<Int>] = []
    var wordCounts: [Int32] = []
    var textHashes: [UInt64] = []
    /// In-document boilerplate reason, or `nil`.
    var patternReasons: [BoilerplateReason?] = []
    var shingleStarts: [Int] = [0]
    var shingles: [UInt64] = []
    /// LSH keys of every paragraph's signature (zero for paragraphs without one).
    var bandKeys: [UInt64] = []
    /// LSH keys of each document's whole-text signature (the slot-wise minimum of its
    /// non-boilerplate paragraphs' signatures).
    var documentBandKeys: [UInt64] = []
    var documentHasSignature: [Bool] = []

    var paragraphCount: Int { paragraphDocuments.count }
    var documentCount: Int { documentParagraphStarts.count - 1 }

    func paragraphs(ofDocument document: Int) -> Range<Int> {
        documentParagraphStarts[document]..<documentParagraphStarts[document + 1]
    }

    func shingleRange(ofParagraph paragraph: Int) -> Range<Int> {
        shingleStarts[paragraph]..<shingleStarts[paragraph + 1]
    }

    /// Whether a paragraph is matched on its own: not boilerplate by the in-document rules, and at
    /// least `minimumWords` words long (so it has shingles).
    func isMatchable(_ paragraph: Int, minimumWords: Int) -> Bool {
        patternReasons[paragraph] == nil && Int(wordCounts[paragraph]) >= minimumWords
    }

    /// The sorted, distinct union of the shingles of a document's paragraphs that `include` accepts.
    /// - Complexity: O(*s* log *s*) for *s* shingles.
    func wholeTextShingles(ofDocument document: Int, including include: (Int) -> Bool) -> [UInt64] {
        var union: [UInt64] = []
        for paragraph in paragraphs(ofDocument: document) where include(paragraph) {
            union.append(contentsOf: shingles[shingleRange(ofParagraph: paragraph)])
        }
        _ = sortAndUnique(&union, from: 0)
        return union
    }

    /// Appends `chunk`, a later run of documents.
    mutating func append(_ chunk: PreparedCorpus) {
        let paragraphBase = paragraphCount
        let shingleBase = shingles.count
        documentParagraphStarts.append(contentsOf: chunk.documentParagraphStarts.dropFirst().map { $0 + paragraphBase })
        paragraphDocuments.append(contentsOf: chunk.paragraphDocuments)
        byteRanges.append(contentsOf: chunk.byteRanges)
        wordCounts.append(contentsOf: chunk.wordCounts)
        textHashes.append(contentsOf: chunk.textHashes)
        patternReasons.append(contentsOf: chunk.patternReasons)
        shingleStarts.append(contentsOf: chunk.shingleStarts.dropFirst().map { $0 + shingleBase })
        shingles.append(contentsOf: chunk.shingles)
        bandKeys.append(contentsOf: chunk.bandKeys)
        documentBandKeys.append(contentsOf: chunk.documentBandKeys)
        documentHasSignature.append(contentsOf: chunk.documentHasSignature)
    }
}

/// Runs the per-document stage over a range of documents with its own scratch buffers.
struct DocumentPreparer {
    let options: NearDupOptions
    let layout: BandLayout
    let hasher: MinHasher
    private let splitter: ParagraphSplitter
    private let shingler: Shingler
    private let rules = BoilerplateRules()
    private var normalizer = TextNormalizer()
    private var spans: [Range<Int>] = []
    private var signature: [UInt32]
    private var documentSignature: [UInt32]

    init(options: NearDupOptions, layout: BandLayout, hasher: MinHasher) {
        self.options = options
        self.layout = layout
        self.hasher = hasher
        splitter = ParagraphSplitter(mode: options.paragraphSplitting)
        shingler = Shingler(kind: options.shingle, seed: SignatureFormat.shingleSeed)
        signature = [UInt32](repeating: 0, count: layout.permutationCount)
        documentSignature = signature
    }

    /// Prepares `documents[range]`.
    mutating func prepare(_ documents: [Document], range: Range<Int>) -> PreparedCorpus {
        var chunk = PreparedCorpus(bandCount: layout.bandCount)
        for index in range {
            var text = documents[index].text
            text.withUTF8 { prepareDocument(index, utf8: $0, into: &chunk) }
            chunk.documentParagraphStarts.append(chunk.paragraphCount)
        }
        return chunk
    }

    private mutating func prepareDocument(
        _ document: Int, utf8: UnsafeBufferPointer<UInt8>, into chunk: inout PreparedCorpus
    ) {
        spans.removeAll(keepingCapacity: true)
        splitter.split(utf8, into: &spans)
        var lines: [BoilerplateRules.Line] = []
        lines.reserveCapacity(spans.count)
        let firstParagraph = chunk.paragraphCount
        for span in spans {
            normalizer.normalize(UnsafeBufferPointer(rebasing: utf8[span]))
            let textHash = normalizer.bytes.withUnsafeBytes { XXH3.hash($0, seed: SignatureFormat.textSeed) }
            let isListItem = [0x2D, 0x2A].contains(utf8[span.lowerBound]) || startsWithBulletDash(utf8, span)
            let words =
                BoilerplateRules.mayApply(toWordCount: normalizer.wordCount, normalized: normalizer.bytes)
                ? wordsOfNormalizedText() : []
            lines.append(
                BoilerplateRules.Line(
                    words: words, wordCount: normalizer.wordCount, isListItem: isListItem, textHash: textHash))
            chunk.paragraphDocuments.append(Int32(document))
            chunk.byteRanges.append(span)
            chunk.wordCounts.append(Int32(normalizer.wordCount))
            chunk.textHashes.append(textHash)
            _ = shingler.appendShingleHashes(of: normalizer, to: &chunk.shingles)
            chunk.shingleStarts.append(chunk.shingles.count)
        }
        let reasons = options.boilerplate.isEnabled ? rules.classify(lines) : Array(repeating: nil, count: lines.count)
        chunk.patternReasons.append(contentsOf: reasons)
        appendSignatures(paragraphs: firstParagraph..<chunk.paragraphCount, reasons: reasons, into: &chunk)
    }

    private mutating func appendSignatures(
        paragraphs: Range<Int>, reasons: [BoilerplateReason?], into chunk: inout PreparedCorpus
    ) {
        let k = layout.permutationCount
        var hasDocumentSignature = false
        documentSignature.withUnsafeMutableBufferPointer { $0.initialize(repeating: .max) }
        for (offset, paragraph) in paragraphs.enumerated() {
            let shingles = chunk.shingleRange(ofParagraph: paragraph)
            guard reasons[offset] == nil, !shingles.isEmpty else {
                chunk.bandKeys.append(contentsOf: repeatElement(0, count: layout.bandCount))
                continue
            }
            chunk.shingles.withUnsafeBufferPointer { all in
                signature.withUnsafeMutableBufferPointer {
                    hasher.sign(UnsafeBufferPointer(rebasing: all[shingles]), into: $0)
                }
            }
            for slot in 0..<k where signature[slot] < documentSignature[slot] {
                documentSignature[slot] = signature[slot]
            }
            hasDocumentSignature = true
            appendBandKeys(of: signature, to: &chunk.bandKeys)
        }
        chunk.documentHasSignature.append(hasDocumentSignature)
        if hasDocumentSignature {
            appendBandKeys(of: documentSignature, to: &chunk.documentBandKeys)
        } else {
            chunk.documentBandKeys.append(contentsOf: repeatElement(0, count: layout.bandCount))
        }
    }

    private func appendBandKeys(of signature: [UInt32], to keys: inout [UInt64]) {
        signature.withUnsafeBytes { raw in
            for band in 0..<layout.bandCount {
                let slots = layout.slots(ofBand: band)
                keys.append(
                    XXH3.hash(raw.baseAddress! + slots.lowerBound * 4, count: slots.count * 4, seed: UInt64(band)))
            }
        }
    }

    private func wordsOfNormalizedText() -> [Substring] {
        let text = String(decoding: normalizer.bytes, as: UTF8.self)
        return text.split(separator: " ")
    }

    /// `•` (E2 80 A2), `–` (E2 80 93) and `—` (E2 80 94) open list items too.
    private func startsWithBulletDash(_ utf8: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> Bool {
        guard span.count >= 3, utf8[span.lowerBound] == 0xE2, utf8[span.lowerBound + 1] == 0x80 else { return false }
        return [0xA2, 0x93, 0x94].contains(utf8[span.lowerBound + 2])
    }
}
