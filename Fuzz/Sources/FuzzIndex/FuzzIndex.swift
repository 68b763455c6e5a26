import Foundation
import FuzzSupport
import NearDup
import NearDupIndex

/// Fuzzes the persistent index with fuzzed articles: two fresh indexes take the same articles, one
/// as a single batch and one article at a time.
///
/// Three option bytes pick the options (shingles, threshold, permutations), the merge threshold
/// (1 to 4, so articles go into sorted runs), `maximumMatches` (1 to 8, so answers are truncated),
/// and ids with U+0000 in them; the rest is cut at each 0xFF byte into at most 16 articles (ids
/// `d0`, `d1`, …). Invariants:
/// - no call throws, and each article is found afterwards under its id, text intact;
/// - a batch gives, article for article, the answers of adding them one by one (ids, relations,
///   scores, paragraph matches, `isTruncated`), and `check` before an add gives that add's answer;
/// - answers list at most `maximumMatches` earlier articles, once each, with scores in [0, 1];
/// - both indexes pass `checkIntegrity()`, also after removing every third article.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    var options = NearDupOptions()
    let shingle = input.byte()
    options.shingle = shingle & 1 == 0 ? .words(Int((shingle >> 1) % 5) + 1) : .characters(Int((shingle >> 1) % 5) + 1)
    let matching = input.byte()
    options.threshold = [0.5, 0.2, 0.8, 1.0][Int(matching % 4)]
    options.permutationCount = [16, 1, 7, 128][Int((matching >> 2) % 4)]
    options.minimumParagraphTokens = Int((matching >> 4) % 3) + 1
    let layout = input.byte()
    var configuration = NearDupIndex.Configuration()
    configuration.durability = .process
    configuration.cacheMebibytes = 1
    configuration.filterMebibytes = 1
    configuration.threadCount = Int(layout % 2) + 1
    configuration.mergeThreshold = Int((layout >> 1) % 4) + 1
    configuration.maximumMatches = Int((layout >> 3) % 8) + 1
    let nulInIDs = layout & 0x40 != 0
    let documents = input.payload.split(separator: 0xFF, maxSplits: 15, omittingEmptySubsequences: false)
        .enumerated().map { index, piece in
            Document(id: nulInIDs ? "d\0\(index)" : "d\(index)", text: String(decoding: piece, as: UTF8.self))
        }

    let folder = FuzzFolder.shared.fresh()
    do {
        let batched = try NearDupIndex(path: folder + "/batch.neardup", options: options, configuration: configuration)
        let single = try NearDupIndex(path: folder + "/single.neardup", options: options, configuration: configuration)
        let batch = try batched.add(contentsOf: documents)
        for (document, answer) in zip(documents, batch) {
            let checked = try single.check(document)
            let added = try single.add(document)
            check(facts(checked) == facts(added), "check and add of \(document.id) differ")
            check(facts(answer) == facts(added), "batch and single add of \(document.id) differ")
            checkAnswer(added, limit: configuration.maximumMatches, earlier: documents.prefix { $0.id != document.id })
        }
        for index in [batched, single] {
            check(try index.count == documents.count, "articles are missing")
            for document in documents { check(try index.contains(id: document.id), "\(document.id) is missing") }
            for (offset, document) in documents.enumerated() where offset % 3 == 0 {
                check(try index.remove(id: document.id), "\(document.id) was not removed")
            }
            let problems = try index.checkIntegrity().problems
            check(problems.isEmpty, "integrity: \(problems)")
        }
        for document in documents.enumerated().filter({ $0.offset % 3 != 0 }).map(\.element) {
            let probe = Document(id: "probe", text: document.text)
            let answer = try batched.check(probe)
            checkAnswer(answer, limit: configuration.maximumMatches, earlier: documents[...])
        }
    } catch {
        check(false, "the index threw \(error)")
    }
    return 0
}

/// What must agree between two answers for the same article (not the times they were added at).
private func facts(_ answer: IndexAnswer) -> [String] {
    ["\(answer.id) \(answer.paragraphCount) \(answer.contentWords) \(answer.isTruncated)"]
        + answer.matches.map { match in
            "\(match.id) \(match.relation) \(match.coverage) \(match.storedCoverage) \(match.jaccard) "
                + match.paragraphs.map {
                    "\($0.paragraph):\($0.storedParagraph):\($0.jaccard):\($0.containment):\($0.storedContainment)"
                }.joined(separator: ",")
        }
}

/// Checks that `answer` lists at most `limit` distinct articles among `earlier`, with scores in [0, 1].
private func checkAnswer(_ answer: IndexAnswer, limit: Int, earlier: ArraySlice<Document>) {
    let ids = answer.matches.map(\.id)
    check(ids.count <= limit, "\(answer.id) has \(ids.count) matches, more than \(limit)")
    check(Set(ids).count == ids.count, "\(answer.id) lists an article twice")
    let known = Set(earlier.map(\.id))
    for match in answer.matches {
        check(known.contains(match.id) && match.id != answer.id, "\(answer.id) matches \(match.id)")
        for score in [match.coverage, match.storedCoverage, match.jaccard] {
            check(score >= 0 && score <= 1, "\(answer.id) has score \(score)")
        }
        for paragraph in match.paragraphs {
            check(paragraph.jaccard >= 0 && paragraph.jaccard <= 1, "\(answer.id) has a paragraph score out of range")
        }
    }
}
