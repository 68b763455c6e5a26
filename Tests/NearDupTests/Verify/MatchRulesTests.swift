import Testing

@testable import NearDup

@Suite struct MatchRulesTests {
    static let rules = MatchRules(options: NearDupOptions(), boilerplate: .inDocumentAndRecurring)

    @Test func paragraphsMatchFromTheThresholdUp() {
        var options = NearDupOptions()
        options.threshold = 0.5
        let rules = MatchRules(options: options, boilerplate: .inDocument)
        #expect(rules.isMatch(SetOverlap(sorted: [1, 2, 3], [2, 3, 4])))  // 2/4
        #expect(!rules.isMatch(SetOverlap(sorted: [1, 2], [2, 3, 4])))  // 1/4
    }

    @Test func bestPartnerHasTheHighestJaccardThenTheEarliestParagraph() {
        #expect(MatchRules.isBetterPartner(jaccard: 0.9, paragraph: 7, than: (0.8, 2)))
        #expect(!MatchRules.isBetterPartner(jaccard: 0.8, paragraph: 7, than: (0.9, 2)))
        #expect(MatchRules.isBetterPartner(jaccard: 0.8, paragraph: 1, than: (0.8, 2)))
        #expect(!MatchRules.isBetterPartner(jaccard: 0.8, paragraph: 3, than: (0.8, 2)))
    }

    @Test func aPairWithoutEvidenceNeedsTheWholeTextThreshold() {
        let threshold = Self.rules.threshold
        #expect(Self.rules.isLinked(hasEvidence: true, wholeTextJaccard: 0))
        #expect(Self.rules.isLinked(hasEvidence: false, wholeTextJaccard: threshold))
        #expect(!Self.rules.isLinked(hasEvidence: false, wholeTextJaccard: threshold.nextDown))
    }

    @Test func coverageIsAShareAtMostOne() {
        #expect(MatchRules.coverage(matchedWords: 5, contentWords: 0) == 0)
        #expect(MatchRules.coverage(matchedWords: 1, contentWords: 4) == 0.25)
        #expect(MatchRules.coverage(matchedWords: 9, contentWords: 4) == 1)
    }

    @Test func relationFollowsTheThresholds() {
        let rules = Self.rules  // duplicate 0.8, copy 0.7, mutual 0.5
        #expect(
            rules.relation(copyCoverage: 0.9, sourceCoverage: 0.85, jaccard: 0, quotationsOnly: false) == .duplicate)
        #expect(rules.relation(copyCoverage: 0, sourceCoverage: 0, jaccard: 0.8, quotationsOnly: false) == .duplicate)
        #expect(rules.relation(copyCoverage: 0.7, sourceCoverage: 0.1, jaccard: 0.2, quotationsOnly: false) == .copy)
        #expect(rules.relation(copyCoverage: 0.5, sourceCoverage: 0.5, jaccard: 0.2, quotationsOnly: false) == .copy)
        #expect(rules.relation(copyCoverage: 0.6, sourceCoverage: 0.4, jaccard: 0.2, quotationsOnly: false) == .partial)
    }

    /// Shared quotations count toward no coverage: what is less than a copy and rests on them alone
    /// is a `quotation`, which the partial floor keeps and a rewrite may replace; a copy stays a copy.
    @Test func quotationsOnlyMakeAQuotationLink() {
        let rules = Self.rules
        #expect(rules.relation(copyCoverage: 0, sourceCoverage: 0, jaccard: 0.1, quotationsOnly: true) == .quotation)
        #expect(rules.relation(copyCoverage: 0.7, sourceCoverage: 0.1, jaccard: 0.2, quotationsOnly: true) == .copy)
        #expect(rules.relation(copyCoverage: 0, sourceCoverage: 0, jaccard: 0.8, quotationsOnly: true) == .duplicate)
        #expect(rules.keepsLink(relation: .quotation, matchedParagraphs: 0, matchedWords: 0))
        #expect(!rules.keepsLink(relation: .partial, matchedParagraphs: 1, matchedWords: 12))
        #expect(MatchRules.yieldsToRewrite(.quotation) && MatchRules.yieldsToRewrite(.partial))
        #expect(!MatchRules.yieldsToRewrite(.copy))
        #expect(Relation.allCases.filter(\.isRemovable) == [.duplicate, .copy, .rewrite])
    }

    /// The one intended difference between batch `scan` and the index: only the batch leaves
    /// recurring boilerplate out of the whole text.
    @Test func onlyTheBatchScopeLeavesRecurringBoilerplateOut() {
        let index = MatchRules(options: NearDupOptions(), boilerplate: .inDocument)
        #expect(!Self.rules.isInWholeText(patternReason: nil, isRecurring: true))
        #expect(index.isInWholeText(patternReason: nil, isRecurring: true))
        #expect(!index.isInWholeText(patternReason: .caption, isRecurring: false))
        #expect(Self.rules.isInWholeText(patternReason: nil, isRecurring: false))
    }

    // MARK: - Rewrites and partial links

    /// A set of `count` elements starting at `first`.
    static func set(_ first: UInt64, count: Int) -> [UInt64] { (0..<UInt64(count)).map { first + $0 } }

    @Test func rewrittenTextKeepsAQuarterOfTheShorterTextsTrigrams() {
        // 25 of the shorter set's 100 3-grams are in the longer one (containment, not Jaccard).
        #expect(Self.rules.isRewritten(SetOverlap(sorted: Self.set(0, count: 100), Self.set(75, count: 400))))
        #expect(!Self.rules.isRewritten(SetOverlap(sorted: Self.set(0, count: 100), Self.set(76, count: 400))))
        var options = NearDupOptions()
        options.rewrite.isEnabled = false
        let off = MatchRules(options: options, boilerplate: .inDocument)
        #expect(!off.isRewritten(SetOverlap(sorted: Self.set(0, count: 10), Self.set(0, count: 10))))
    }

    @Test func rewritesKeepTheirSourcesNumbers() {
        let trigrams = SetOverlap(sorted: Self.set(0, count: 100), Self.set(0, count: 100))
        // Fewer than three numbers on a side: nothing to compare.
        #expect(Self.rules.mayBeRewrite(trigrams: trigrams, numbers: SetOverlap(sorted: [1, 2], [3, 4, 5])))
        // 3 of 5 numbers kept (0.6) is enough, 2 of 5 is not.
        #expect(
            Self.rules.mayBeRewrite(trigrams: trigrams, numbers: SetOverlap(sorted: [1, 2, 3, 4, 5], [1, 2, 3, 9])))
        #expect(
            !Self.rules.mayBeRewrite(trigrams: trigrams, numbers: SetOverlap(sorted: [1, 2, 3, 4, 5], [1, 2, 8, 9])))
    }

    @Test func aRewriteIsCoveredLikeACopy() {
        #expect(Self.rules.coversLikeACopy(copyCoverage: 0.7, sourceCoverage: 0.1))
        #expect(Self.rules.coversLikeACopy(copyCoverage: 0.5, sourceCoverage: 0.5))
        #expect(!Self.rules.coversLikeACopy(copyCoverage: 0.69, sourceCoverage: 0.49))
    }

    @Test func aPartialLinkOnOneShortParagraphDoesNotStand() {
        let floor = MatchRules.minimumSingleParagraphWords
        #expect(!Self.rules.keepsLink(relation: .partial, matchedParagraphs: 1, matchedWords: floor - 1))
        #expect(Self.rules.keepsLink(relation: .partial, matchedParagraphs: 1, matchedWords: floor))
        #expect(Self.rules.keepsLink(relation: .partial, matchedParagraphs: 2, matchedWords: 16))
        #expect(Self.rules.keepsLink(relation: .partial, matchedParagraphs: 0, matchedWords: 0), "whole-text Jaccard")
        #expect(Self.rules.keepsLink(relation: .copy, matchedParagraphs: 1, matchedWords: 9))
    }
}
