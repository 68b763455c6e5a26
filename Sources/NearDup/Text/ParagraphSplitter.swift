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
        var lineStart = 0
        var paragraphStart = -1
        var paragraphEnd = -1
        var index = 0
        let count = text.count
        while index <= count {
            let atEnd = index == count
            let byte: UInt8 = atEnd ? 0 : text[index]
            if atEnd || byte == 0x0A || byte == 0x0D {
                let line = trimmed(text, lineStart..<index)
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
                if !atEnd && byte == 0x0D && index + 1 < count && text[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        if mode == .blankLines && paragraphStart >= 0 { spans.append(paragraphStart..<paragraphEnd) }
    }

    private func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isASCIIWhitespace(text[lower]) { lower += 1 }
        while upper > lower && isASCIIWhitespace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }
}
