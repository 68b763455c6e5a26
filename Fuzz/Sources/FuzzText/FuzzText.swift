import FuzzSupport

@testable import NearDup

/// Fuzzes the text pipeline: bytes → `String` (invalid UTF-8 repaired, as the loader does) →
/// paragraph splitter → normalizer → shingler.
///
/// Two option bytes pick the shingle lengths. Invariants:
/// - paragraph spans are non-empty, in order, disjoint, inside the text, on scalar boundaries,
///   trimmed of ASCII white space, and (in `lines` mode) hold no line break;
/// - the normalized text is words of letters, marks and numbers joined by single spaces (two words
///   of a script written without spaces, each one character and its marks, are joined as written), with
///   word offsets that agree with the bytes;
/// - the ASCII fast path, whenever it is taken, gives exactly what the Unicode path gives;
/// - word and character shingling give one hash per n-gram (one for shorter, non-empty text).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let wordLength = Int(input.byte() % 8) + 1
    let characterLength = Int(input.byte() % 8) + 1
    var text = String(decoding: input.payload, as: UTF8.self)
    var fast = TextNormalizer()
    var unicode = TextNormalizer()
    var hashes: [UInt64] = []
    var spans: [Range<Int>] = []
    text.withUTF8 { utf8 in
        for mode in ParagraphSplitting.allCases {
            spans.removeAll()
            ParagraphSplitter(mode: mode).split(utf8, into: &spans)
            checkSpans(spans, in: utf8, mode: mode)
            for span in spans {
                let paragraph = UnsafeBufferPointer(rebasing: utf8[span])
                fast.normalize(paragraph)
                unicode.normalize(paragraph, allowingFastPath: false)
                checkNormalized(unicode)
                if TextNormalizer.isSeparatorOnlyBeyondASCII(paragraph) {
                    check(
                        fast.bytes == unicode.bytes && fast.wordStarts == unicode.wordStarts
                            && fast.wordEnds == unicode.wordEnds,
                        "fast path gives \(words(fast)), Unicode path \(words(unicode)) for \(Array(paragraph))")
                }
                checkShingles(of: fast, kind: .words(wordLength), into: &hashes)
                checkShingles(of: fast, kind: .characters(characterLength), into: &hashes)
            }
        }
    }
    return 0
}

/// Checks the paragraph spans of `text`.
private func checkSpans(_ spans: [Range<Int>], in text: UnsafeBufferPointer<UInt8>, mode: ParagraphSplitting) {
    var previousEnd = 0
    for span in spans {
        check(!span.isEmpty && span.lowerBound >= previousEnd && span.upperBound <= text.count, "bad span \(span)")
        check(isOnScalarBoundaries(span, of: text), "span \(span) cuts a scalar")
        let isASCIIWhitespace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        check(
            !isASCIIWhitespace(text[span.lowerBound]) && !isASCIIWhitespace(text[span.upperBound - 1]),
            "span \(span) is not trimmed")
        if mode == .lines {
            check(!text[span].contains { $0 == 0x0A || $0 == 0x0D }, "line span \(span) holds a line break")
        }
        previousEnd = span.upperBound
    }
}

/// Checks that `normalizer` holds words of letters, marks and numbers joined by single spaces.
private func checkNormalized(_ normalizer: TextNormalizer) {
    let bytes = normalizer.bytes
    let starts = normalizer.wordStarts.map(Int.init)
    let ends = normalizer.wordEnds.map(Int.init)
    check(starts.count == ends.count, "\(starts.count) word starts, \(ends.count) word ends")
    check(bytes.isEmpty == starts.isEmpty, "\(bytes.count) bytes of \(starts.count) words")
    var previousWord = ""
    for (index, (start, end)) in zip(starts, ends).enumerated() {
        check(start < end && end <= bytes.count, "word \(index) at \(start)..<\(end)")
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        // Two words of a script written without spaces are joined as written; others by one space.
        let isJoined =
            index > 0 && start == ends[index - 1]
            && [previousWord.unicodeScalars.first, word.unicodeScalars.first].allSatisfy {
                $0.map(TextNormalizer.isUnsegmentedScalar) ?? false
            }
        if index > 0 && !isJoined {
            check(start == ends[index - 1] + 1, "word \(index) at \(start)..<\(end)")
            check(bytes[start - 1] == 0x20, "word \(index) is not preceded by one space")
        } else if index == 0 {
            check(start == 0, "word 0 at \(start)..<\(end)")
        }
        previousWord = word
        check(Array(word.utf8) == Array(bytes[start..<end]), "word \(index) is not valid UTF-8")
        check(word.unicodeScalars.allSatisfy(TextNormalizer.isWordScalar), "word \(index) holds a separator")
    }
    check(ends.last ?? 0 == bytes.count, "text continues after the last word")
}

/// Checks that `normalizer`'s text gives one shingle hash per `kind` n-gram.
private func checkShingles(of normalizer: TextNormalizer, kind: ShingleKind, into hashes: inout [UInt64]) {
    hashes.removeAll(keepingCapacity: true)
    Shingler(kind: kind, seed: SignatureFormat.shingleSeed).appendShingleHashes(of: normalizer, to: &hashes)
    let units: Int
    switch kind {
    case .words: units = normalizer.wordCount
    case .characters: units = String(decoding: normalizer.bytes, as: UTF8.self).unicodeScalars.count
    }
    let expected = units == 0 ? 0 : max(1, units - kind.length + 1)
    check(hashes.count == expected, "\(hashes.count) \(kind) shingles of \(units) units, expected \(expected)")
}

/// The normalized words, for messages.
private func words(_ normalizer: TextNormalizer) -> String {
    "\"\(String(decoding: normalizer.bytes, as: UTF8.self))\""
}
