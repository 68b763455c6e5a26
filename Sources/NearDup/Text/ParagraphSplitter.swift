#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts a document's UTF-8 bytes into paragraph spans (byte offsets into the original text), so
/// that reports can quote the original exactly.
///
/// `\n`, `\r\n` and a lone `\r` all end a line. Spans are trimmed of ASCII white space; lines that
/// hold only white space are never paragraphs.
struct ParagraphSplitter: Sendable {
    let mode: ParagraphSplitting

    /// Appends the paragraph spans of `text` to `spans`.
    /// - Complexity: O(*n*) in the length of `text`.
    func split(_ text: UnsafeBufferPointer<UInt8>, into spans: inout [Range<Int>]) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        // Safety: memchr reads base[0..<count], exactly the text.
        let hasCarriageReturns = memchr(base, 0x0D, count) != nil
        var paragraphStart = -1
        var paragraphEnd = -1
        var lineStart = 0
        while true {
            let lineEnd = Self.lineEnd(in: text, from: lineStart, carriageReturns: hasCarriageReturns)
            let line = trimmed(text, lineStart..<lineEnd)
            switch mode {
            case .lines:
                if !line.isEmpty { spans.append(line) }
            case .blankLines:
                if line.isEmpty {
                    if paragraphStart >= 0 { spans.append(paragraphStart..<paragraphEnd) }
                    paragraphStart = -1
                } else {
                    if paragraphStart < 0 { paragraphStart = line.lowerBound }
                    paragraphEnd = line.upperBound
                }
            }
            guard lineEnd < count else { break }
            // Safety: lineEnd < count (guarded above) bounds text[lineEnd]; lineEnd + 1 < count is checked first.
            let isCRLF = text[lineEnd] == 0x0D && lineEnd + 1 < count && text[lineEnd + 1] == 0x0A
            lineStart = lineEnd + (isCRLF ? 2 : 1)
        }
        if mode == .blankLines && paragraphStart >= 0 { spans.append(paragraphStart..<paragraphEnd) }
    }

    /// The offset of the first `\n` or `\r` at or after `start`, or the text's length. Text without
    /// carriage returns (nearly all) is searched with `memchr`.
    private static func lineEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int, carriageReturns: Bool) -> Int {
        guard start < text.count, let base = text.baseAddress else { return text.count }
        guard carriageReturns else {
            // Safety: start < text.count (guarded above): memchr reads base[start..<count] only and finds a byte in it.
            guard let found = memchr(base + start, 0x0A, text.count - start) else { return text.count }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        var index = start
        while index < text.count && text[index] != 0x0A && text[index] != 0x0D { index += 1 }
        return index
    }

    private func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        // Safety: range is a line of text (lineStart..<lineEnd, both <= count); lower < upper guards each read.
        while lower < upper && isASCIIWhitespace(text[lower]) { lower += 1 }
        while upper > lower && isASCIIWhitespace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }
}
