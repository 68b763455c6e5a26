import CNearDupKernels
import Testing

@testable import NearDup

@Suite struct TextNormalizerTests {
    /// Spellings found in the seed articles (and their typographic cousins) with the words they must give.
    @Test(arguments: [
        ("Kim Jong Un", "kim jong un"),
        ("Kim Jong-un", "kim jong un"),
        ("Kim Jong\u{2011}un", "kim jong un"),  // U+2011 non-breaking hyphen
        ("Kim Jong\u{2010}Un", "kim jong un"),  // U+2010 hyphen
        ("12,000", "12 000"),
        ("12 000", "12 000"),
        ("12, 000", "12 000"),
        ("12\u{00A0}000", "12 000"),  // no-break space
        ("12\u{202F}000", "12 000"),  // narrow no-break space
        ("Kremlin\u{2019}s", "kremlin s"),
        ("Kremlin's", "kremlin s"),
        ("Kremlin\u{02BC}s", "kremlin s"),  // modifier letter apostrophe
        ("\u{201C}completely liberate\u{201D}", "completely liberate"),
        ("\u{201C}solidarity\u{201D} and \u{201C}heroism.\u{201D}", "solidarity and heroism"),
        ("Russia \u{2014} considered the largest", "russia considered the largest"),
        ("Russia\u{2014}considered", "russia considered"),
        ("1950\u{2013}53 Korean War", "1950 53 korean war"),
        ("\u{FB01}ne", "fine"),  // ligature
        ("\u{FF26}\u{FF55}\u{FF4C}\u{FF4C}", "full"),  // full-width
        ("\u{2460}", "1"),  // circled digit one
        ("x\u{00B2}", "x2"),  // superscript two
        ("Stra\u{00DF}e", "strasse"),
        ("\u{03A3}\u{0391}\u{03A3}", "\u{03C3}\u{03B1}\u{03C3}"),
        ("Caf\u{0065}\u{0301}", "caf\u{00E9}"),
        ("  North\tKorea \n\n  confirmed   ", "north korea confirmed"),
    ])
    func normalizesSeedSpellings(input: String, expected: String) {
        #expect(Kernel.words(input) == expected)
    }

    /// Scripts written without spaces get one word per character (marks stay with their
    /// character), joined as written; other words around them are separated as usual.
    @Test(arguments: [
        ("周一下午", ["周", "一", "下", "午"], "周一下午"),
        ("东京 Tokyo，2024年", ["东", "京", "tokyo", "2024", "年"], "东京 tokyo 2024 年"),
        ("ｶﾀｶﾅとひらがな", ["カ", "タ", "カ", "ナ", "と", "ひ", "ら", "が", "な"], "カタカナとひらがな"),
        ("ภาษาไทย", ["ภ", "า", "ษ", "า", "ไ", "ท", "ย"], "ภาษาไทย"),
        ("กี่", ["กี่"], "กี่"),  // a consonant with a vowel mark and a tone mark
    ])
    func unsegmentedScriptsHaveOneWordPerCharacter(input: String, words: [String], text: String) {
        let normalizer = Kernel.normalized(input)
        let bytes = normalizer.bytes
        let found = zip(normalizer.wordStarts, normalizer.wordEnds).map {
            String(decoding: bytes[Int($0)..<Int($1)], as: UTF8.self)
        }
        #expect(found == words)
        #expect(Kernel.words(input) == text)
    }

    @Test func combiningAccentEqualsPrecomposed() {
        let decomposed = Kernel.normalized("Pyongyang e\u{0301}te\u{0301}")
        let precomposed = Kernel.normalized("Pyongyang \u{00E9}t\u{00E9}")
        #expect(decomposed.bytes == precomposed.bytes)
        #expect(decomposed.wordStarts == precomposed.wordStarts)
        #expect(decomposed.wordEnds == precomposed.wordEnds)
    }

    @Test func punctuationVariantsOfASeedSentenceAgree() {
        // Seed 000 says "Kim Jong-un", seed 001 "Kim Jong Un"; the apostrophes differ too.
        let hyphenated = Kernel.words("Comrade Kim Jong-un\u{2019}s order \u{2014} 12,000 troops.")
        let spaced = Kernel.words("COMRADE KIM JONG UN'S ORDER - 12 000 TROOPS")
        #expect(hyphenated == "comrade kim jong un s order 12 000 troops")
        #expect(spaced == hyphenated)
    }

    /// The byte-level fast path (ASCII plus no-break spaces and General Punctuation) agrees with
    /// the Unicode path (NFKC, case folding, scalar classes).
    @Test(arguments: [
        "Hello, World 12,000",
        "The post North Korea officially confirms it sent troops appeared first on Politico.",
        "Arpan Rai28 April 2025 04:39",
        "- Noem takes look at cross-border tunnel during El Paso visit",
        "“Comrade Kim Jong Un decided on our armed forces’ participation … in the war,” the statement said.",
        "The strategic partnership treaty — considered the largest\u{00A0}defense agreement – requires‑both",
    ])
    func asciiFastPathAgreesWithUnicodePath(text: String) {
        let fast = Kernel.normalized(text)
        let unicode = Kernel.normalized(text, fastPath: false)
        #expect(fast.bytes == unicode.bytes)
        #expect(fast.wordStarts == unicode.wordStarts)
        #expect(fast.wordEnds == unicode.wordEnds)
    }

    /// Every character the fast path admits beyond ASCII gives the Unicode path's result; the two
    /// whose compatibility forms carry a combining mark (U+2017, U+203E) are not admitted.
    @Test func everyAdmittedNonASCIICharacterIsTreatedAlikeOnBothPaths() {
        var admitted = 0
        for value in Array(0x0080...0x00FF) + Array(0x2000...0x207F) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "ab" + String(scalar) + "cd"
            let isAdmitted = Array(text.utf8).withUnsafeBufferPointer { TextNormalizer.isSeparatorOnlyBeyondASCII($0) }
            guard isAdmitted else { continue }
            admitted += 1
            let fast = Kernel.normalized(text)
            let unicode = Kernel.normalized(text, fastPath: false)
            #expect(fast.bytes == unicode.bytes, "U+\(String(value, radix: 16))")
            #expect(fast.wordStarts == unicode.wordStarts, "U+\(String(value, radix: 16))")
        }
        #expect(admitted == 19 + 0x70 - 2)
        #expect(!Array("a\u{2017}b".utf8).withUnsafeBufferPointer { TextNormalizer.isSeparatorOnlyBeyondASCII($0) })
        #expect(!Array("a\u{2074}b".utf8).withUnsafeBufferPointer { TextNormalizer.isSeparatorOnlyBeyondASCII($0) })
        #expect(!Array("café".utf8).withUnsafeBufferPointer { TextNormalizer.isSeparatorOnlyBeyondASCII($0) })
    }

    @Test func everyASCIICharacterIsTreatedAlikeOnBothPaths() {
        for value in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(value)) + "b"
            let fast = Kernel.normalized(text)
            let unicode = Kernel.normalized(text, fastPath: false)
            #expect(fast.bytes == unicode.bytes, "byte \(value)")
            #expect(fast.wordStarts == unicode.wordStarts, "byte \(value)")
        }
        #expect(Kernel.words("a-b") == "a b")
        #expect(Kernel.words("aZ9b") == "az9b")
        #expect(Kernel.words("a_b@c[d`e{f") == "a b c d e f")
    }

    @Test(arguments: ["", "   ", "\u{201C}\u{201D} \u{2014} \u{2026}", "--- ... !!! ,,, ''", "\u{00A0}\u{2019}"])
    func emptyAndPunctuationOnlyParagraphsHaveNoWords(text: String) {
        let normalizer = Kernel.normalized(text)
        #expect(normalizer.wordCount == 0)
        #expect(normalizer.bytes.isEmpty)
        #expect(normalizer.wordEnds.isEmpty)
    }

    @Test func reusedNormalizerForgetsThePreviousParagraph() {
        var normalizer = TextNormalizer()
        var first = "One two three four five six"
        first.withUTF8 { normalizer.normalize($0) }
        var second = "\u{2014}Seven\u{2014}"
        second.withUTF8 { normalizer.normalize($0) }
        #expect(String(decoding: normalizer.bytes, as: UTF8.self) == "seven")
        #expect(normalizer.wordStarts == [0])
        #expect(normalizer.wordEnds == [5])
    }

    @Test(arguments: [
        "Kim Jong Un and Vladimir PutinKCNA via REUTERS",
        "North Korea\u{2019}s top leader Kim Jong Un has said he sent troops to Russia.",
        "Stra\u{00DF}e \u{FB01}ne \u{2460} \u{00E9}t\u{00E9} \u{65E5}\u{672C} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
        "about 4, 000 reported dead",
    ])
    func wordOffsetsDescribeTheBytes(text: String) {
        let normalizer = Kernel.normalized(text)
        let bytes = normalizer.bytes
        let starts = normalizer.wordStarts.map(Int.init)
        let ends = normalizer.wordEnds.map(Int.init)
        #expect(starts.count == ends.count)
        #expect(normalizer.wordCount == starts.count)
        // Words are joined by one space, except two characters of a script written without spaces.
        let words = String(decoding: bytes, as: UTF8.self).split(separator: " ").flatMap { part in
            part.unicodeScalars.allSatisfy(TextNormalizer.isUnsegmentedScalar)
                ? part.unicodeScalars.map { String($0) } : [String(part)]
        }
        #expect(words.count == starts.count)
        #expect(starts.first == 0)
        #expect(ends.last == bytes.count)
        for index in starts.indices {
            #expect(starts[index] < ends[index])
            #expect(String(decoding: bytes[starts[index]..<ends[index]], as: UTF8.self) == words[index])
            if index + 1 < starts.count && starts[index + 1] != ends[index] {
                #expect(bytes[ends[index]] == 0x20)
                #expect(starts[index + 1] == ends[index] + 1)
            }
        }
    }

    /// The vector kernel (64 bytes at a time) and the portable byte loop write the same text and
    /// word bounds: on every seed paragraph, and on random text whose words and separator runs
    /// straddle the 64-byte blocks and the 16-byte copies (lengths 0 to 300, words up to 70 bytes).
    @Test func vectorAndPortableKernelsAgree() throws {
        var paragraphs: [[UInt8]] = []
        for seed in ["000", "001", "002", "003", "004"] {
            paragraphs += try Kernel.paragraphs(Kernel.seed(seed), .lines).map { Array($0.utf8) }
        }
        var random = SplitMix64(seed: 64)
        let alphabet = ["a", "Z", "9", " ", ".", "-", ",", "\t", "\u{2014}"].map { Array($0.utf8) }
        for length in 0...300 {
            var text: [UInt8] = []
            while text.count < length {
                let isLongWord = random.next() % 8 == 0
                let run = Int(random.next() % (isLongWord ? 70 : 9)) + 1
                for _ in 0..<run { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            paragraphs.append(text)
            paragraphs.append([UInt8](repeating: 0x61, count: length))
        }
        var compared = 0
        for paragraph in paragraphs {
            let count = paragraph.count
            var vector = (bytes: [UInt8](repeating: 0, count: count + 16), length: 0)
            var portable = (bytes: [UInt8](repeating: 0, count: count + 16), length: 0)
            var starts = ([Int32](repeating: 0, count: (count + 1) / 2), [Int32](repeating: 0, count: (count + 1) / 2))
            var ends = starts
            var scratch = [UInt8](repeating: 0, count: count + 64)
            let vectorWords = neardup_normalize_fast(
                paragraph, count, &vector.bytes, &vector.length, &starts.0, &ends.0, &scratch)
            let portableWords = neardup_normalize_fast_portable(
                paragraph, count, &portable.bytes, &portable.length, &starts.1, &ends.1)
            let words = Int(vectorWords)
            #expect(vectorWords == portableWords, "\(paragraph)")
            #expect(vector.length == portable.length, "\(paragraph)")
            guard vectorWords == portableWords, words >= 0, vector.length == portable.length else { continue }
            compared += 1
            #expect(vector.bytes[..<vector.length] == portable.bytes[..<portable.length], "\(paragraph)")
            #expect(starts.0[..<words] == starts.1[..<words] && ends.0[..<words] == ends.1[..<words], "\(paragraph)")
        }
        #expect(compared >= 602)  // every random text is on the fast path
    }
}
