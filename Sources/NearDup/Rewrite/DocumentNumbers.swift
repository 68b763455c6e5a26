/// The numbers a document's whole text carries: the hashes of its normalized words made of ASCII
/// digits only, sorted and distinct. Formulaic stories share a template and differ in their
/// figures, so a rewrite must keep most of its source's numbers (`MatchRules.isRewrite`).
package enum DocumentNumbers {
    /// The number sets of `selected` documents, from the paragraphs that `included` marks, in the
    /// order of `selected`.
    /// - Complexity: O(*n*) in the documents' text, plus sorting each set.
    static func sets(
        of selected: [Int], included: [Bool], documents: [Document], corpus: PreparedCorpus, threads: Int
    ) -> [[UInt64]] {
        parallelChunks(count: selected.count, threads: threads) { range in
            selected[range].map { set(of: $0, included: { included[$0] }, documents: documents, corpus: corpus) }
        }.flatMap { $0 }
    }

    /// The number set of `document`, from the paragraphs that `included` accepts.
    /// - Complexity: O(*n*) in the document's text, plus sorting the set.
    package static func set(
        of document: Int, included: (Int) -> Bool, documents: [Document], corpus: PreparedCorpus
    ) -> [UInt64] {
        var normalizer = TextNormalizer()
        var numbers: [UInt64] = []
        for paragraph in corpus.paragraphs(ofDocument: document) where included(paragraph) {
            documents[document].withTextUTF8(inBytes: corpus.byteRange(ofParagraph: paragraph)) {
                normalizer.normalize($0)
            }
            appendNumbers(of: normalizer, to: &numbers)
        }
        _ = sortAndUnique(&numbers, from: 0)
        return numbers
    }

    /// Appends the hash of each all-digit word of `normalizer`'s current text.
    private static func appendNumbers(of normalizer: TextNormalizer, to numbers: inout [UInt64]) {
        normalizer.bytes.withUnsafeBytes { text in
            guard let base = text.baseAddress else { return }
            for (start, end) in zip(normalizer.wordStarts, normalizer.wordEnds) {
                let word = UnsafeRawBufferPointer(rebasing: text[Int(start)..<Int(end)])
                guard word.allSatisfy({ (0x30...0x39).contains($0) }) else { continue }
                numbers.append(XXH3.hash(base + Int(start), count: word.count, seed: SignatureFormat.shingleSeed))
            }
        }
    }
}
