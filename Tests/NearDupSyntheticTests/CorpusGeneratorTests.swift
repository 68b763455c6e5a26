import Foundation
import NearDupTestSupport
import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupSynthetic

@Suite struct CorpusGeneratorTests {
    /// Generates the pages and records of a feed, keeping the parts tests need.
    static func articles(count: Int, seed: UInt64) -> [(article: GeneratedArticle, record: TruthRecord)] {
        var result: [(GeneratedArticle, TruthRecord)] = []
        CorpusGenerator(configuration: .init(documentCount: count, seed: seed)).forEachArticle { article, record in
            result.append((article, record))
        }
        return result
    }

    /// The feed's JSON Lines bytes.
    static func feedBytes(_ corpus: GeneratedCorpus) -> [UInt8] {
        var bytes: [UInt8] = []
        for document in corpus.documents {
            document.appendJSONLine(to: &bytes)
        }
        for record in corpus.truth {
            record.appendJSONLine(to: &bytes)
        }
        return bytes
    }

    @Test func sameSeedGivesIdenticalOutput() {
        let configuration = CorpusGenerator.Configuration(documentCount: 300, seed: 7)
        let first = CorpusGenerator(configuration: configuration).generate()
        let second = CorpusGenerator(configuration: configuration).generate()
        #expect(first.documents == second.documents)
        #expect(first.truth == second.truth)
        #expect(Self.feedBytes(first) == Self.feedBytes(second))
    }

    @Test func differentSeedsGiveDifferentOutput() {
        let first = CorpusGenerator(configuration: .init(documentCount: 50, seed: 1)).generate()
        let second = CorpusGenerator(configuration: .init(documentCount: 50, seed: 2)).generate()
        #expect(first.documents.map(\.text) != second.documents.map(\.text))
    }

    @Test func goldenPrefixIsStable() throws {
        // Guards `formatVersion`: if this changes, bump `CorpusGenerator.formatVersion`.
        let corpus = CorpusGenerator(configuration: .init(documentCount: 20, seed: 42)).generate()
        let digest = Self.feedBytes(corpus).withUnsafeBytes { XXH3.hash($0, seed: 0) }
        #expect(CorpusGenerator.formatVersion == 1)
        #expect(digest == Self.goldenDigest, "digest \(String(digest, radix: 16))")
    }

    static let goldenDigest: UInt64 = 0x9D33_2AE7_624F_AA84

    @Test func streamingMatchesGenerate() {
        let generator = CorpusGenerator(configuration: .init(documentCount: 120, seed: 3))
        var documents: [Document] = []
        var truth: [TruthRecord] = []
        generator.forEachDocument { document, record in
            documents.append(document)
            truth.append(record)
        }
        let corpus = generator.generate()
        #expect(documents == corpus.documents)
        #expect(truth == corpus.truth)
    }

    @Test(arguments: [0.0, 0.3, 0.6])
    func kindCountsFollowTheConfiguration(copyFraction: Double) {
        let configuration = CorpusGenerator.Configuration(
            documentCount: LongTests.either(short: 1_000, long: 3_000), seed: 11, copyFraction: copyFraction)
        let truth = CorpusGenerator(configuration: configuration).generate().truth
        var counts: [TruthRecord.Kind: Int] = [:]
        for record in truth {
            counts[record.kind, default: 0] += 1
        }
        let copies = counts[.verbatim, default: 0] + counts[.syndicated, default: 0] + counts[.partial, default: 0]
        let share = Double(copies) / Double(truth.count)
        #expect(abs(share - copyFraction) < 0.04, "copy share \(share)")
        if copyFraction > 0 {
            for kind in TruthRecord.Kind.allCases {
                #expect(counts[kind, default: 0] > 0, "no \(kind) documents")
            }
            // Verbatim 1/4, syndicated 11/20, partial 1/5 of copies.
            #expect(abs(Double(counts[.syndicated, default: 0]) / Double(copies) - 0.55) < 0.06)
        } else {
            #expect(counts[.original] == nil)
        }
    }

    @Test func copiesPointToEarlierOriginalsAndEveryOriginalHasACopy() throws {
        let corpus = CorpusGenerator(configuration: .init(documentCount: 1_000, seed: 5)).generate()
        var position: [String: Int] = [:]
        var copied = Set<String>()
        for (index, record) in corpus.truth.enumerated() {
            #expect(record.id == corpus.documents[index].id)
            #expect(record.id == String(format: "doc-%07d", index + 1))
            position[record.id] = index
            switch record.kind {
            case .original, .unique:
                #expect(record.original == nil)
                #expect(record.edits.isEmpty)
            case .verbatim, .syndicated, .partial:
                let original = try #require(record.original)
                let originalIndex = try #require(position[original], "\(original) is not earlier than \(record.id)")
                #expect(corpus.truth[originalIndex].kind == .original)
                #expect(corpus.documents[originalIndex].source != corpus.documents[index].source)
                let published = try #require(corpus.documents[index].published)
                #expect(published > corpus.documents[originalIndex].published!)
                copied.insert(original)
            }
        }
        for record in corpus.truth where record.kind == .original {
            #expect(copied.contains(record.id), "original \(record.id) has no copy")
        }
        for record in corpus.truth where record.kind == .syndicated {
            #expect(!record.edits.isEmpty)
        }
    }

    @Test func publishedTimesIncreaseThroughTheFeed() throws {
        let documents = CorpusGenerator(configuration: .init(documentCount: 200, seed: 9)).generate().documents
        for (earlier, later) in zip(documents, documents.dropFirst()) {
            let earlierTime = try #require(earlier.published)
            let laterTime = try #require(later.published)
            #expect(earlierTime < laterTime)
        }
    }

    @Test func verbatimCopiesKeepTheOriginalBody() throws {
        let articles = Self.articles(count: 600, seed: 13)
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.article.id, $0.article) })
        var verbatimCount = 0
        for (article, record) in articles where record.kind == .verbatim {
            let originalID = try #require(record.original)
            let original = try #require(byID[originalID])
            #expect(article.title == original.title)
            #expect(article.body == original.body)
            #expect(article.source != original.source)
            verbatimCount += 1
        }
        #expect(verbatimCount > 10)
    }

    @Test func copiesShareParagraphsWithTheirOriginal() throws {
        let articles = Self.articles(count: 600, seed: 13)
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.article.id, $0.article) })
        for (article, record) in articles where record.kind == .partial {
            let originalID = try #require(record.original)
            let original = try #require(byID[originalID])
            let shared = article.body.filter(original.body.contains).count
            #expect(shared == 2 || shared == 3)
            #expect(record.edits == ["embeddedParagraphs:\(shared)"])
        }
    }

    @Test func uniqueDocumentsShareNoParagraphWithAnyOtherDocument() {
        let articles = Self.articles(count: 500, seed: 17)
        var documentsByLine: [String: Set<Int>] = [:]
        for (index, entry) in articles.enumerated() {
            for line in entry.article.text.components(separatedBy: "\n") where !line.isEmpty {
                documentsByLine[line, default: []].insert(index)
            }
        }
        var checked = 0
        for (index, entry) in articles.enumerated() where entry.record.kind == .unique {
            for paragraph in entry.article.body {
                #expect(documentsByLine[paragraph] == [index], "\(entry.article.id) shares a paragraph")
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test func textUsesBothParagraphSeparators() {
        let documents = CorpusGenerator(configuration: .init(documentCount: 100, seed: 19)).generate().documents
        let double = documents.filter { $0.text.contains("\n\n") }.count
        #expect(double > 20)
        #expect(documents.count - double > 20)
    }

    @Test func textLooksLikeNews() {
        let documents = CorpusGenerator(configuration: .init(documentCount: 200, seed: 23)).generate().documents
        let all = documents.map(\.text).joined(separator: "\n")
        for marker in ["\u{201C}", "\u{2019}", " said ", "appeared first on", "Trending\n", "\n- ", "Home", ","] {
            #expect(all.contains(marker), "no \(marker.debugDescription) in the feed")
        }
        #expect(all.contains(/\d{1,3},\d{3}/))
        #expect(Set(documents.compactMap(\.source)).count > 30)
    }

    @Test func averageDocumentSizeIsNewsLike() {
        let corpus = CorpusGenerator(
            configuration: .init(documentCount: LongTests.either(short: 500, long: 2_000), seed: 29)
        )
        .generate()
        let average = corpus.documents.reduce(0) { $0 + $1.text.utf8.count } / corpus.documents.count
        #expect((5_000...7_000).contains(average), "average text size \(average) bytes")
    }
}
