import Foundation
import NearDup

/// One paragraph's place in its article's text, its length and its in-document boilerplate reason.
struct StoredParagraph: Hashable, Sendable {
    var byteRange: Range<Int>
    var wordCount: Int
    var reason: BoilerplateReason?

    /// Bytes per paragraph in the `layout` blob.
    static let encodedSize = 13
    private static let reasons = BoilerplateReason.allCases

    /// The `layout` blob of `paragraphs` of a prepared corpus: start, end and word count as
    /// little-endian `UInt32`, then the reason's code (0 for none, else its position in
    /// `BoilerplateReason.allCases` plus 1).
    static func encode(_ paragraphs: Range<Int>, of corpus: PreparedCorpus) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(paragraphs.count * encodedSize)
        func append(_ value: Int) {
            let word = UInt32(truncatingIfNeeded: value)
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
            }
        }
        for paragraph in paragraphs {
            append(corpus.byteRange(ofParagraph: paragraph).lowerBound)
            append(corpus.byteRange(ofParagraph: paragraph).upperBound)
            append(corpus.wordCount(ofParagraph: paragraph))
            let code =
                corpus.patternReason(ofParagraph: paragraph).flatMap { reasons.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            bytes.append(UInt8(code))
        }
        return Data(bytes)
    }

    /// Reads a `layout` blob back; `nil` if it is damaged (wrong length, ranges outside `textLength`,
    /// more words than bytes).
    static func decode(_ data: Data, textLength: Int) -> [StoredParagraph]? {
        guard data.count % encodedSize == 0 else { return nil }
        let bytes = [UInt8](data)
        func word(_ offset: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        var paragraphs: [StoredParagraph] = []
        paragraphs.reserveCapacity(bytes.count / encodedSize)
        for offset in stride(from: 0, to: bytes.count, by: encodedSize) {
            let (start, end, words, code) = (word(offset), word(offset + 4), word(offset + 8), Int(bytes[offset + 12]))
            guard start <= end, end <= textLength, words <= end - start, code <= reasons.count else { return nil }
            paragraphs.append(
                StoredParagraph(byteRange: start..<end, wordCount: words, reason: code == 0 ? nil : reasons[code - 1]))
        }
        return paragraphs
    }
}
