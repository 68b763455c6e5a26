/// The `news` rules that recognise page furniture inside one document, without needing other
/// documents (the cross-document rule is `RecurringBoilerplateDetector`).
///
/// Rules, applied to a paragraph's normalized words (see `TextNormalizer`):
/// - footer: starts with `the post` and contains `appeared first on`, at most 60 words;
/// - navigation: the whole paragraph is a known interface phrase (`read more`, `trending`,
///   `select language`, `share this article`, …); or it follows such a heading (directly or
///   through other navigation lines) and is a list item (`-`, `•`, `*`, `–` first) or has at most
///   4 words;
/// - navigation, labelled link: a list heading followed in the original text by a colon or a spaced
///   dash, then at most 25 words (`Related: …`, `Read more – …`, `See also: …`);
/// - byline: at most 12 words, a month name next to a year, and a time of day (`04 39`) or a
///   leading `by`/`updated`/`published`;
/// - caption: at most 20 words ending in a photo credit (`via reuters`, `getty images`, `ap photo`, …);
/// - credit: at most 40 words made only of `<role> by <names>` clauses (`reporting by`, `additional
///   reporting by`, `editing by`, `writing by`, `compiled by`, …), opening with one, each naming at
///   most 12 words, and either opening with `(` in the original or holding a second clause;
/// - repeated: fewer than 16 words and the same normalized text appears again in the document.
struct BoilerplateRules: Sendable {
    /// Whole-paragraph interface phrases.
    static let navigationPhrases: Set<String> = [
        "read more", "read more news", "trending", "trending now", "select language", "select country",
        "similar news", "all news", "related", "related articles", "related news", "related stories",
        "most read", "most popular", "popular", "latest", "latest news", "see also", "more from",
        "share", "share this", "share this article", "advertisement", "sponsored", "skip to content",
        "menu", "subscribe", "sign up", "log in", "sign in", "follow us", "down icon", "comments",
        "leave a comment", "print", "email", "tags", "topics", "verified by monsterinsights", "you may also like",
        "recommended", "more stories", "top stories", "watch", "listen", "close", "search", "back to top",
        "also read", "read also", "more",
    ]
    /// Phrases after which list items and very short lines are navigation too.
    static let listHeadings: Set<String> = [
        "trending", "trending now", "related", "related articles", "related news", "related stories",
        "most read", "most popular", "popular", "latest", "latest news", "see also", "more from",
        "read more", "select language", "select country", "similar news", "all news", "you may also like",
        "recommended", "more stories", "top stories", "tags", "topics", "also read", "read also", "more",
    ]
    /// The longest list heading, in words: how far a label is looked for in the original text.
    static let maximumLabelWords = listHeadings.map { $0.split(separator: " ").count }.max() ?? 0
    /// The headline after a label (`Related: …`) has at most this many words.
    static let maximumLabelledHeadlineWords = 25
    /// Words naming a wire credit's role when `by` follows (`Reporting by`, `Editing by`, …);
    /// `additional` may precede one, and `and` may join two (`Reporting and writing by`).
    static let creditRoles: Set<String> = [
        "reporting", "writing", "editing", "compiled", "compiling", "produced", "edited",
    ]
    /// A credit line has at most this many words.
    static let maximumCreditWords = 40
    /// Each clause of a credit line names at most this many words (`Jane Doe and Tom Reed in Kyiv`).
    static let maximumCreditNameWords = 12
    /// The normalized openings (with their trailing space) of the lines longer than 20 words that
    /// a rule may still catch: credits and labelled links.
    static let longLineLeads: [[UInt8]] = creditRoles.union(["additional"]).union(listHeadings).sorted().map {
        Array(($0 + " ").utf8)
    }
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let creditEndings: [[String]] = [
        ["via", "reuters"], ["via", "ap"], ["via", "afp"], ["via", "getty", "images"], ["via", "epa"],
        ["getty", "images"], ["ap", "photo"], ["afp", "photo"], ["file", "photo"], ["reuters", "photo"],
        ["via", "bloomberg"], ["shutterstock"],
    ]

    /// Whether any rule can apply to a paragraph of `wordCount` words whose normalized text is
    /// `normalized`: most rules need at most 20 words; credits and labelled links at most 40 and
    /// open with one of `longLineLeads`; the footer starts with "the post". Lets callers skip
    /// splitting long paragraphs into words.
    static func mayApply(toWordCount wordCount: Int, normalized: [UInt8]) -> Bool {
        if wordCount <= 20 { return true }
        if wordCount <= maximumCreditWords && longLineLeads.contains(where: { normalized.starts(with: $0) }) {
            return true
        }
        return wordCount <= 60 && normalized.starts(with: "the post ".utf8)
    }

    /// Whether the raw paragraph `text` (its UTF-8 bytes, before normalization) opens like a list
    /// item: `-`, `*`, `•` (E2 80 A2), `–` (E2 80 93) or `—` (E2 80 94).
    static func isListItem(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        if first == 0x2A || isDash(text, at: 0) { return true }
        return text.count >= 3 && first == 0xE2 && text[1] == 0x80 && text[2] == 0xA2
    }

    /// The number of words of the raw paragraph `text`'s label: its leading run of ASCII letters
    /// and spaces, when a colon follows (`Related: …`) or a dash follows a space (`See also – …`);
    /// 0 when there is none or it has more than `maximumLabelWords` words.
    /// - Complexity: O(*m*), *m* the length of the label.
    static func labelWordCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == 0x20 {
                index += 1
            } else if isASCIILetter(byte) {
                count += 1
                guard count <= maximumLabelWords else { return 0 }
                while index < text.count && isASCIILetter(text[index]) { index += 1 }
            } else {
                break
            }
        }
        guard count > 0, index < text.count else { return 0 }
        let isSpaced = text[index - 1] == 0x20
        return text[index] == 0x3A || (isSpaced && isDash(text, at: index)) ? count : 0
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte | 0x20)
    }

    /// Whether `text` holds a dash at `index`: `-`, `–` (E2 80 93) or `—` (E2 80 94).
    private static func isDash(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if text[index] == 0x2D { return true }
        guard index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x80 else { return false }
        return text[index + 2] == 0x93 || text[index + 2] == 0x94
    }

    /// One paragraph as the rules see it.
    struct Line {
        /// The normalized words; empty when no rule can apply (see `mayApply(toWordCount:normalized:)`).
        var words: [Substring]
        /// The number of normalized words.
        var wordCount: Int
        /// Whether the original line starts with a list marker.
        var isListItem: Bool
        /// Whether the original line starts with `(`, as wire credits do.
        var isParenthesized: Bool
        /// The number of words of the original line's label (`Related: …` has 1, see
        /// `labelWordCount(_:)`); 0 for none.
        var labelWordCount: Int
        /// XXH3 of the normalized text, to find repeats.
        var textHash: UInt64

        /// The line whose normalized form has `words` (`wordCount` in all) and hashes to
        /// `textHash`, and whose raw UTF-8 bytes are `original`.
        init(words: [Substring], wordCount: Int, original: UnsafeBufferPointer<UInt8>, textHash: UInt64) {
            self.words = words
            self.wordCount = wordCount
            isListItem = BoilerplateRules.isListItem(original)
            isParenthesized = original.first == 0x28
            labelWordCount = BoilerplateRules.labelWordCount(original)
            self.textHash = textHash
        }
    }

    /// Classifies the paragraphs of one document, in order.
    /// - Returns: One reason per paragraph, `nil` for content.
    /// - Complexity: O(*n*) in the document's words.
    func classify(_ lines: [Line]) -> [BoilerplateReason?] {
        var reasons = [BoilerplateReason?](repeating: nil, count: lines.count)
        var inList = false
        var seen: [UInt64: Int] = [:]
        for line in lines where isRepeatable(line) { seen[line.textHash, default: 0] += 1 }
        for (index, line) in lines.enumerated() {
            let phrase = line.words.count <= 6 ? line.words.joined(separator: " ") : ""
            if Self.navigationPhrases.contains(phrase) {
                reasons[index] = .navigation
                inList = Self.listHeadings.contains(phrase) || inList
                continue
            }
            if isLabelledLink(line) {
                reasons[index] = .navigation
                continue
            }
            if inList && (line.isListItem || line.wordCount <= 4) {
                reasons[index] = .navigation
                continue
            }
            inList = false
            if isFooter(line.words) {
                reasons[index] = .footer
            } else if isByline(line.words) {
                reasons[index] = .byline
            } else if isCaption(line.words) {
                reasons[index] = .caption
            } else if isCredit(line) {
                reasons[index] = .credit
            } else if isRepeatable(line) && seen[line.textHash, default: 0] > 1 {
                reasons[index] = .repeated
            }
        }
        return reasons
    }

    private func isRepeatable(_ line: Line) -> Bool {
        line.wordCount > 0 && line.wordCount < 16
    }

    private func isFooter(_ words: [Substring]) -> Bool {
        guard words.count >= 5 && words.count <= 60, words[0] == "the", words[1] == "post" else { return false }
        return words.indices.dropLast(2).contains {
            words[$0] == "appeared" && words[$0 + 1] == "first" && words[$0 + 2] == "on"
        }
    }

    private func isByline(_ words: [Substring]) -> Bool {
        guard words.count >= 2 && words.count <= 12 else { return false }
        let hasDate = words.indices.contains { index in
            guard Self.months.contains(String(words[index])) else { return false }
            let neighbours = [index - 2, index - 1, index + 1, index + 2].filter { words.indices.contains($0) }
            return neighbours.contains { isYear(words[$0]) }
        }
        guard hasDate else { return false }
        let hasTime = words.indices.dropLast().contains {
            isClockPart(words[$0], max: 23) && words[$0 + 1].count == 2 && isClockPart(words[$0 + 1], max: 59)
        }
        return hasTime || ["by", "updated", "published"].contains(words[0])
    }

    private func isCaption(_ words: [Substring]) -> Bool {
        guard words.count <= 20 else { return false }
        return Self.creditEndings.contains { ending in
            words.count > ending.count && words.suffix(ending.count).elementsEqual(ending) { $0 == $1 }
        }
    }

    private func isLabelledLink(_ line: Line) -> Bool {
        let label = line.labelWordCount
        guard label > 0, line.words.count > label, line.words.count - label <= Self.maximumLabelledHeadlineWords
        else { return false }
        return Self.listHeadings.contains(line.words[..<label].joined(separator: " "))
    }

    private func isCredit(_ line: Line) -> Bool {
        let words = line.words
        guard words.count <= Self.maximumCreditWords, var index = creditRoleLength(words, at: 0) else { return false }
        var clauseCount = 1
        var nameCount = 0
        while index < words.count {
            if nameCount > 0, let roleLength = creditRoleLength(words, at: index) {
                clauseCount += 1
                nameCount = 0
                index += roleLength
            } else {
                nameCount += 1
                guard nameCount <= Self.maximumCreditNameWords else { return false }
                index += 1
            }
        }
        return nameCount > 0 && (line.isParenthesized || clauseCount > 1)
    }

    /// The number of words of the credit role opening at `start` (`reporting by`, `additional
    /// reporting by`, `reporting and writing by`), or `nil` when none does.
    private func creditRoleLength(_ words: [Substring], at start: Int) -> Int? {
        var index = start
        if index < words.count && words[index] == "additional" { index += 1 }
        guard index < words.count, Self.creditRoles.contains(String(words[index])) else { return nil }
        index += 1
        while index + 1 < words.count && words[index] == "and" && Self.creditRoles.contains(String(words[index + 1])) {
            index += 2
        }
        guard index < words.count, words[index] == "by" else { return nil }
        return index + 1 - start
    }

    private func isYear(_ word: Substring) -> Bool {
        word.count == 4 && word.allSatisfy(\.isASCIIDigit) && (word.hasPrefix("19") || word.hasPrefix("20"))
    }

    private func isClockPart(_ word: Substring, max: Int) -> Bool {
        (1...2).contains(word.count) && word.allSatisfy(\.isASCIIDigit) && Int(word)! <= max
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
