package import NearDup
package import NearDupFeeds

/// The lines of `neardup bands`: each document's LSH band keys and rewrite samples, for grouping
/// documents on a cluster (Spark) before deduplicating each group with the single-machine engine.
///
/// Format version 3, one line per record, fields separated by tabs:
///
/// - `3 TAB samples TAB N TAB M`: the first line, always: a rewrite sample held by more than `N`
///   documents (``RewriteOptions/maximumSampleDocuments``; byte-identical documents, those with the
///   same `TEXT`, counted once) is a common phrase, which proposes no rewrite, and two documents
///   are rewrite candidates only if they share at least `M` other samples
///   (``RewriteOptions/minimumSharedSamples``).
/// - `3 TAB doc TAB LOCATION TAB ID TAB KEYS TAB TEXT`: a document. `LOCATION` is `file:line` as in
///   error messages (`<stdin>:N` for standard input, N counting from 1 over every line, blank ones
///   included; the file's path alone for a `.txt` file) as a JSON string, so that a path holding a
///   tab or a newline cannot break the line (version 1 printed it raw); `ID` is the id as a JSON
///   string; `KEYS` are the document's distinct keys, ascending, separated by spaces, each a
///   lowercase hexadecimal number: a band key (``BandKey/token``: bits 0–31 the band key, bits
///   32–39 the band, bit 40 set for a key of the whole-text signature and clear for a key of a
///   matchable paragraph's signature) or, new in version 3, a rewrite sample of a paragraph outside
///   in-document boilerplate (``BandKey/sampleToken(ofSample:)``: bit 61 set, bits 0–60 the sample's
///   hash shifted right by 3). `KEYS` is empty for a document with neither. `TEXT` (new in version
///   3) is the XXH3 of the document's text in hexadecimal, equal for byte-identical texts.
/// - `3 TAB rejected TAB LOCATION TAB PROBLEM TAB REASON`: a rejected record (with
///   `--skip-invalid`): the problem code of `--rejects` and its explanation as a JSON string.
///
/// Two documents that the engine could link share a band key or `M` samples: exact copies of a
/// paragraph have the same keys, LSH candidates share a key in some band, identical documents
/// share their whole-text keys, and rewrite candidates share `M` samples that are not common
/// phrases over the whole input. So the connected components of "share a band key or `M` samples
/// that are not common" never split a link, a cluster of paragraphs or the documents whose shared
/// lines make them boilerplate, when each component's run is told the common phrases (they
/// propose nothing, but a component holds only some of their documents: `neardup dedup
/// --common-samples`).
package enum BandKeyLines {
    /// The format's version, the first field of every line.
    package static let version = 3

    /// The distinct key tokens of `document` in `corpus`, ascending: the band keys of its matchable
    /// paragraphs (`minimumWords` words or more, no in-document boilerplate) and of its whole text,
    /// and the rewrite samples of its paragraphs outside in-document boilerplate. `corpus` must
    /// still hold its paragraphs' band keys.
    package static func tokens(ofDocument document: Int, in corpus: PreparedCorpus, minimumWords: Int) -> [UInt64] {
        var tokens: Set<UInt64> = []
        for paragraph in corpus.paragraphs(ofDocument: document)
        where corpus.patternReason(ofParagraph: paragraph) == nil {
            for sample in corpus.rewriteSamples(ofParagraph: paragraph) {
                tokens.insert(BandKey.sampleToken(ofSample: sample))
            }
            guard corpus.isMatchable(paragraph, minimumWords: minimumWords) else { continue }
            for (band, key) in corpus.bandKeys(ofParagraph: paragraph).enumerated() {
                tokens.insert(BandKey(band: band, kind: .paragraph, value: key).token)
            }
        }
        for (band, key) in (corpus.bandKeys(ofDocument: document) ?? []).enumerated() {
            tokens.insert(BandKey(band: band, kind: .wholeText, value: key).token)
        }
        return tokens.sorted()
    }

    /// Appends the first line: the most documents a rewrite sample may be held by before it is a
    /// common phrase, and the fewest samples rewrite candidates share.
    package static func appendSampleRules(to buffer: inout [UInt8]) {
        let rules = "\(RewriteOptions.maximumSampleDocuments)\t\(RewriteOptions.minimumSharedSamples)"
        buffer += Array("\(version)\tsamples\t\(rules)\n".utf8)
    }

    /// Appends the line of document `document` of `corpus`, read as `id` at `location`.
    package static func appendDocument(
        _ document: Int, id: String, location: String, corpus: PreparedCorpus, minimumWords: Int,
        to buffer: inout [UInt8]
    ) {
        buffer += Array("\(version)\tdoc\t".utf8)
        appendJSONString(location, to: &buffer)
        buffer.append(UInt8(ascii: "\t"))
        appendJSONString(id, to: &buffer)
        buffer.append(UInt8(ascii: "\t"))
        let hex = tokens(ofDocument: document, in: corpus, minimumWords: minimumWords).map { String($0, radix: 16) }
        buffer += Array(hex.joined(separator: " ").utf8)
        buffer += Array("\t\(String(corpus.documentFingerprints[document], radix: 16))\n".utf8)
    }

    /// Appends the line of a rejected record.
    package static func appendRejected(_ issue: InputIssue, to buffer: inout [UInt8]) {
        let location = InputIssue.location(file: issue.file, line: issue.line)
        buffer += Array("\(version)\trejected\t".utf8)
        appendJSONString(location, to: &buffer)
        buffer += Array("\t\(issue.problem.code)\t".utf8)
        appendJSONString(issue.problem.description, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
    }
}
