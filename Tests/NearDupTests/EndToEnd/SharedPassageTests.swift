import CNearDupKernels
import Testing

@testable import NearDup

/// Short documents that share a passage making up a large share of each: the run stays linear
/// (the passage is boilerplate when the documents share nothing else; otherwise each paragraph
/// is paired with a bounded number of others, and the cut is counted), and linking respects the
/// memory limit.
@Suite struct SharedPassageTests {
    /// `count` two- or three-line documents: one unique sentence, then the shared lines.
    static func documents(count: Int, sharedLines: [String]) -> [Document] {
        (0..<count).map { index in
            let unique = "Report \(index) tells story number \(index * 7919 % 100_003) of \(index * 31) in plain words"
            return Document(id: "r\(index)", text: ([unique] + sharedLines).joined(separator: "\n"))
        }
    }

    static let footer = "Follow us on Example Wire for updates and breaking news every single day."
    static let secondLine = "Subscribe to the Example Wire morning letter to get every story before anyone else."

    @Test func aPassageSharedByManyDocumentsThatShareNothingElseIsBoilerplate() throws {
        let report = try NearDupEngine().scan(Self.documents(count: 300, sharedLines: [Self.footer]))
        #expect(report.links.isEmpty)
        #expect(report.statistics.boilerplateParagraphs == 300)
        #expect(report.paragraphs.filter { $0.role == .boilerplate(.recurring) }.count == 300)
    }

    @Test func aPassageSharedByAFewDocumentsStaysContent() throws {
        let count = ScanStatistics.sourcesPerParagraph + 1
        let report = try NearDupEngine().scan(Self.documents(count: count, sharedLines: [Self.footer]))
        #expect(report.statistics.boilerplateParagraphs == 0)
        #expect(report.statistics.cappedParagraphs == 0)
        #expect(report.links.count == count * (count - 1) / 2)
    }

    @Test func pairingOfAWidelySharedPassageIsCappedCountedAndKeepsTheMostPreferredSource() throws {
        let count = 400
        let report = try NearDupEngine().scan(
            Self.documents(count: count, sharedLines: [Self.footer, Self.secondLine]))
        let cap = ScanStatistics.sourcesPerParagraph
        #expect(report.statistics.boilerplateParagraphs == 0, "two shared lines keep company with each other")
        #expect(report.statistics.cappedParagraphs == 2 * count, "each shared line has \(count - 1) others")
        let linkedByParagraphs = report.links.filter { !$0.matches.isEmpty }
        #expect(linkedByParagraphs.count <= count * 2 * cap, "paragraph links grow linearly, not as \(count)²")
        #expect(report.links.filter { $0.source == 0 }.count == count - 1)
        let removed = report.decisions.filter { !$0.isKept }
        #expect(removed.count == count - 1, "every document is a copy of the first, which all are linked to")
    }

    @Test func linkingThatWouldPassTheMemoryLimitStops() throws {
        let documents = Self.documents(count: 300, sharedLines: [Self.footer, Self.secondLine])
        var engine = try NearDupEngine()
        engine.memoryLimit = Int(neardup_resident_bytes()) / 2
        #expect {
            _ = try engine.scan(documents)
        } throws: { error in
            guard case .memoryLimitExceeded(_, _, let coverages, _) = error as? NearDupError else { return false }
            return coverages > 10_000
        }
        engine.memoryLimit = nil
        #expect(try engine.scan(documents).statistics.cappedParagraphs > 0)
    }
}
