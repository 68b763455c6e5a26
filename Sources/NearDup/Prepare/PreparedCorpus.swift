/// The flat, per-paragraph result of the per-document stage (split → normalize → classify →
/// shingle → sign → band keys), for all documents, in document then paragraph order.
///
/// `package` so that the incremental index (`NearDupIndex`) stores exactly what the batch engine
/// computes, from the same code; it reads the corpus through the `package` readers below and adds
/// its stored articles with ``appendStored(paragraphs:)``. Its storage is the engine's alone.
///
/// Structure of arrays, one entry per paragraph. Shingle sets are not kept: the few paragraphs that
/// exact verification needs are shingled again (`ShingleSets`). A paragraph with a signature owns
/// the band keys `bandKeys[r * bandCount..<(r + 1) * bandCount]` for `r = keyRows[p]`.
package struct PreparedCorpus: Sendable {
    package let bandCount: Int
    /// First paragraph of each document; one extra entry closes the last document.
    private(set) var documentParagraphStarts: [Int] = [0]
    private(set) var paragraphDocuments: [Int32] = []
    private(set) var byteRanges: [Range<Int>] = []
    private(set) var wordCounts: [Int32] = []
    /// XXH3 of each paragraph's normalized text (``SignatureFormat/textSeed``); 0 for a stored
    /// article's, which exact grouping never sees.
    private(set) var textHashes: [UInt64] = []
    /// In-document boilerplate reason, or `nil`.
    private(set) var patternReasons: [BoilerplateReason?] = []
    /// Row of each paragraph's band keys, or -1 when it has no signature (boilerplate or no words,
    /// or a stored article's paragraph, whose keys stay in the index).
    private(set) var keyRows: [Int32] = []
    /// LSH key values (``BandKey/value``) of the signed paragraphs' signatures, `bandCount` per row.
    private(set) var bandKeys: [UInt32] = []
    /// LSH keys of each prepared document's whole-text signature (the slot-wise minimum of its
    /// non-boilerplate paragraphs' signatures); zeros for a document without one.
    private(set) var documentBandKeys: [UInt32] = []
    /// The sampled word 3-gram hashes of each paragraph (`RewriteSampling`), paragraph `p` at
    /// `rewriteSampleStarts[p]..<rewriteSampleStarts[p + 1]`; none for a stored article's.
    private(set) var rewriteSamples: [UInt64] = []
    private(set) var rewriteSampleStarts: [Int] = [0]
    /// Whether each prepared document has a whole-text signature.
    private(set) var documentHasSignature: [Bool] = []
    /// XXH3 of each prepared document's whole UTF-8 text (``IdenticalDocuments/fingerprintSeed``),
    /// so that byte-identical documents are found without reading their text again.
    package private(set) var documentFingerprints: [UInt64] = []

    /// An empty corpus whose band-key rows hold `bandCount` keys.
    package init(bandCount: Int) {
        self.bandCount = bandCount
    }

    package var paragraphCount: Int { paragraphDocuments.count }
    package var documentCount: Int { documentParagraphStarts.count - 1 }

    /// The paragraphs of `document`, in reading order.
    package func paragraphs(ofDocument document: Int) -> Range<Int> {
        documentParagraphStarts[document]..<documentParagraphStarts[document + 1]
    }

    /// The document that `paragraph` belongs to.
    package func document(ofParagraph paragraph: Int) -> Int { Int(paragraphDocuments[paragraph]) }

    /// The UTF-8 byte range of `paragraph` in its document's text.
    package func byteRange(ofParagraph paragraph: Int) -> Range<Int> { byteRanges[paragraph] }

    /// The normalized words of `paragraph`.
    package func wordCount(ofParagraph paragraph: Int) -> Int { Int(wordCounts[paragraph]) }

    /// The in-document boilerplate reason of `paragraph`, or `nil`.
    package func patternReason(ofParagraph paragraph: Int) -> BoilerplateReason? { patternReasons[paragraph] }

    /// The band key values of a signed paragraph, band by band.
    package func bandKeys(ofParagraph paragraph: Int) -> ArraySlice<UInt32> {
        let row = Int(keyRows[paragraph])
        return bandKeys[(row * bandCount)..<((row + 1) * bandCount)]
    }

    /// The key value of a signed paragraph's band `band`.
    package func bandKey(ofParagraph paragraph: Int, band: Int) -> UInt32 {
        bandKeys[Int(keyRows[paragraph]) * bandCount + band]
    }

    /// Whether prepared document `document` has a whole-text signature.
    package func hasSignature(document: Int) -> Bool { documentHasSignature[document] }

    /// The band key values of a prepared document's whole-text signature, band by band, or `nil`
    /// when it has none.
    package func bandKeys(ofDocument document: Int) -> ArraySlice<UInt32>? {
        documentHasSignature[document] ? documentBandKeys[(document * bandCount)..<((document + 1) * bandCount)] : nil
    }

    /// The key value of a signed document's whole-text band `band`.
    package func bandKey(ofDocument document: Int, band: Int) -> UInt32 {
        documentBandKeys[document * bandCount + band]
    }

    /// The number of sampled word 3-gram hashes of all paragraphs, repeats included.
    var rewriteSampleCount: Int { rewriteSamples.count }

    /// The sampled word 3-gram hashes of `paragraph` (`RewriteSampling`).
    package func rewriteSamples(ofParagraph paragraph: Int) -> ArraySlice<UInt64> {
        rewriteSamples[rewriteSampleStarts[paragraph]..<rewriteSampleStarts[paragraph + 1]]
    }

    /// Whether a paragraph is matched on its own: not boilerplate by the in-document rules, and at
    /// least `minimumWords` words long (so it has shingles).
    package func isMatchable(_ paragraph: Int, minimumWords: Int) -> Bool {
        patternReasons[paragraph] == nil && Int(wordCounts[paragraph]) >= minimumWords
    }

    /// `chunks`, consecutive runs of documents, joined into one corpus, leaving `chunks` empty.
    ///
    /// Every field is reserved at its final size first, then each chunk is appended and freed in
    /// turn, its pages given back to the system every `releaseInterval` bytes when `memoryRelease`
    /// is enabled, so the join needs little more memory than the corpus itself rather than twice as much.
    /// - Complexity: O(*n*) in the chunks' total size.
    init(joining chunks: inout [PreparedCorpus], bandCount: Int, memoryRelease: MemoryRelease) {
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
            let sampleBase = rewriteSamples.count
            rewriteSampleStarts.append(contentsOf: chunk.rewriteSampleStarts.dropFirst().lazy.map { $0 + sampleBase })
            rewriteSamples.append(contentsOf: chunk.rewriteSamples)
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
            bytesSinceRelease +=
                chunk.paragraphCount * Self.bytesPerParagraph + chunk.bandKeys.count * 4 + chunk.rewriteSamples.count
                * 8
            if bytesSinceRelease >= Self.releaseInterval {
                bytesSinceRelease = 0
                memoryRelease()
            }
        }
    }

    // MARK: - Building

    /// Appends a paragraph of the document being prepared (``endDocument(fingerprint:wholeTextSignature:layout:)``
    /// closes it); ``appendSignature(_:layout:)`` or ``appendUnsigned()`` follows for each, in order.
    mutating func appendParagraph(
        document: Int, byteRange: Range<Int>, wordCount: Int, textHash: UInt64,
        rewriteSamples samples: some Sequence<UInt64> = EmptyCollection()
    ) {
        rewriteSamples.append(contentsOf: samples)
        rewriteSampleStarts.append(rewriteSamples.count)
        paragraphDocuments.append(Int32(document))
        byteRanges.append(byteRange)
        wordCounts.append(Int32(wordCount))
        textHashes.append(textHash)
    }

    /// Sets the in-document boilerplate reasons of the paragraphs appended last, one per paragraph.
    mutating func appendPatternReasons(_ reasons: [BoilerplateReason?]) {
        patternReasons.append(contentsOf: reasons)
    }

    /// Gives the next paragraph the band keys of `signature`.
    mutating func appendSignature(_ signature: [UInt32], layout: BandLayout) {
        keyRows.append(Int32(bandKeys.count / bandCount))
        BandKey.appendValues(of: signature, layout: layout, to: &bandKeys)
    }

    /// Marks the next paragraph as having no signature.
    mutating func appendUnsigned() { keyRows.append(-1) }

    /// Closes the document being prepared: its text's fingerprint and its whole-text signature,
    /// if it has one.
    mutating func endDocument(fingerprint: UInt64, wholeTextSignature: [UInt32]?, layout: BandLayout) {
        documentFingerprints.append(fingerprint)
        documentHasSignature.append(wholeTextSignature != nil)
        if let wholeTextSignature {
            BandKey.appendValues(of: wholeTextSignature, layout: layout, to: &documentBandKeys)
        } else {
            documentBandKeys.append(contentsOf: repeatElement(0, count: bandCount))
        }
        documentParagraphStarts.append(paragraphCount)
    }

    /// Appends a stored document: its paragraphs' places, lengths and in-document boilerplate
    /// reasons as they were prepared, without band keys or text hashes (its keys stay in the index,
    /// and exact grouping never sees it). It has no whole-text signature here.
    /// - Complexity: O(*p*) for *p* paragraphs.
    package mutating func appendStored(
        paragraphs: some Sequence<(byteRange: Range<Int>, wordCount: Int, reason: BoilerplateReason?)>
    ) {
        let document = documentCount
        for paragraph in paragraphs {
            appendParagraph(
                document: document, byteRange: paragraph.byteRange, wordCount: paragraph.wordCount, textHash: 0)
            patternReasons.append(paragraph.reason)
            appendUnsigned()
        }
        documentParagraphStarts.append(paragraphCount)
    }

    /// Frees the paragraphs' band keys, which nothing reads after LSH matching.
    mutating func releaseParagraphBandKeys() { bandKeys = [] }

    /// How many bytes of joined chunks are freed between two hand-backs of free pages.
    private static let releaseInterval = 32 << 20
    /// The bytes of the per-paragraph fields other than band keys, roughly.
    private static let bytesPerParagraph = 40

    private mutating func reserveCapacity(joining chunks: [PreparedCorpus]) {
        func total(_ count: (PreparedCorpus) -> Int) -> Int { chunks.reduce(0) { $0 + count($1) } }
        let paragraphs = total(\.paragraphCount)
        documentParagraphStarts.reserveCapacity(1 + total(\.documentCount))
        keyRows.reserveCapacity(paragraphs)
        rewriteSampleStarts.reserveCapacity(1 + paragraphs)
        rewriteSamples.reserveCapacity(total(\.rewriteSamples.count))
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
