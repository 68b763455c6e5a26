import Foundation
import Testing

@testable import NearDup

/// The shared-quotation rule on paragraph pairs: real text from the seeds, and quotation marks of
/// every style the rule reads.
@Suite struct SharedQuotationTests {
    static func measure(_ first: String, _ second: String) -> SharedQuotation.Measure {
        Array(first.utf8).withUnsafeBufferPointer { a in
            Array(second.utf8).withUnsafeBufferPointer { b in SharedQuotation.measure(a, b) }
        }
    }

    /// Seed 000 (Politico) and seed 001 (a live blog) quote the same KCNA statement, each framing it
    /// in its own words.
    static let politico =
        "“Comrade Kim Jong Un decided on our armed forces’ participation in the war, informed the Russian side "
        + "of it and, in accordance with agreement, issued an order … to annihilate and wipe out the Ukrainian "
        + "neo-Nazi occupiers and liberate the Kursk area in cooperation with the Russian armed forces,” the "
        + "statement said."
    static let liveBlog =
        "According to KCNA, “Comrade Kim Jong Un decided on our armed forces’ participation in the war, "
        + "informed the Russian side of it and, in accordance with agreement, issued an order to annihilate and "
        + "wipe out the Ukrainian neo-Nazi occupiers and liberate the Kursk area in cooperation with the Russian "
        + "armed forces”, the North Korean state media reported on Monday."

    @Test func theSeedsSharedKCNAStatementIsASharedQuotation() {
        let measure = Self.measure(Self.politico, Self.liveBlog)
        // Only `the`, after the quotation in both, is shared outside it.
        #expect(min(measure.firstQuotedShare, measure.secondQuotedShare) > 0.95)
        #expect(measure.sharedFramingShare < 0.2)
        #expect(measure.isSharedQuotation)
    }

    /// A copy carries the framing with the quotation: every word is shared, so it stays a copy.
    @Test func aCopiedParagraphThatHoldsAQuotationIsNot() {
        let measure = Self.measure(Self.politico, Self.politico)
        #expect(measure.firstQuotedShare > SharedQuotation.minimumQuotedShare)
        #expect(measure.sharedFramingShare == 1)
        #expect(!measure.isSharedQuotation)
        let edited = Self.politico.replacingOccurrences(of: "annihilate", with: "destroy")
        #expect(!Self.measure(Self.politico, edited).isSharedQuotation)
        // A copy whose framing has one word edited still shares most of it.
        let reframed = Self.politico.replacingOccurrences(of: "the statement said", with: "the statement added")
        #expect(Self.measure(Self.politico, reframed).sharedFramingShare > 0.5)
        #expect(!Self.measure(Self.politico, reframed).isSharedQuotation)
    }

    @Test func sharedWordsOutsideTheQuotationMarksAreNot() {
        let first = "The ministry said on Monday that the border crossing would stay closed until further notice, "
        let second = first + "adding: “We are working with our neighbours.”"
        let measure = Self.measure(first + "and “no date has been set”.", second)
        #expect(measure.firstQuotedShare == 0 && measure.secondQuotedShare == 0)
        #expect(!measure.isSharedQuotation)
    }

    /// Straight double quotes, guillemets and whole-sentence curly single quotes quote; the
    /// apostrophes of `won’t` and `region’s` neither open nor close a quotation.
    @Test(arguments: [
        ("\"", "\""), ("«\u{00A0}", "\u{00A0}»"), ("‘", "’"), ("“", "”"),
    ])
    func everyQuotationMarkStyleQuotes(open: String, close: String) {
        let quotation = "our work is done but we won’t leave the region’s border until it is secure again"
        let first = "Speaking to reporters in the capital, the general said \(open)\(quotation)\(close) on Monday."
        let second = "A statement carried by state media on Tuesday read: \(open)\(quotation)\(close)"
        let measure = Self.measure(first, second)
        #expect(measure.firstQuotedShare == 1 && measure.secondQuotedShare == 1, "\(open)")
        #expect(measure.isSharedQuotation, "\(open)")
    }

    /// A quotation continued in the next paragraph is left open: it runs to the paragraph's end.
    /// A plural possessive (`forces’ work`) inside single quotes closes them early: a known limit.
    @Test func aPluralPossessiveClosesASingleQuotation() {
        let quotation = "the forces’ work is done and we will not leave the border region until it is secure again"
        let measure = Self.measure("The general said ‘\(quotation)’ on Monday.", "State media said: ‘\(quotation)’")
        #expect(!measure.isSharedQuotation)
        #expect(
            Self.measure("The general said “\(quotation)” on Monday.", "State media said: “\(quotation)”")
                .isSharedQuotation)
    }

    @Test func anOpenQuotationRunsToTheEndOfTheParagraph() {
        let quotation = "we have told our partners that the new tariffs must be withdrawn before the end of the year"
        let measure = Self.measure("The minister went further. “\(quotation)", "She said: “\(quotation).”")
        #expect(measure.isSharedQuotation)
    }
}
