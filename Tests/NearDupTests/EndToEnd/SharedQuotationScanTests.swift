import NearDupTestSupport
import Testing

@testable import NearDup

/// Two independent reports that quote the same statement are linked as a `quotation`, never
/// removed; a report that copies the paragraph holding the quotation, framing and all, is a copy.
@Suite struct SharedQuotationScanTests {
    static let quotation =
        "“We will not accept any agreement that leaves our farmers worse off than they were before the talks "
        + "began, and we have told our partners that the new tariffs must be withdrawn before the end of the "
        + "year,”"
    /// The wire report.
    static let wire = Document(
        id: "wire",
        text: [
            "Trade ministers from twelve countries met in Geneva on Tuesday for a third round of talks on "
                + "agricultural tariffs, with little sign of progress after two days of closed-door meetings.",
            quotation + " the agriculture minister told reporters after the session.",
            "Officials said a draft text would be circulated among delegations later this week, though several "
                + "diplomats doubted it would be ready before the summit in March.",
        ].joined(separator: "\n"), source: "wire.example")
    /// An independent report of the same event, quoting the same statement in its own frame.
    static let independent = Document(
        id: "independent",
        text: [
            "Farm groups across the region staged protests outside government offices on Wednesday, blocking "
                + "roads with tractors and demanding compensation for falling grain prices.",
            "In Geneva a day earlier the minister had been blunt: " + quotation,
            "Grain prices have fallen by nearly a fifth since the spring, according to figures published by the "
                + "national statistics office on Monday.",
        ].joined(separator: "\n"), source: "farm.example")
    /// A copy of the wire report's first two paragraphs, with a local line.
    static let copy = Document(
        id: "copy",
        text: wire.text.split(separator: "\n").prefix(2).joined(separator: "\n")
            + "\nThe regional farmers' union will meet on Friday to discuss the talks.",
        source: "copy.example")

    @Test func independentReportsSharingAQuotationAreAQuotationLink() throws {
        let report = try NearDupEngine().scan([Self.wire, Self.independent, Self.copy])
        for other in ["wire", "copy"] {
            let link = try #require(report.link(between: other, "independent"), "\(other)")
            #expect(link.relation == .quotation, "\(other)")
            #expect(link.copyCoverage == 0 && link.sourceCoverage == 0, "\(other)")
            #expect(link.matches.map(\.kind) == [.quotation], "\(other)")
            #expect(link.matches.map { report.paragraphs[$0.copyParagraph].ordinal } == [1], "\(other)")
        }
        let independent = try #require(report.index(of: "independent"))
        #expect(report.decisions[independent].isKept)
    }

    @Test func aCopyOfTheParagraphHoldingTheQuotationStaysACopy() throws {
        let report = try NearDupEngine().scan([Self.wire, Self.independent, Self.copy])
        let link = try #require(report.link(between: "wire", "copy"))
        #expect(link.relation == .copy)
        #expect(link.matches.map(\.kind) == [.verbatim, .verbatim])
        let copy = try #require(report.index(of: "copy"))
        #expect(report.decisions[copy].duplicateOf == report.index(of: "wire"))
        #expect(report.links.count == 3)
    }

    /// `compare` marks the shared quotation and leaves its words out of the copy's coverage.
    @Test func compareMarksTheSharedQuotation() throws {
        let comparison = try NearDupEngine().compare(Self.wire, Self.independent)
        #expect(comparison.rows.map(\.isMatch) == [false, true, false])
        #expect(comparison.rows.map(\.isQuotation) == [false, true, false])
        #expect(comparison.copyCoverage == 0)
        let copied = try NearDupEngine().compare(Self.wire, Self.copy)
        #expect(copied.rows.map(\.isQuotation) == [false, false, false])
        #expect(copied.copyCoverage > 0.7)
    }

    /// A quotation is no copy: `dedup` refuses to remove on it.
    @Test func quotationLinksCannotBeRemoved() {
        var options = NearDupOptions()
        options.removedRelations = [.duplicate, .quotation]
        #expect(throws: NearDupError.self) { try options.validate() }
    }
}
