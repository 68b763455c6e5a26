import Foundation
import NearDup
import NearDupTestSupport
import Testing

// The Swift examples of README.md and the DocC catalogue are the functions between the markers
// below, each shown below `import NearDup`: one test checks that each document shows exactly this
// code, the others run it.

// README-EXAMPLE-BEGIN
func findCopies() throws -> [String] {
    let wire = "North Korea confirmed for the first time Monday that it sent troops to fight for Russia."
    let documents = [
        Document(id: "wire", text: wire),
        Document(id: "copy", text: "Read More\n" + wire),
        Document(id: "other", text: "The city council voted on Monday to build six kilometres of cycle lanes."),
    ]
    var options = NearDupOptions()  // the news preset: word 5-grams, threshold 0.5, 128 slots
    options.keep = .first
    let report = try NearDupEngine(options: options).scan(documents)
    var lines: [String] = []
    for link in report.links {
        let copy = report.documents[link.copy].id
        let source = report.documents[link.source].id
        lines.append("\(copy) <- \(source): \(link.relation), \(Int(link.copyCoverage * 100))% covered")
    }
    for decision in report.decisions where !decision.isKept {
        lines.append("removed \(report.documents[decision.document].id)")
    }
    return lines
}
// README-EXAMPLE-END

// THRESHOLD-EXAMPLE-BEGIN
func bandsForThreshold() -> [String] {
    let layout = BandLayout.forThreshold(0.5, permutationCount: 128, candidateProbability: 0.95)
    var lines = ["\(layout.fullBandCount) bands of \(layout.rowsPerBand) rows, then \(layout.remainderRows)"]
    for jaccard in [0.3, 0.5, 0.7] {
        let probability = layout.candidateProbability(atJaccard: jaccard)
        lines.append("J \(jaccard): \((probability * 1000).rounded() / 1000)")
    }
    return lines
}
// THRESHOLD-EXAMPLE-END

@Suite struct ReadmeExampleTests {
    @Test func exampleFindsTheCopy() throws {
        #expect(try findCopies() == ["copy <- wire: duplicate, 100% covered", "removed copy"])
    }

    @Test func thresholdExampleShowsTheLayout() {
        #expect(bandsForThreshold() == ["42 bands of 3 rows, then 2", "J 0.3: 0.712", "J 0.5: 0.997", "J 0.7: 1.0"])
    }

    /// Each example (named by its markers) and the documents that must show it verbatim.
    static let shownExamples: [(marker: String, documents: [String])] = [
        ("README-EXAMPLE", ["README.md", "Sources/NearDup/NearDup.docc/NearDup.md"]),
        ("THRESHOLD-EXAMPLE", ["Sources/NearDup/NearDup.docc/ChoosingAThreshold.md"]),
    ]

    @Test(arguments: shownExamples)
    func documentsShowTheTestedExample(marker: String, documents: [String]) throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = try #require(source.range(of: "// \(marker)-BEGIN\n"))
        let end = try #require(source.range(of: "// \(marker)-END"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        for document in documents {
            let text = try String(contentsOfFile: Fixtures.path(document), encoding: .utf8)
            #expect(text.contains("```swift\nimport NearDup\n\n" + example + "```"), "\(document)")
        }
    }
}
