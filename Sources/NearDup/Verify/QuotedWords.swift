/// A paragraph's normalized words (as `TextNormalizer` makes them), each marked inside or outside
/// quotation marks, and its word 3-grams: what ``SharedQuotation`` measures.
struct QuotedWords {
    /// The hash of each word, in reading order.
    private var words: [UInt64] = []
    /// Whether each word lies inside quotation marks.
    private var isQuoted: [Bool] = []
    /// The sorted keys of the paragraph's word 3-grams.
    private var sortedTrigrams: [UInt64] = []

    /// Reads the words of `text` (UTF-8), cutting it at quotation marks. Quotation marks separate
    /// words for the normalizer too, so the words are those of the whole paragraph.
    /// - Complexity: O(*n*) in the text's length, plus sorting its 3-grams.
    init(_ text: UnsafeBufferPointer<UInt8>, normalizer: inout TextNormalizer) {
        var (double, single) = (false, false)
        var segmentStart = 0
        var index = 0
        while index < text.count {
            guard let mark = QuotationMark(text, at: index) else {
                index += 1
                continue
            }
            let wasQuoted = double || single
            switch mark.effect {
            case .straight: double.toggle()
            case .openDouble: double = true
            case .closeDouble: double = false
            case .openSingle: single = single || !Self.endsWithLetter(text, before: index)
            case .closeSingle: single = single && Self.startsWithLetter(text, at: index + mark.byteCount)
            }
            if (double || single) != wasQuoted {
                append(UnsafeBufferPointer(rebasing: text[segmentStart..<index]), quoted: wasQuoted, &normalizer)
                segmentStart = index
            }
            index += mark.byteCount
        }
        append(UnsafeBufferPointer(rebasing: text[segmentStart...]), quoted: double || single, &normalizer)
        sortedTrigrams = Self.trigrams(of: words).sorted()
    }

    /// Whether `text` (UTF-8) holds a quotation mark other than `’` (which is mostly an apostrophe,
    /// and closes only what another mark opened): `"`, `“`, `”`, `„`, `‘`, `«` or `»`.
    /// - Complexity: O(*n*).
    static func hasQuotationMark(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        (0..<text.count).contains { QuotationMark(text, at: $0).map { $0.effect != .closeSingle } ?? false }
    }

    /// For each word, whether a word 3-gram holding it is one of `other`'s.
    func sharedWords(with other: QuotedWords) -> [Bool] {
        var shared = [Bool](repeating: false, count: words.count)
        for (start, trigram) in Self.trigrams(of: words).enumerated() where other.hasTrigram(trigram) {
            for word in start..<start + 3 { shared[word] = true }
        }
        return shared
    }

    /// The share of the `shared` words that lie inside quotation marks (0 when none is shared).
    func quotedShare(of shared: [Bool]) -> Double {
        let sharedCount = shared.count { $0 }
        let quotedCount = zip(shared, isQuoted).count { $0 && $1 }
        return sharedCount == 0 ? 0 : Double(quotedCount) / Double(sharedCount)
    }

    /// The words outside the quotation marks (the framing), and how many of them are `shared`.
    func framing(_ shared: [Bool]) -> (words: Int, shared: Int) {
        (isQuoted.count { !$0 }, zip(shared, isQuoted).count { $0 && !$1 })
    }

    private func hasTrigram(_ trigram: UInt64) -> Bool {
        var (low, high) = (0, sortedTrigrams.count)
        while low < high {
            let middle = (low + high) / 2
            if sortedTrigrams[middle] < trigram { low = middle + 1 } else { high = middle }
        }
        return low < sortedTrigrams.count && sortedTrigrams[low] == trigram
    }

    /// The key of each run of three words, in order (none for fewer than three words).
    private static func trigrams(of words: [UInt64]) -> [UInt64] {
        guard words.count >= 3 else { return [] }
        return (0...(words.count - 3)).map {
            (words[$0] &* 0x9E37_79B9_7F4A_7C15) ^ (words[$0 + 1] &* 0xC2B2_AE3D_27D4_EB4F)
                ^ (words[$0 + 2] &* 0x1656_67B1_9E37_79F9)
        }
    }

    /// Appends the words of `segment`, marked `quoted`.
    private mutating func append(
        _ segment: UnsafeBufferPointer<UInt8>, quoted: Bool, _ normalizer: inout TextNormalizer
    ) {
        normalizer.normalize(segment)
        normalizer.bytes.withUnsafeBytes { bytes in
            for (start, end) in zip(normalizer.wordStarts, normalizer.wordEnds) {
                words.append(
                    XXH3.hash(
                        UnsafeRawBufferPointer(rebasing: bytes[Int(start)..<Int(end)]),
                        seed: SignatureFormat.shingleSeed))
                isQuoted.append(quoted)
            }
        }
    }

    /// Whether the character ending just before byte `index` is a letter or digit (an apostrophe
    /// follows, not an opening quotation mark).
    private static func endsWithLetter(_ text: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var start = index - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return start >= 0 && startsWithLetter(text, at: start)
    }

    /// Whether the character starting at byte `index` is a letter or digit: ASCII, or a two-byte
    /// letter (Latin, Greek, Cyrillic lead bytes `C3`–`D4`). Punctuation and other marks, `”` among
    /// them, are not.
    private static func startsWithLetter(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < text.count else { return false }
        let byte = text[index]
        return (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || (0xC3...0xD4).contains(byte)
    }
}

// MARK: - Quotation marks

/// A quotation mark at a byte offset of a UTF-8 paragraph: what it does there, and its length.
private struct QuotationMark {
    enum Effect {
        /// `"`: turns double quoting on or off.
        case straight
        /// `“`, `„` or `«`: opens a double quotation.
        case openDouble
        /// `”` or `»`: closes a double quotation.
        case closeDouble
        /// `‘`: opens a single quotation unless it follows a letter.
        case openSingle
        /// `’`: closes an open single quotation unless a letter follows (an apostrophe).
        case closeSingle
    }

    let effect: Effect
    /// Its UTF-8 length.
    let byteCount: Int

    /// The mark starting at byte `index` of `text`, or `nil`.
    init?(_ text: UnsafeBufferPointer<UInt8>, at index: Int) {
        switch text[index] {
        case 0x22: (effect, byteCount) = (.straight, 1)
        case 0xC2 where index + 1 < text.count && text[index + 1] == 0xAB: (effect, byteCount) = (.openDouble, 2)
        case 0xC2 where index + 1 < text.count && text[index + 1] == 0xBB: (effect, byteCount) = (.closeDouble, 2)
        case 0xE2 where index + 2 < text.count && text[index + 1] == 0x80:
            switch text[index + 2] {
            case 0x9C, 0x9E: effect = .openDouble
            case 0x9D: effect = .closeDouble
            case 0x98: effect = .openSingle
            case 0x99: effect = .closeSingle
            default: return nil
            }
            byteCount = 3
        default: return nil
        }
    }
}
