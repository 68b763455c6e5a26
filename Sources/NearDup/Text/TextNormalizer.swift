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
/// Pure-ASCII paragraphs (most news text) take a byte-level fast path with the same result.
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
    /// - Complexity: O(*n*) in the paragraph's length.
    mutating func normalize(_ paragraph: UnsafeBufferPointer<UInt8>) {
        bytes.removeAll(keepingCapacity: true)
        wordStarts.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        if paragraph.allSatisfy({ $0 < 0x80 }) {
            normalizeASCII(paragraph)
        } else {
            normalizeUnicode(String(decoding: paragraph, as: UTF8.self))
        }
    }

    private mutating func normalizeASCII(_ paragraph: UnsafeBufferPointer<UInt8>) {
        var inWord = false
        for byte in paragraph {
            let lowered = byte | 0x20
            let isLetter = lowered >= 0x61 && lowered <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isLetter || isDigit {
                if !inWord { beginWord() }
                bytes.append(isLetter ? lowered : byte)
                inWord = true
            } else if inWord {
                wordEnds.append(Int32(bytes.count))
                inWord = false
            }
        }
        if inWord { wordEnds.append(Int32(bytes.count)) }
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
