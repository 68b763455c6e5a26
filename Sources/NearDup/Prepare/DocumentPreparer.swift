/// Runs the per-document stage over a range of documents with its own scratch buffers: split →
/// normalize → in-document boilerplate → shingle → sign → band keys, into a ``PreparedCorpus``.
package struct DocumentPreparer {
    let options: NearDupOptions
    let layout: BandLayout
    let hasher: MinHasher
    private let splitter: ParagraphSplitter
    private let shingler: Shingler
    /// The rewrite view's shingler (`RewriteSampling`).
    private let rewriteShingler: Shingler
    /// The current paragraph's rewrite-view 3-gram hashes.
    private var trigrams: [UInt64] = []
    private let rules = BoilerplateRules()
    private var normalizer = TextNormalizer()
    private var spans: [Range<Int>] = []
    /// The current document's shingle hashes, paragraph `i` at `shingleStarts[i]..<shingleStarts[i + 1]`.
    private var shingles: [UInt64] = []
    private var shingleStarts: [Int] = []
    private var signature: [UInt32]
    /// The current document's whole-text signature: the slot-wise minimum of its signed paragraphs'.
    private var documentSignature: [UInt32]
    private var hasDocumentSignature = false

    package init(options: NearDupOptions, layout: BandLayout, hasher: MinHasher) {
        self.options = options
        self.layout = layout
        self.hasher = hasher
        splitter = ParagraphSplitter(mode: options.paragraphSplitting)
        shingler = Shingler(kind: options.shingle, seed: SignatureFormat.shingleSeed)
        rewriteShingler = Shingler(kind: RewriteSampling.shingle, seed: SignatureFormat.shingleSeed)
        signature = [UInt32](repeating: 0, count: layout.permutationCount)
        documentSignature = signature
    }

    /// Prepares `documents[range]`.
    package mutating func prepare(_ documents: [Document], range: Range<Int>) -> PreparedCorpus {
        var chunk = PreparedCorpus(bandCount: layout.bandCount)
        for index in range {
            documents[index].withTextUTF8 { utf8 in
                prepareDocument(index, utf8: utf8, into: &chunk)
                chunk.endDocument(
                    fingerprint: XXH3.hash(UnsafeRawBufferPointer(utf8), seed: IdenticalDocuments.fingerprintSeed),
                    wholeTextSignature: hasDocumentSignature ? documentSignature : nil, layout: layout)
            }
        }
        return chunk
    }

    private mutating func prepareDocument(
        _ document: Int, utf8: UnsafeBufferPointer<UInt8>, into chunk: inout PreparedCorpus
    ) {
        spans.removeAll(keepingCapacity: true)
        shingles.removeAll(keepingCapacity: true)
        shingleStarts.removeAll(keepingCapacity: true)
        shingleStarts.append(0)
        splitter.split(utf8, into: &spans)
        var lines: [BoilerplateRules.Line] = []
        lines.reserveCapacity(spans.count)
        for span in spans {
            // Safety: the splitter's spans lie within `utf8`, which outlives this loop.
            normalizer.normalize(UnsafeBufferPointer(rebasing: utf8[span]))
            let textHash = normalizer.bytes.withUnsafeBytes { XXH3.hash($0, seed: SignatureFormat.textSeed) }
            let words =
                BoilerplateRules.mayApply(toWordCount: normalizer.wordCount, normalized: normalizer.bytes)
                ? wordsOfNormalizedText() : []
            lines.append(
                BoilerplateRules.Line(
                    words: words, wordCount: normalizer.wordCount, original: UnsafeBufferPointer(rebasing: utf8[span]),
                    textHash: textHash))
            trigrams.removeAll(keepingCapacity: true)
            if options.rewrite.isEnabled { rewriteShingler.appendShingleHashes(of: normalizer, to: &trigrams) }
            chunk.appendParagraph(
                document: document, byteRange: span, wordCount: normalizer.wordCount, textHash: textHash,
                rewriteSamples: trigrams.lazy.filter(RewriteSampling.isSample))
            shingler.appendShingleHashes(of: normalizer, to: &shingles)
            shingleStarts.append(shingles.count)
        }
        let reasons = options.boilerplate.isEnabled ? rules.classify(lines) : Array(repeating: nil, count: lines.count)
        chunk.appendPatternReasons(reasons)
        appendSignatures(reasons: reasons, into: &chunk)
    }

    /// Signs the current document's paragraphs that `reasons` leaves unflagged, and the document
    /// (``documentSignature``, when ``hasDocumentSignature``).
    private mutating func appendSignatures(reasons: [BoilerplateReason?], into chunk: inout PreparedCorpus) {
        let k = layout.permutationCount
        hasDocumentSignature = false
        documentSignature.withUnsafeMutableBufferPointer { $0.initialize(repeating: .max) }
        for offset in reasons.indices {
            let range = shingleStarts[offset]..<shingleStarts[offset + 1]
            guard reasons[offset] == nil, !range.isEmpty else {
                chunk.appendUnsigned()
                continue
            }
            // Safety: `range` lies within `shingles` (its bounds come from `shingleStarts`), and
            // `signature` and `documentSignature` both hold `k` slots.
            shingles.withUnsafeBufferPointer { all in
                signature.withUnsafeMutableBufferPointer { signature in
                    hasher.sign(UnsafeBufferPointer(rebasing: all[range]), into: signature)
                    documentSignature.withUnsafeMutableBufferPointer { document in
                        for slot in 0..<k { document[slot] = min(document[slot], signature[slot]) }
                    }
                }
            }
            hasDocumentSignature = true
            chunk.appendSignature(signature, layout: layout)
        }
    }

    /// The normalized words, cut at the normalizer's word bounds (UTF-8 offsets of one string)
    /// rather than by splitting the string character by character.
    private func wordsOfNormalizedText() -> [Substring] {
        let text = String(decoding: normalizer.bytes, as: UTF8.self)
        let utf8 = text.utf8
        return zip(normalizer.wordStarts, normalizer.wordEnds).map { start, end in
            text[utf8.index(utf8.startIndex, offsetBy: Int(start))..<utf8.index(utf8.startIndex, offsetBy: Int(end))]
        }
    }
}
