import Testing

@testable import NearDup

/// Thousands of otherwise different articles (300 words each) sharing one boilerplate paragraph
/// (5% of each): no quadratic
/// blow-up. The paragraph is recognised as recurring boilerplate, links no documents, and the
/// giant LSH buckets its near-identical variants make are capped and reported.
@Suite struct SharedBoilerplateTests {
    static func documents(footer: (Int) -> String) -> [Document] {
        var random = SplitMix64(seed: 12)
        return (0..<5_000).map { index in
            let story = (0..<10).map { _ in (0..<30).map { _ in "w\(random.next() % 20_000)" }.joined(separator: " ") }
            return Document(id: "d\(index)", text: (story + [footer(index)]).joined(separator: "\n"))
        }
    }

    @Test func verbatimFooterInFiveThousandDocumentsIsBoilerplate() throws {
        let footer = "Follow us on social media and subscribe to our newsletter for the latest news and updates"
        let report = try NearDupEngine().scan(Self.documents { _ in footer })
        #expect(report.links.count == 0)
        #expect(report.statistics.boilerplateParagraphs == 5_000)
        #expect(report.statistics.paragraphCandidates < 100, "exact copies are collapsed before LSH")
    }

    @Test func nearIdenticalFootersMakeCappedBucketsNotQuadraticPairs() throws {
        let report = try NearDupEngine().scan(
            Self.documents {
                "Follow us on social media and subscribe to our newsletter for the latest news, edition \($0)"
            })
        #expect(report.links.count == 0)
        #expect(report.statistics.oversizedBuckets > 0)
        #expect(report.statistics.boilerplateParagraphs == 5_000)
        let bands = report.bandLayout.bandCount
        #expect(report.statistics.paragraphCandidates <= 5_000 * bands, "pairs grow linearly, not as 5,000²")
    }
}
