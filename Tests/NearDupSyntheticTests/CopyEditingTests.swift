import Testing

@testable import NearDup
@testable import NearDupSynthetic

@Suite struct CopyEditingTests {
    @Test func typographyStraightensAndCurls() {
        let curly = "\u{201C}We paid 12,000,\u{201D} Kalo Venter\u{2019}s aide said \u{2013} twice."
        let straight = #""We paid 12 000," Kalo Venter's aide said - twice."#
        #expect(Typography.convert(curly, straighten: true) == straight)
        #expect(
            Typography.convert(#""We paid 12,000," Kalo Venter's aide said - twice."#, straighten: false)
                == "\u{201C}We paid 12 000,\u{201D} Kalo Venter\u{2019}s aide said \u{2013} twice.")
    }

    @Test func groupedNumbersUseCommas() {
        #expect(ProseWriter.grouped(7) == "7")
        #expect(ProseWriter.grouped(12_000) == "12,000")
        #expect(ProseWriter.grouped(1_234_567) == "1,234,567")
    }

    @Test func samplingHelpersStayInRange() {
        var random = SplitMix64(seed: 1)
        for bound in 1...50 {
            #expect((0..<bound).contains(random.nextInt(below: bound)))
        }
        var values = Array(0..<20)
        random.shuffle(&values)
        #expect(values.sorted() == Array(0..<20))
        let sample = random.sampleIndices(5, of: 9)
        #expect(Set(sample).count == 5 && sample.allSatisfy { (0..<9).contains($0) })
    }

    @Test func paragraphsAndSentencesHaveNewsLengths() {
        var random = SplitMix64(seed: 2)
        let prose = ProseWriter(vocabulary: Vocabulary(size: 4_000, random: &random), random: &random)
        for _ in 0..<200 {
            let paragraph = prose.paragraph(straight: false, random: &random)
            // Dashes are not words; "4.5 percent" and "$3.2 million" count as one.
            let notWords: Set<Substring> = ["\u{2013}", "percent", "million", "billion"]
            let words = paragraph.split(separator: " ").count {
                !notWords.contains($0.prefix { $0 != "." && $0 != "," })
            }
            #expect((30...150).contains(words), "\(words) words")
            #expect(paragraph.hasSuffix("."))
            #expect(paragraph.first?.isUppercase == true || paragraph.first == "\u{201C}")
        }
    }

    @Test func syndicatedCopiesRecordTheirEdits() {
        var random = SplitMix64(seed: 3)
        let prose = ProseWriter(vocabulary: Vocabulary(size: 4_000, random: &random), random: &random)
        let paragraphs = (0..<10).map { _ in prose.paragraph(straight: false, random: &random) }
        let story = Story(id: "doc-1", title: "Title", paragraphs: paragraphs, straight: false, site: 0)
        let editor = CopyEditor(prose: prose)
        var seen = Set<String>()
        for _ in 0..<200 {
            let (body, edits) = editor.syndicate(story, random: &random)
            #expect(!edits.isEmpty)
            #expect(body != paragraphs)
            seen.formUnion(edits.map { String($0.prefix { $0 != ":" }) })
            if edits == ["reorder"] {
                #expect(body.sorted() == paragraphs.sorted())
            }
        }
        #expect(seen == ["dropParagraphs", "reorder", "trimEnd", "wordEdits", "typography", "localLead"])
    }
}
