import Foundation

/// The `news` normalization: turns a paragraph into lowercase words separated by single spaces.
///
/// 1. Unicode NFKC (compatibility composition: ligatures, full-width forms, superscripts).
/// 2. Unicode case folding (`Straße` → `strasse`).
/// 3. Every scalar that is not a letter, a mark or a number is a separator: punctuation, symbols,
///    quotes and apostrophes of every style, dashes and hyphens, white space. So `Kim Jong-un` and
///    `Kim Jong Un` are the same three words, and `12,000`, `12 000` and `12, 000` are `12 000`.
/// 4. Words are joined by exactly one space.
///
/// Paragraphs whose only non-ASCII characters are Latin-1 punctuation and symbols (no-break space,
/// `©`, `«»`, `°`, …) and General Punctuation (U+2000–U+206F: typographic quotes, dashes,
/// ellipses — most news text) take a byte-level fast path with the same result: NFKC and case folding turn none of those into letters or digits, so
/// they are separators either way. U+2017 and U+203E are the exceptions (their compatibility forms
/// carry a combining mark) and take the Unicode path.
/// A `TextNormalizer` owns scratch buffers: make one per worker and reuse it.
struct TextNormalizer {
    /// The normalized text of the last paragraph: words separated by one ASCII space.
    private(set) var bytes: [UInt8] = []
    /// Byte offset in `bytes` where each word starts.
    private(set) var wordStarts: [Int32] = []
    /// Byte offset in `bytes` just past each word.
    private(set) var wordEnds: [Int32] = []

    /// The number of words in the last normalized paragraph.
    var wordCount: Int { wordStarts.count }

    /// Normalizes one paragraph's UTF-8 bytes into `bytes`, `wordStarts` and `wordEnds`.
    /// - Parameters:
    ///   - paragraph: The paragraph's UTF-8 bytes.
    ///   - allowingFastPath: `false` forces the Unicode path (tests prove both paths agree).
    /// - Complexity: O(*n*) in the paragraph's length.
    mutating func normalize(_ paragraph: UnsafeBufferPointer<UInt8>, allowingFastPath: Bool = true) {
        bytes.removeAll(keepingCapacity: true)
        wordStarts.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        if allowingFastPath && Self.isSeparatorOnlyBeyondASCII(paragraph) {
            normalizeASCII(paragraph)
        } else {
            normalizeUnicode(String(decoding: paragraph, as: UTF8.self))
        }
    }

    /// Whether every non-ASCII character of `paragraph` is one of `latin1Separators` or in
    /// U+2000–U+206F other than U+2017 and U+203E: characters that are separators before and after
    /// NFKC and case folding.
    /// U+00A0–U+00BF that stay separators through NFKC and case folding, as a bit set from U+00A0:
    /// no-break space, ¡ ¢ £ ¤ ¥ ¦ §, ©, « ¬, soft hyphen, ®, ° ±, ¶ ·, », ¿ (not ¨ ª ¯ ² ³ ´ µ ¸ ¹ º
    /// ¼ ½ ¾, which NFKC turns into letters, digits or combining marks).
    static let latin1Separators: UInt32 = {
        let admitted: [UInt32] = [
            0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA9, 0xAB, 0xAC, 0xAD, 0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB,
            0xBF,
        ]
        return admitted.reduce(0) { $0 | 1 << ($1 - 0xA0) }
    }()

    static func isSeparatorOnlyBeyondASCII(_ paragraph: UnsafeBufferPointer<UInt8>) -> Bool {
        let latin1 = latin1Separators
        var index = 0
        let count = paragraph.count
        while index < count {
            let byte = paragraph[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            guard index + 1 < count else { return false }
            let second = paragraph[index + 1]
            if byte == 0xC2 && second >= 0xA0 && latin1 & (1 << (second - 0xA0)) != 0 {
                index += 2
                continue
            }
            guard byte == 0xE2, index + 2 < count else { return false }
            let third = paragraph[index + 2]
            let isGeneralPunctuation = second == 0x80 || (second == 0x81 && third < 0xB0)
            let hasCombiningForm = (second == 0x80 && third == 0x97) || (second == 0x80 && third == 0xBE)
            guard isGeneralPunctuation && !hasCombiningForm else { return false }
            index += 3
        }
        return true
    }

    /// Every byte that is not an ASCII letter or digit separates words (so do the bytes of the
    /// non-ASCII separators admitted by `isSeparatorOnlyBeyondASCII`).
    ///
    /// The output is never longer than the input (a space stands for at least one separator) and
    /// holds at most ⌈n/2⌉ words, so the buffers are sized once and written through pointers.
    private mutating func normalizeASCII(_ paragraph: UnsafeBufferPointer<UInt8>) {
        let maximumWords = (paragraph.count + 1) / 2
        bytes.append(contentsOf: repeatElement(0, count: paragraph.count))
        wordStarts.append(contentsOf: repeatElement(0, count: maximumWords))
        wordEnds.append(contentsOf: repeatElement(0, count: maximumWords))
        var length = 0
        var words = 0
        bytes.withUnsafeMutableBufferPointer { output in
            wordStarts.withUnsafeMutableBufferPointer { starts in
                wordEnds.withUnsafeMutableBufferPointer { ends in
                    var inWord = false
                    for byte in paragraph {
                        let lowered = byte | 0x20
                        let isLetter = lowered &- 0x61 < 26
                        if isLetter || byte &- 0x30 < 10 {
                            if !inWord {
                                if length > 0 {
                                    output[length] = 0x20
                                    length += 1
                                }
                                starts[words] = Int32(length)
                                inWord = true
                            }
                            output[length] = isLetter ? lowered : byte
                            length += 1
                        } else if inWord {
                            ends[words] = Int32(length)
                            words += 1
                            inWord = false
                        }
                    }
                    if inWord {
                        ends[words] = Int32(length)
                        words += 1
                    }
                }
            }
        }
        bytes.removeLast(paragraph.count - length)
        wordStarts.removeLast(maximumWords - words)
        wordEnds.removeLast(maximumWords - words)
    }

    private mutating func normalizeUnicode(_ paragraph: String) {
        let folded = paragraph.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
        var inWord = false
        for scalar in folded.unicodeScalars {
            if Self.isWordScalar(scalar) {
                if !inWord { beginWord() }
                bytes.append(contentsOf: scalar.utf8)
                inWord = true
            } else if inWord {
                wordEnds.append(Int32(bytes.count))
                inWord = false
            }
        }
        if inWord { wordEnds.append(Int32(bytes.count)) }
    }

    private mutating func beginWord() {
        if !bytes.isEmpty { bytes.append(0x20) }
        wordStarts.append(Int32(bytes.count))
    }

    /// Letters, marks and numbers make words; everything else separates them. The modifier-letter
    /// apostrophes (U+02BB, U+02BC) separate too, like every other apostrophe.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            true
        case .modifierLetter:
            scalar.value != 0x02BB && scalar.value != 0x02BC
        default:
            false
        }
    }
}
