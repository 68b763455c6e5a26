public import Foundation
public import NearDup
import NearDupFeeds

/// Paths and loaders for the files in `fixtures/`, found from this file's location.
public enum Fixtures {
    /// The package's root folder, three levels above this file.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `relative`, a path inside the package.
    public static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    /// The labelled feed: five real seed articles and four derived ones, with publication times.
    public static func feed() throws -> [Document] {
        try DocumentLoader(options: InputOptions(timeField: "published", sourceField: "source"))
            .load([path("fixtures/feed.jsonl")]).documents
    }

    /// The hand labels for `feed()`.
    public static func labels() throws -> Labels {
        try JSONDecoder().decode(
            Labels.self, from: Data(contentsOf: packageRoot.appendingPathComponent("fixtures/labels.json")))
    }

    /// `fixtures/labels.json`.
    public struct Labels: Decodable {
        /// One labelled copy: which document it copies and how.
        public struct Copy: Decodable {
            /// The original's id.
            public var source: String
            /// The copy's id.
            public var copy: String
            /// The relations the copy may be reported with.
            public var relations: [String]?
            /// Whether dedup removes the copy.
            public var removed: Bool?
            /// The shingle setting (e.g. `char:5`) the copy is found with, if not the default.
            public var shingle: String?
            /// `[copy paragraph, source paragraph]` pairs.
            public var paragraphs: [[Int]]
        }

        /// Documents that report the same event but must not be linked.
        public struct SameEventOnly: Decodable {
            /// Their ids.
            public var documents: [String]
        }

        /// Boilerplate paragraphs: document id → paragraph index → kind (e.g. `footer`).
        public var boilerplate: [String: [String: String]]
        /// The labelled copies.
        public var copies: [Copy]
        /// The labelled rewritten copies.
        public var rewrittenCopies: [Copy]
        /// The documents about the same event only.
        public var sameEventOnly: SameEventOnly
    }
}

extension ScanReport {
    /// The index of the document with `id`.
    public func index(of id: String) -> Int? {
        documents.firstIndex { $0.id == id }
    }

    /// The link between two documents, in either direction.
    public func link(between first: String, _ second: String) -> DocumentLink? {
        guard let a = index(of: first), let b = index(of: second) else { return nil }
        return links.first { ($0.source == a && $0.copy == b) || ($0.source == b && $0.copy == a) }
    }
}
