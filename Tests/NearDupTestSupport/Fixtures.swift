import Foundation

@testable import NearDup

/// Paths and loaders for the files in `fixtures/`, found from this file's location.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// The labelled feed: five real seed articles and four derived ones, with publication times.
    static func feed() throws -> [Document] {
        try DocumentLoader(options: InputOptions(timeField: "published", sourceField: "source"))
            .load([path("fixtures/feed.jsonl")]).documents
    }

    /// The hand labels for `feed()`.
    static func labels() throws -> Labels {
        try JSONDecoder().decode(
            Labels.self, from: Data(contentsOf: packageRoot.appendingPathComponent("fixtures/labels.json")))
    }

    /// `fixtures/labels.json`.
    struct Labels: Decodable {
        struct Copy: Decodable {
            var source: String
            var copy: String
            var relations: [String]?
            var removed: Bool?
            var shingle: String?
            /// `[copy paragraph, source paragraph]` pairs.
            var paragraphs: [[Int]]
        }

        struct SameEventOnly: Decodable {
            var documents: [String]
        }

        var boilerplate: [String: [String: String]]
        var copies: [Copy]
        var rewrittenCopies: [Copy]
        var sameEventOnly: SameEventOnly
    }
}

extension ScanReport {
    /// The index of the document with `id`.
    func index(of id: String) -> Int? {
        documents.firstIndex { $0.id == id }
    }

    /// The link between two documents, in either direction.
    func link(between first: String, _ second: String) -> DocumentLink? {
        guard let a = index(of: first), let b = index(of: second) else { return nil }
        return links.first { ($0.source == a && $0.copy == b) || ($0.source == b && $0.copy == a) }
    }
}
