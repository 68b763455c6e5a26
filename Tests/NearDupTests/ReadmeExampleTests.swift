import Foundation
import NearDup
import NearDupTestSupport
import Testing

// The library example in README.md is this function, below `import NearDup`: one test checks that
// the README shows exactly this code, another runs it.

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

@Suite struct ReadmeExampleTests {
    @Test func exampleFindsTheCopy() throws {
        #expect(try findCopies() == ["copy <- wire: duplicate, 100% covered", "removed copy"])
    }

    @Test func readmeShowsTheTestedExample() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = try #require(source.range(of: "// README-EXAMPLE-BEGIN\n"))
        let end = try #require(source.range(of: "// README-EXAMPLE-END"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        let readme = try String(contentsOfFile: Fixtures.path("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\nimport NearDup\n\n" + example + "```"))
    }
}
