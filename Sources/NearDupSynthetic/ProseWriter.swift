import NearDup

/// Writes news-like prose from a `Vocabulary`: sentences of 8–30 words, paragraphs of 30–150
/// words, headlines, with names ("Kalo Venter"), numbers ("12,000", "4.5 percent"), quotations in
/// typographic quotes (“ ” ’) and en dashes.
///
/// A story written in `straight` style uses `"`, `'` and `-` instead, as some sites do.
struct ProseWriter: Sendable {
    /// Word ranks and frequencies.
    let vocabulary: Vocabulary
    /// Given names, capitalised.
    let givenNames: [String]
    /// Family names, capitalised.
    let familyNames: [String]

    /// Builds the name pools from `random`.
    init(vocabulary: Vocabulary, random: inout SplitMix64) {
        self.vocabulary = vocabulary
        givenNames = (0..<300).map { _ in Syllables.namePart(random: &random) }
        familyNames = (0..<600).map { _ in Syllables.namePart(random: &random) }
    }

    /// Returns a paragraph of 2–6 sentences and 30–150 words.
    func paragraph(straight: Bool, random: inout SplitMix64) -> String {
        let sentenceCount = random.nextInt(in: 2...6)
        // The larger of two draws leans towards longer paragraphs, as in wire copy.
        let wordRange = max(30, 8 * sentenceCount)...min(150, 30 * sentenceCount)
        var remaining = max(random.nextInt(in: wordRange), random.nextInt(in: wordRange))
        var text = ""
        text.reserveCapacity(remaining * 7)
        for index in 0..<sentenceCount {
            let after = sentenceCount - index - 1
            let length = random.nextInt(in: max(8, remaining - 30 * after)...min(30, remaining - 8 * after))
            remaining -= length
            if index > 0 {
                text += " "
            }
            appendSentence(words: length, straight: straight, to: &text, random: &random)
        }
        return text
    }

    /// Returns a headline of 5–12 words without a final period.
    func headline(random: inout SplitMix64) -> String {
        var text = ""
        let count = random.nextInt(in: 5...12)
        var written = 0
        while written < count {
            if written > 0 {
                text += " "
            }
            if written > 0, written + 2 <= count, random.nextBool(perMille: 100) {
                appendName(to: &text, random: &random)
                written += 2
            } else {
                let rank = vocabulary.sampleRank(random: &random)
                text += written == 0 ? vocabulary.capitalised[rank] : vocabulary.words[rank]
                written += 1
            }
        }
        return text
    }

    /// Appends a full name, such as "Kalo Venter".
    func appendName(to text: inout String, random: inout SplitMix64) {
        text += random.pick(givenNames)
        text += " "
        text += random.pick(familyNames)
    }

    /// Appends one sentence of exactly `words` words (names count as two), ending with a period.
    func appendSentence(words: Int, straight: Bool, to text: inout String, random: inout SplitMix64) {
        let style = random.nextInt(below: 100)
        if style < 10, words >= 8 {
            // “Quoted words,” said Kalo Venter.
            text += straight ? "\"" : "\u{201C}"
            appendWords(words - 3, capitaliseFirst: true, straight: straight, to: &text, random: &random)
            text += straight ? ",\" said " : ",\u{201D} said "
            appendName(to: &text, random: &random)
            text += "."
        } else if style < 18 {
            // Kalo Venter said …
            appendName(to: &text, random: &random)
            text += " said "
            appendWords(words - 3, capitaliseFirst: false, straight: straight, to: &text, random: &random)
            text += "."
        } else {
            appendWords(words, capitaliseFirst: true, straight: straight, to: &text, random: &random)
            text += "."
        }
    }

    /// Appends `count` space-separated tokens with occasional names, numbers, commas and dashes.
    private func appendWords(
        _ count: Int, capitaliseFirst: Bool, straight: Bool, to text: inout String, random: inout SplitMix64
    ) {
        var written = 0
        while written < count {
            if written > 0 {
                text += " "
            }
            let roll = random.nextInt(below: 1000)
            if written > 0, roll < 40 {
                appendNumber(to: &text, random: &random)
                written += 1
            } else if written > 0, roll < 70, written + 2 <= count {
                appendName(to: &text, random: &random)
                if random.nextBool(perMille: 200) {
                    text += straight ? "'s" : "\u{2019}s"
                }
                written += 2
            } else {
                let rank = vocabulary.sampleRank(random: &random)
                text += written == 0 && capitaliseFirst ? vocabulary.capitalised[rank] : vocabulary.words[rank]
                written += 1
            }
            if written < count {
                let punctuation = random.nextInt(below: 1000)
                if punctuation < 60 {
                    text += ","
                } else if punctuation < 72, written > 2, count - written > 2 {
                    text += straight ? " -" : " \u{2013}"
                }
            }
        }
    }

    /// Appends a number in one of the usual news forms: "27", "12,000", "4.5 percent", "$3.2 million".
    private func appendNumber(to text: inout String, random: inout SplitMix64) {
        switch random.nextInt(below: 10) {
        case 0..<4:
            text += String(random.nextInt(in: 2...99))
        case 4..<7:
            text += Self.grouped(random.nextInt(in: 1...9_999) * [1, 10, 100, 1_000][random.nextInt(below: 4)])
        case 7..<9:
            text += String(random.nextInt(in: 0...60))
            text += "."
            text += String(random.nextInt(in: 1...9))
            text += " percent"
        default:
            text += "$"
            text += String(random.nextInt(in: 1...90))
            text += "."
            text += String(random.nextInt(in: 1...9))
            text += random.nextBool(perMille: 700) ? " million" : " billion"
        }
    }

    /// Formats a non-negative integer with comma thousands separators ("12,000"), independent of locale.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 {
                result += ","
            }
            result.append(digit)
        }
        return result
    }
}
