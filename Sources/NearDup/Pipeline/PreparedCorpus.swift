import CNearDupKernels

/// The flat, per-paragraph result of the per-document stage (split → normalize → classify →
/// shingle → sign → band keys), for all documents, in document then paragraph order.
///
/// `package` so that the incremental index (`NearDupIndex`) stores exactly what the batch engine
/// computes, from the same code.
///
/// Structure of arrays, one entry per paragraph. Shingle sets are not kept: the few paragraphs that
/// exact verification needs are shingled again (`ShingleSets`). A paragraph with a signature owns
/// the band keys `bandKeys[r * bandCount..<(r + 1) * bandCount]` for `r = keyRows[p]`.
package struct PreparedCorpus: Sendable {
    package var bandCount: Int
    /// First paragraph of each document; one extra entry closes the last document.
    package var documentParagraphStarts: [Int] = [0]
    package var paragraphDocuments: [Int32] = []
    package var byteRanges: [Range<Int>] = []
    package var wordCounts: [Int32] = []
    package var textHashes: [UInt64] = []
    /// In-document boilerplate reason, or `nil`.
    package var patternReasons: [BoilerplateReason?] = []
    /// Row of each paragraph's band keys, or -1 when it has no signature (boilerplate or no words).
    package var keyRows: [Int32] = []
    /// LSH keys of the signed paragraphs' signatures, `bandCount` per row, each the low 32 bits of
    /// the format's 64-bit band key (see `CandidateFinder`).
    package var bandKeys: [UInt32] = []
    /// LSH keys of each document's whole-text signature (the slot-wise minimum of its
    /// non-boilerplate paragraphs' signatures).
    package var documentBandKeys: [UInt32] = []
    package var documentHasSignature: [Bool] = []
    /// XXH3 of each document's whole UTF-8 text (``IdenticalDocuments/fingerprintSeed``), so that
    /// byte-identical documents are found without reading their text again.
    package var documentFingerprints: [UInt64] = []

    /// An empty corpus whose band-key rows hold `bandCount` keys.
    package init(bandCount: Int) {
        self.bandCount = bandCount
    }

    package var paragraphCount: Int { paragraphDocuments.count }
    package var documentCount: Int { documentParagraphStarts.count - 1 }

    package func paragraphs(ofDocument document: Int) -> Range<Int> {
        documentParagraphStarts[document]..<documentParagraphStarts[document + 1]
    }

    /// The band keys of a signed paragraph.
    package func bandKeys(ofParagraph paragraph: Int) -> ArraySlice<UInt32> {
        let row = Int(keyRows[paragraph])
        return bandKeys[(row * bandCount)..<((row + 1) * bandCount)]
    }

    /// Whether a paragraph is matched on its own: not boilerplate by the in-document rules, and at
    /// least `minimumWords` words long (so it has shingles).
    package func isMatchable(_ paragraph: Int, minimumWords: Int) -> Bool {
        patternReasons[paragraph] == nil && Int(wordCounts[paragraph]) >= minimumWords
    }

    /// `chunks`, consecutive runs of documents, joined into one corpus, leaving `chunks` empty.
    ///
    /// Every field is reserved at its final size first, then each chunk is appended and freed in
    /// turn, its pages given back to the system every `releaseInterval` bytes, so the join needs
    /// little more memory than the corpus itself rather than twice as much.
    /// - Complexity: O(*n*) in the chunks' total size.
    init(joining chunks: inout [PreparedCorpus], bandCount: Int) {
        self.bandCount = bandCount
        reserveCapacity(joining: chunks)
        var paragraphBase = 0
        var rowBase: Int32 = 0
        var bytesSinceRelease = 0
        for index in chunks.indices {
            let chunk = chunks[index]
            chunks[index] = PreparedCorpus(bandCount: bandCount)
            documentParagraphStarts.append(
                contentsOf: chunk.documentParagraphStarts.dropFirst().lazy.map { $0 + paragraphBase })
            keyRows.append(contentsOf: chunk.keyRows.lazy.map { $0 < 0 ? $0 : $0 + rowBase })
            paragraphDocuments.append(contentsOf: chunk.paragraphDocuments)
            byteRanges.append(contentsOf: chunk.byteRanges)
            wordCounts.append(contentsOf: chunk.wordCounts)
            textHashes.append(contentsOf: chunk.textHashes)
            patternReasons.append(contentsOf: chunk.patternReasons)
            bandKeys.append(contentsOf: chunk.bandKeys)
            documentBandKeys.append(contentsOf: chunk.documentBandKeys)
            documentHasSignature.append(contentsOf: chunk.documentHasSignature)
            documentFingerprints.append(contentsOf: chunk.documentFingerprints)
            paragraphBase += chunk.paragraphCount
            rowBase += Int32(chunk.bandKeys.count / bandCount)
            bytesSinceRelease += chunk.paragraphCount * Self.bytesPerParagraph + chunk.bandKeys.count * 4
            if bytesSinceRelease >= Self.releaseInterval {
                bytesSinceRelease = 0
                neardup_release_free_memory()
            }
        }
    }

    /// How many bytes of joined chunks are freed between two hand-backs of free pages.
    private static let releaseInterval = 32 << 20
    /// The bytes of the per-paragraph fields other than band keys, roughly.
    private static let bytesPerParagraph = 40

    private mutating func reserveCapacity(joining chunks: [PreparedCorpus]) {
        func total(_ count: (PreparedCorpus) -> Int) -> Int { chunks.reduce(0) { $0 + count($1) } }
        let paragraphs = total(\.paragraphCount)
        documentParagraphStarts.reserveCapacity(1 + total(\.documentCount))
        keyRows.reserveCapacity(paragraphs)
        paragraphDocuments.reserveCapacity(paragraphs)
        byteRanges.reserveCapacity(paragraphs)
        wordCounts.reserveCapacity(paragraphs)
        textHashes.reserveCapacity(paragraphs)
        patternReasons.reserveCapacity(paragraphs)
        bandKeys.reserveCapacity(total(\.bandKeys.count))
        documentBandKeys.reserveCapacity(total(\.documentBandKeys.count))
        documentHasSignature.reserveCapacity(total(\.documentHasSignature.count))
        documentFingerprints.reserveCapacity(total(\.documentFingerprints.count))
    }
}

/// Runs the per-document stage over a range of documents with its own scratch buffers.
package struct DocumentPreparer {
    let options: NearDupOptions
    let layout: BandLayout
    let hasher: MinHasher
    private let splitter: ParagraphSplitter
    private let shingler: Shingler
    private let rules = BoilerplateRules()
    private var normalizer = TextNormalizer()
    private var spans: [Range<Int>] = []
    /// The current document's shingle hashes, paragraph `i` at `shingleStarts[i]..<shingleStarts[i + 1]`.
    private var shingles: [UInt64] = []
    private var shingleStarts: [Int] = []
    private var signature: [UInt32]
    private var documentSignature: [UInt32]

    package init(options: NearDupOptions, layout: BandLayout, hasher: MinHasher) {
        self.options = options
        self.layout = layout
        self.hasher = hasher
        splitter = ParagraphSplitter(mode: options.paragraphSplitting)
        shingler = Shingler(kind: options.shingle, seed: SignatureFormat.shingleSeed)
        signature = [UInt32](repeating: 0, count: layout.permutationCount)
        documentSignature = signature
    }

    /// Prepares `documents[range]`.
    package mutating func prepare(_ documents: [Document], range: Range<Int>) -> PreparedCorpus {
        var chunk = PreparedCorpus(bandCount: layout.bandCount)
        for index in range {
            documents[index].withTextUTF8 { utf8 in
                chunk.documentFingerprints.append(
                    XXH3.hash(UnsafeRawBufferPointer(utf8), seed: IdenticalDocuments.fingerprintSeed))
                prepareDocument(index, utf8: utf8, into: &chunk)
            }
            chunk.documentParagraphStarts.append(chunk.paragraphCount)
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
            shingler.appendShingleHashes(of: normalizer, to: &shingles)
            shingleStarts.append(shingles.count)
        }
        let reasons = options.boilerplate.isEnabled ? rules.classify(lines) : Array(repeating: nil, count: lines.count)
        chunk.patternReasons.append(contentsOf: reasons)
        appendSignatures(reasons: reasons, into: &chunk)
    }

    /// Signs the current document's paragraphs that `reasons` leaves unflagged, and the document.
    private mutating func appendSignatures(reasons: [BoilerplateReason?], into chunk: inout PreparedCorpus) {
        let k = layout.permutationCount
        var hasDocumentSignature = false
        documentSignature.withUnsafeMutableBufferPointer { $0.initialize(repeating: .max) }
        for offset in reasons.indices {
            let range = shingleStarts[offset]..<shingleStarts[offset + 1]
            guard reasons[offset] == nil, !range.isEmpty else {
                chunk.keyRows.append(-1)
                continue
            }
            shingles.withUnsafeBufferPointer { all in
                signature.withUnsafeMutableBufferPointer { signature in
                    hasher.sign(UnsafeBufferPointer(rebasing: all[range]), into: signature)
                    documentSignature.withUnsafeMutableBufferPointer { document in
                        for slot in 0..<k { document[slot] = min(document[slot], signature[slot]) }
                    }
                }
            }
            hasDocumentSignature = true
            chunk.keyRows.append(Int32(chunk.bandKeys.count / layout.bandCount))
            appendBandKeys(of: signature, to: &chunk.bandKeys)
        }
        chunk.documentHasSignature.append(hasDocumentSignature)
        if hasDocumentSignature {
            appendBandKeys(of: documentSignature, to: &chunk.documentBandKeys)
        } else {
            chunk.documentBandKeys.append(contentsOf: repeatElement(0, count: layout.bandCount))
        }
    }

    private func appendBandKeys(of signature: [UInt32], to keys: inout [UInt32]) {
        signature.withUnsafeBytes { raw in
            for band in 0..<layout.bandCount {
                let slots = layout.slots(ofBand: band)
                let key = XXH3.hash(raw.baseAddress! + slots.lowerBound * 4, count: slots.count * 4, seed: UInt64(band))
                keys.append(UInt32(truncatingIfNeeded: key))
            }
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

    /// `•` (E2 80 A2), `–` (E2 80 93) and `—` (E2 80 94) open list items too.
    private func startsWithBulletDash(_ utf8: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> Bool {
        guard span.count >= 3, utf8[span.lowerBound] == 0xE2, utf8[span.lowerBound + 1] == 0x80 else { return false }
        return [0xA2, 0x93, 0x94].contains(utf8[span.lowerBound + 2])
    }
}
