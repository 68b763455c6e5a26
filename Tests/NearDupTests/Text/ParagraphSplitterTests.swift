import Testing

@testable import NearDup

@Suite struct ParagraphSplitterTests {
    @Test func linesEndAtEveryKindOfNewline() {
        let text = "one\ntwo\r\nthree\rfour\n\rfive"
        #expect(Kernel.paragraphs(text, .lines) == ["one", "two", "three", "four", "five"])
    }

    @Test func linesSkipBlankAndWhitespaceOnlyLinesAndTrim() {
        let text = "\n\n  first line \t\n \t \n\r\n\tsecond\u{0B}\u{0C}\n   \n"
        #expect(Kernel.paragraphs(text, .lines) == ["first line", "second"])
        #expect(Kernel.spans(text, .lines) == [4..<14, 24..<30])
    }

    @Test func whitespaceOnlyTextHasNoParagraphs() {
        for mode in ParagraphSplitting.allCases {
            #expect(Kernel.paragraphs("", mode).isEmpty)
            #expect(Kernel.paragraphs(" \t\n\r\n\r  \n", mode).isEmpty)
        }
    }

    @Test func noBreakSpaceIsNotTrimmed() {
        // Only ASCII white space is trimmed; U+00A0 is text as far as byte ranges go.
        #expect(Kernel.paragraphs(" \u{00A0}word\u{00A0} ", .lines) == ["\u{00A0}word\u{00A0}"])
    }

    @Test func blankLinesJoinSingleNewlinesAndSplitOnBlankLines() {
        let text = "first line\nstill first\n\nsecond\r\n  \r\nthird\r\rfourth\n"
        #expect(
            Kernel.paragraphs(text, .blankLines) == [
                "first line\nstill first", "second", "third", "fourth",
            ])
        #expect(Kernel.paragraphs("  a\n  b  \n\n\n\nc", .blankLines) == ["a\n  b", "c"])
    }

    @Test func byteRangesQuoteNonASCIITextExactly() {
        let text = "\u{201C}Comrade Kim Jong Un\u{201D} \u{2014} KCNA\n\u{00A0}\n\u{65E5}\u{672C} caf\u{00E9}\u{2026}"
        let utf8 = Array(text.utf8)
        let spans = Kernel.spans(text, .lines)
        #expect(spans.count == 3)
        let quoted = spans.map { String(decoding: utf8[$0], as: UTF8.self) }
        #expect(
            quoted == [
                "\u{201C}Comrade Kim Jong Un\u{201D} \u{2014} KCNA", "\u{00A0}", "\u{65E5}\u{672C} caf\u{00E9}\u{2026}",
            ])
        // Ranges start and end on scalar boundaries and never overlap.
        for (span, next) in zip(spans, spans.dropFirst()) { #expect(span.upperBound < next.lowerBound) }
        for span in spans {
            #expect(utf8[span.lowerBound] & 0xC0 != 0x80)
            #expect(span.upperBound == utf8.count || utf8[span.upperBound] & 0xC0 != 0x80)
        }
    }

    /// Hand counts: seed 000 and 001 are one paragraph per line with no blank lines; 002 and 003
    /// separate paragraphs with blank lines, except that 003's last two lines ("All News",
    /// "Animated Arrow…") are separated by a single newline; 004 has no blank lines.
    @Test(arguments: [
        ("000", 10, 1), ("001", 15, 1), ("002", 15, 15), ("003", 31, 30), ("004", 19, 1),
    ])
    func seedParagraphCounts(seed: String, lines: Int, blankLines: Int) throws {
        let text = try Kernel.seed(seed)
        #expect(Kernel.spans(text, .lines).count == lines)
        #expect(Kernel.spans(text, .blankLines).count == blankLines)
    }

    @Test func seedParagraphsQuoteTheOriginalLines() throws {
        let text = try Kernel.seed("003")
        let paragraphs = Kernel.paragraphs(text, .lines)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(paragraphs == lines)
        #expect(paragraphs[1] == "Select Language")
        #expect(Kernel.paragraphs(text, .blankLines).last == "All News\nAnimated ArrowAnimated ArrowAnimated Arrow")
    }
}
