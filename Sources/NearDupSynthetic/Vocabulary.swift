import NearDup

/// A synthetic lexicon: real English function words followed by a few thousand pronounceable
/// invented words, drawn with a Zipf–Mandelbrot frequency so that text has a realistic long tail.
///
/// Words are built from syllables with a seeded generator; the same seed gives the same lexicon.
struct Vocabulary: Sendable {
    /// The most frequent words of news English, in rank order; they lead the frequency table.
    static let functionWords = [
        "the", "of", "and", "to", "a", "in", "said", "on", "for", "that", "is", "with", "was", "as", "by",
        "at", "from", "it", "has", "he", "she", "will", "are", "its", "have", "be", "but", "not", "after",
        "this", "they", "an", "were", "their", "who", "had", "been", "which", "would", "more", "also", "new",
        "over", "than", "year", "about", "into", "could", "last", "two", "people", "when", "there", "government",
    ]

    /// Words in rank order (rank 0 is the most frequent).
    let words: [String]
    /// `words`, capitalised, for sentence starts.
    let capitalised: [String]
    /// Running totals of the integer Zipf weights; `cumulative[r]` covers ranks `0 ... r`.
    private let cumulative: [UInt64]

    /// Builds a lexicon of `size` words (function words included) from `random`.
    init(size: Int, random: inout SplitMix64) {
        precondition(size > Self.functionWords.count, "the vocabulary must exceed the function words")
        var seen = Set(Self.functionWords)
        var invented: [String] = []
        invented.reserveCapacity(size - Self.functionWords.count)
        while invented.count < size - Self.functionWords.count {
            let word = Syllables.word(random: &random)
            if word.utf8.count >= 2, seen.insert(word).inserted {
                invented.append(word)
            }
        }
        words = Self.functionWords + invented
        capitalised = words.map(Syllables.capitalise)
        // Zipf–Mandelbrot with s = 1 and q = 2.7: weight(r) = 10^10 / (10 r + 27), in integers.
        var total: UInt64 = 0
        cumulative = (0..<size).map { rank in
            total += 10_000_000_000 / UInt64(10 * rank + 27)
            return total
        }
    }

    /// Draws the rank of one word.
    func sampleRank(random: inout SplitMix64) -> Int {
        let target = random.next().multipliedFullWidth(by: cumulative[cumulative.count - 1]).high
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// Draws one word.
    func sample(random: inout SplitMix64) -> String {
        words[sampleRank(random: &random)]
    }

    /// Draws one word of the long tail (not a function word), e.g. as a replacement in an edit.
    func sampleContentWord(random: inout SplitMix64) -> String {
        words[Self.functionWords.count + random.nextInt(below: words.count - Self.functionWords.count)]
    }
}

/// Pronounceable invented words and names, built from onset–vowel–coda syllables.
enum Syllables {
    private static let onsets = [
        "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
        "b", "d", "k", "l", "m", "n", "r", "s", "t", "br", "dr", "st", "tr", "sh", "ch", "pl", "th", "", "", "",
    ]
    private static let vowels = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "ea", "ou"]
    private static let codas = ["", "", "", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st"]
    private static let suffixes = ["", "", "", "", "", "", "", "", "s", "s", "ed", "ing", "er", "ly", "al"]

    /// Returns a lowercase word of one to three syllables, sometimes with an English-like suffix.
    static func word(random: inout SplitMix64) -> String {
        let syllableCount = [1, 1, 2, 2, 2, 2, 2, 3][random.nextInt(below: 8)]
        var word = ""
        for _ in 0..<syllableCount {
            word += random.pick(onsets)
            word += random.pick(vowels)
            word += random.pick(codas)
        }
        word += random.pick(suffixes)
        return word
    }

    /// Returns a capitalised name part of two or three syllables, such as "Kalo" or "Venter".
    static func namePart(random: inout SplitMix64) -> String {
        var name = ""
        for _ in 0..<random.nextInt(in: 2...3) {
            name += random.pick(onsets)
            name += random.pick(vowels)
            if random.nextBool(perMille: 300) {
                name += random.pick(codas)
            }
        }
        return capitalise(name)
    }

    /// Upper-cases the first letter of an ASCII word.
    static func capitalise(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}
