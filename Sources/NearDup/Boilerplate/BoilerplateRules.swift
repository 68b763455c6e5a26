/// The `news` rules that recognise page furniture inside one document, without needing other
/// documents (the cross-document rule is `RecurringBoilerplateDetector`).
///
/// Rules, applied to a paragraph's normalized words (see `TextNormalizer`):
/// - footer: starts with `the post` and contains `appeared first on`, at most 60 words;
/// - navigation: the whole paragraph is a known interface phrase (`read more`, `trending`,
///   `select language`, `share this article`, …); or it follows such a heading (directly or
///   through other navigation lines) and is a list item (`-`, `•`, `*`, `–` first) or has at most
///   4 words;
/// - byline: at most 12 words, a month name next to a year, and a time of day (`04 39`) or a
///   leading `by`/`updated`/`published`;
/// - caption: at most 20 words ending in a photo credit (`via reuters`, `getty images`, `ap photo`, …);
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
    ]
    /// Phrases after which list items and very short lines are navigation too.
    static let listHeadings: Set<String> = [
        "trending", "trending now", "related", "related articles", "related news", "related stories",
        "most read", "most popular", "popular", "latest", "latest news", "see also", "more from",
        "read more", "select language", "select country", "similar news", "all news", "you may also like",
        "recommended", "more stories", "top stories", "tags", "topics",
    ]
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
    /// `normalized`: every rule but the footer needs at most 20 words, and the footer starts with
    /// "the post". Lets callers skip splitting long paragraphs into words.
    static func mayApply(toWordCount wordCount: Int, normalized: [UInt8]) -> Bool {
        wordCount <= 20 || (wordCount <= 60 && normalized.starts(with: "the post ".utf8))
    }

    /// One paragraph as the rules see it.
    /// Whether the raw paragraph `text` (its UTF-8 bytes, before normalization) opens like a list
    /// item: `-`, `*`, `•` (E2 80 A2), `–` (E2 80 93) or `—` (E2 80 94).
    static func isListItem(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        if first == 0x2D || first == 0x2A { return true }
        guard text.count >= 3, first == 0xE2, text[1] == 0x80 else { return false }
        return [0xA2, 0x93, 0x94].contains(text[2])
    }

    struct Line {
        /// The normalized words; empty when no rule can apply (see `mayApply(toWordCount:normalized:)`).
        var words: [Substring]
        /// The number of normalized words.
        var wordCount: Int
        /// Whether the original line starts with a list marker.
        var isListItem: Bool
        /// XXH3 of the normalized text, to find repeats.
        var textHash: UInt64
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
