import Foundation
import NearDup
import NearDupTestSupport
import Testing

@testable import NearDupIndex
@testable import NearDupSynthetic

/// Adding a feed's articles one by one gives the document links `scan` finds on the whole feed,
/// rewrites included.
@Suite struct EquivalenceTests {
    /// 200 generated articles, each fifth followed by a reworded copy of an earlier one
    /// (`RewrittenCopies`).
    static let generated = RewrittenCopies.interleaved(
        CorpusGenerator(configuration: .init(documentCount: 200, seed: 2026)).generate().documents)
    /// The corpus of the runs that add every article one by one: `generated` in the long tier, 120
    /// articles and their 24 reworded copies (enough for three merges of 40) by default.
    static let oneByOne = LongTests.either(
        short: RewrittenCopies.interleaved(
            CorpusGenerator(configuration: .init(documentCount: 120, seed: 2026)).generate().documents),
        long: generated)

    /// The links of `facts` that are rewrites.
    static func rewrites(_ facts: Set<PairFacts>) -> Int { facts.filter { $0.relation == .rewrite }.count }

    @Test func fixturesAddedOneByOneGiveTheScanLinks() throws {
        let documents = try IndexFixtures.feed()
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("fixtures.neardup"), configuration: IndexFixtures.fast)
        let answers = try documents.map { try index.add($0) }
        let expected = try PairFacts.ofScan(documents, options: NearDupOptions())
        #expect(expected.count == 3)
        #expect(PairFacts.ofAnswers(answers) == expected)
    }

    /// The seeds with `char:5` at 0.3: 000's KCNA quotation links it to 001 and 003 as `quotation`,
    /// and the index says the same.
    @Test func seedsSharedQuotationAddedOneByOneGivesTheScanLinks() throws {
        var options = NearDupOptions()
        options.shingle = .characters(5)
        options.threshold = 0.3
        let seeds = Array(try IndexFixtures.feed().prefix(5))
        let folder = try ScratchFolder()
        let index = try NearDupIndex(
            path: folder.path("seeds.neardup"), options: options, configuration: IndexFixtures.fast)
        let answers = try seeds.map { try index.add($0) }
        let expected = try PairFacts.ofScan(seeds, options: options)
        #expect(expected.filter { $0.relation == .quotation }.count == 2)
        #expect(PairFacts.ofAnswers(answers) == expected)
    }

    /// Character shingles match more of the lightly reworded copies as `copy` paragraph by
    /// paragraph, so fewer are left as rewrites.
    @Test(arguments: [(ShingleKind.words(5), 10), (.characters(5), 3)])
    func generatedCorpusAddedOneByOneGivesTheScanLinks(shingle: ShingleKind, rewrites: Int) throws {
        var options = NearDupOptions()
        options.shingle = shingle
        let documents = Self.oneByOne
        let folder = try ScratchFolder()
        let index = try NearDupIndex(
            path: folder.path("generated.neardup"), options: options, configuration: IndexFixtures.fast)
        let answers = try documents.map { try index.add($0) }
        let expected = try PairFacts.ofScan(documents, options: options)
        let found = PairFacts.ofAnswers(answers)
        #expect(expected.count > 30)
        #expect(Self.rewrites(expected) >= rewrites, "\(Self.rewrites(expected)) rewrites")
        #expect(found.subtracting(expected).isEmpty, "only in the index: \(found.subtracting(expected).prefix(5))")
        #expect(expected.subtracting(found).isEmpty, "only in scan: \(expected.subtracting(found).prefix(5))")
    }

    @Test func batchesGiveTheAnswersOfSingleAdds() throws {
        let documents = Array(Self.generated.prefix(100))
        let folder = try ScratchFolder()
        let single = try NearDupIndex(path: folder.path("single.neardup"), configuration: IndexFixtures.fast)
        let batched = try NearDupIndex(path: folder.path("batched.neardup"), configuration: IndexFixtures.fast)
        let one = try documents.map { try single.add($0) }
        var many: [IndexAnswer] = []
        for start in stride(from: 0, to: documents.count, by: 37) {
            many += try batched.add(contentsOf: Array(documents[start..<min(start + 37, documents.count)]))
        }
        #expect(PairFacts.ofAnswers(many) == PairFacts.ofAnswers(one))
        #expect(PairFacts.ofAnswers(one) == (try PairFacts.ofScan(documents, options: NearDupOptions())))
        #expect(Self.rewrites(PairFacts.ofAnswers(one)) >= 5)
        #expect(many.map(\.matches.count) == one.map(\.matches.count))
    }

    @Test func checkGivesTheAnswerOfAddWithoutAdding() throws {
        let documents = try IndexFixtures.feed()
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("check.neardup"), configuration: IndexFixtures.fast)
        _ = try index.add(contentsOf: Array(documents.dropLast(4)))
        let derived = Array(documents.suffix(4))
        let checked = try index.check(contentsOf: derived)
        #expect(try index.count == documents.count - 4)
        let added = try index.add(contentsOf: derived)
        #expect(checked.map(\.matches) == added.map(\.matches))
        #expect(checked.allSatisfy { !$0.isAdded } && added.allSatisfy(\.isAdded))
        // Checking an indexed article leaves itself out.
        let again = try index.check(derived[0])
        #expect(again.matches.map(\.id) == added[0].matches.map(\.id))
        #expect(added.compactMap { $0.duplicateOf?.id }.count == 2)
    }

    /// A `partial` match on one paragraph of fewer than 25 words is no match, as it is no link in
    /// `scan` (`MatchRules.keepsLink`); on one longer paragraph it is.
    @Test func aPartialOnOneShortParagraphIsNoMatch() throws {
        let source = Self.generated[0]
        let paragraphs = source.text.components(separatedBy: "\n\n")
        func words(_ paragraph: String) -> Int { paragraph.split(separator: " ").count }
        let short = try #require(paragraphs.first { (10..<25).contains(words($0)) })
        let long = try #require(paragraphs.first { words($0) >= 30 })
        let filler = Self.generated[100].text
        let documents = [
            source, Document(id: "short", text: filler + "\n\n" + short),
            Document(id: "long", text: filler + "\n\n" + long),
        ]
        let folder = try ScratchFolder()
        let index = try NearDupIndex(path: folder.path("floor.neardup"), configuration: IndexFixtures.fast)
        let answers = try documents.map { try index.add($0) }
        #expect(!answers[1].matches.contains { $0.id == source.id })
        #expect(answers[2].matches.contains { $0.id == source.id && $0.relation == .partial })
        let expected = try PairFacts.ofScan(documents, options: NearDupOptions())
        #expect(expected.contains { $0.source == source.id && $0.copy == "long" })
        #expect(PairFacts.ofAnswers(answers) == expected)
    }

    /// A pair found in every band is listed about once: a paragraph shared by thousands of
    /// articles must not be held dozens of times over while a batch is matched.
    @Test func candidateListsHoldAboutTheDistinctPairs() {
        var lists = CandidateLists(documents: 2)
        for band in 0..<43 {
            for earlier in 0..<1_000 { lists.append(UInt64(7) << 32 | UInt64(earlier), to: 1) }
            #expect(lists.lists[1].count <= 2 * 1_000 + 256, "band \(band)")
        }
        #expect(lists.sorted(of: 1) == (0..<1_000).map { UInt64(7) << 32 | UInt64($0) })
        #expect(lists.sorted(of: 0).isEmpty)
    }
}
