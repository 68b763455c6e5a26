import CNearDupKernels
import Foundation

/// The `news` normalization: turns a paragraph into lowercase words separated by single spaces.
///
/// 1. Unicode NFKC (compatibility composition: ligatures, full-width forms, superscripts).
/// 2. Unicode case folding (`Straße` → `strasse`).
/// 3. Every scalar that is not a letter, a mark or a number is a separator: punctuation, symbols,
///    quotes and apostrophes of every style, dashes and hyphens, white space. So `Kim Jong-un` and
///    `Kim Jong Un` are the same three words, and `12,000`, `12 000` and `12, 000` are `12 000`.
/// 4. Words are joined by exactly one space.
/// 5. In scripts written without spaces (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar), every
///    character (with its marks) is a word of its own; adjacent ones are joined without a space,
///    so the text reads as written (`isUnsegmentedScalar(_:)`).
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
    /// The fast path's working copy of the paragraph.
    private var scratch: [UInt8] = []

    /// The number of words in the last normalized paragraph.
    var wordCount: Int { wordStarts.count }

    /// Normalizes one paragraph's UTF-8 bytes into `bytes`, `wordStarts` and `wordEnds`.
    /// - Parameters:
    ///   - paragraph: The paragraph's UTF-8 bytes.
    ///   - allowingFastPath: `false` forces the Unicode path (tests prove both paths agree).
    /// - Complexity: O(*n*) in the paragraph's length.
    mutating func normalize(_ paragraph: UnsafeBufferPointer<UInt8>, allowingFastPath: Bool = true) {
        if allowingFastPath && normalizeFast(paragraph) { return }
        bytes.removeAll(keepingCapacity: true)
        wordStarts.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        normalizeUnicode(String(decoding: paragraph, as: UTF8.self))
    }

    /// Whether every non-ASCII character of `paragraph` is a separator before and after NFKC and
    /// case folding, so that the byte-level fast path applies (`neardup_normalize_admits`).
    static func isSeparatorOnlyBeyondASCII(_ paragraph: UnsafeBufferPointer<UInt8>) -> Bool {
        neardup_normalize_admits(paragraph.baseAddress, paragraph.count)
    }

    /// The byte-level fast path, in C (`neardup_normalize_fast`): every byte that is not an ASCII
    /// letter or digit separates words. The output is never longer than the input and holds at most
    /// ⌈n/2⌉ words, so the buffers are sized once (with the kernel's slack) and trimmed to what was
    /// written.
    /// - Returns: `false` when the paragraph needs the Unicode path.
    private mutating func normalizeFast(_ paragraph: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = paragraph.count
        let maximumWords = (count + 1) / 2
        Self.resize(&bytes, to: count + 16)
        Self.resize(&wordStarts, to: maximumWords)
        Self.resize(&wordEnds, to: maximumWords)
        if scratch.count < count + 64 { Self.resize(&scratch, to: count + 64) }
        var length = 0
        // Safety: the buffers were sized above to what neardup_normalize_fast needs for count bytes (its header).
        let words = bytes.withUnsafeMutableBufferPointer { output in
            wordStarts.withUnsafeMutableBufferPointer { starts in
                wordEnds.withUnsafeMutableBufferPointer { ends in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        neardup_normalize_fast(
                            paragraph.baseAddress, count, output.baseAddress, &length, starts.baseAddress,
                            ends.baseAddress, scratch.baseAddress)
                    }
                }
            }
        }
        guard words >= 0 else { return false }
        Self.resize(&bytes, to: length)
        Self.resize(&wordStarts, to: words)
        Self.resize(&wordEnds, to: words)
        return true
    }

    /// Sets `array`'s count, keeping its capacity; new elements are zero.
    private static func resize<Element: FixedWidthInteger>(_ array: inout [Element], to count: Int) {
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.append(contentsOf: repeatElement(0, count: count - array.count))
        }
    }

    private mutating func normalizeUnicode(_ paragraph: String) {
        let folded = paragraph.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
        var inWord = false
        var inUnsegmentedWord = false
        for scalar in folded.unicodeScalars {
            if Self.isWordScalar(scalar) {
                let unsegmented = Self.isUnsegmentedScalar(scalar)
                let continues = inWord && (Self.isMark(scalar) || (!unsegmented && !inUnsegmentedWord))
                if !continues {
                    if inWord { wordEnds.append(Int32(bytes.count)) }
                    beginWord(joined: inWord && unsegmented && inUnsegmentedWord)
                    inUnsegmentedWord = unsegmented
                }
                bytes.append(contentsOf: scalar.utf8)
                inWord = true
            } else if inWord {
                wordEnds.append(Int32(bytes.count))
                inWord = false
            }
        }
        if inWord { wordEnds.append(Int32(bytes.count)) }
    }

    /// Starts a word, after one space unless it is the first, or `joined` to the previous one
    /// (two characters of a script written without spaces stay as written).
    private mutating func beginWord(joined: Bool) {
        if !bytes.isEmpty && !joined { bytes.append(0x20) }
        wordStarts.append(Int32(bytes.count))
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Whether `scalar` belongs to a script written without spaces between words: Han (with 々, 〆
    /// and 〇), Hiragana, Katakana, Thai, Lao, Khmer and Myanmar. Each such character is a word of
    /// its own (with the marks that follow it), so that a paragraph in these scripts has words to
    /// shingle and count; a dictionary-based segmentation would find the same copies at more cost.
    static func isUnsegmentedScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF,  // Khmer
            0x3005...0x3007,  // 々 〆 〇
            0x3040...0x30FF,  // Hiragana, Katakana
            0x31F0...0x31FF,  // Katakana phonetic extensions
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xF900...0xFAFF,  // CJK Compatibility Ideographs
            0x20000...0x3134F:  // CJK Extensions B–G
            true
        default:
            false
        }
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
