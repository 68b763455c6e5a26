import Foundation
import NearDup
import NearDupIndex
import NearDupTestSupport
import Testing

// The index example of README.md ("Persistent index") and of the NearDupIndex DocC landing page is
// this function, below its three imports: one test checks that both show exactly this code, another
// runs it.

// README-INDEX-EXAMPLE-BEGIN
/// Adds each incoming article to the index at `path`; returns what the index said about each.
func ingest(_ articles: [Document], indexAt path: String) throws -> [String] {
    let index = try NearDupIndex(path: path)  // created if missing; default options
    var lines: [String] = []
    for article in articles {
        let answer = try index.add(article)  // checked against everything indexed, then stored
        if let original = answer.duplicateOf {  // a duplicate or copy of an indexed article
            lines.append("\(article.id): copy of \(original.id), \(original.relation)")
        }
        for match in answer.matches {  // every indexed article sharing verified text
            let covered = "\(Int(match.coverage * 100))% / \(Int(match.storedCoverage * 100))%"
            lines.append("  \(match.id): \(covered) covered, \(match.paragraphs.count) paragraphs")
        }
    }
    let probe = Document(id: "probe", text: articles[0].text)
    let seen = try index.check(probe)  // the same answer, without adding
    lines.append("probe: \(seen.matches.map(\.id))")
    try index.evict(olderThan: Date().addingTimeInterval(-30 * 86_400))  // keep a 30-day window
    return lines
}
// README-INDEX-EXAMPLE-END

@Suite struct ReadmeIndexExampleTests {
    @Test func exampleFindsTheCopy() throws {
        let wire = "North Korea confirmed for the first time Monday that it sent troops to fight for Russia."
        let articles = [
            Document(id: "wire", text: wire, published: Date()),
            Document(id: "copy", text: "Read More\n" + wire, published: Date()),
            Document(
                id: "old", text: "The city council voted to build six kilometres of cycle lanes.",
                published: .distantPast),
        ]
        let folder = try ScratchFolder()
        let path = folder.path("articles.neardup")
        #expect(
            try ingest(articles, indexAt: path) == [
                "copy: copy of wire, duplicate", "  wire: 100% / 100% covered, 1 paragraphs",
                "probe: [\"wire\", \"copy\"]",
            ])
        let index = try NearDupIndex(path: path)
        #expect(try index.count == 2)  // "old" was evicted
        #expect(try index.contains(id: "copy") && !index.contains(id: "old"))
    }

    @Test(arguments: ["README.md", "Sources/NearDupIndex/NearDupIndex.docc/NearDupIndex.md"])
    func documentShowsTheTestedExample(document: String) throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = try #require(source.range(of: "// README-INDEX-EXAMPLE-BEGIN\n"))
        let end = try #require(source.range(of: "// README-INDEX-EXAMPLE-END"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        let text = try String(contentsOfFile: IndexFixtures.path(document), encoding: .utf8)
        #expect(
            text.contains("```swift\nimport Foundation\nimport NearDup\nimport NearDupIndex\n\n" + example + "```"))
    }
}
