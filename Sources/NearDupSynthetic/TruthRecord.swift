/// The known answer for one generated document: whether it is a copy, of what, and how it was edited.
///
/// Written one per line next to the feed (`{"id":…,"kind":…,"original":…,"edits":[…]}`) so that a
/// detector's output can be scored against it.
public struct TruthRecord: Sendable, Hashable, Codable {
    /// How a generated document relates to the rest of the feed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A story that gets one or more later copies.
        case original
        /// A story with no copies; it shares no body paragraph with any other document.
        case unique
        /// The original's body unchanged, under another site's boilerplate.
        case verbatim
        /// The original's body with some edits (see `TruthRecord.edits`), under another site's boilerplate.
        case syndicated
        /// Two or three consecutive paragraphs of the original inside an otherwise new article.
        case partial
    }

    /// The document's id, such as `doc-0000042`.
    public var id: String
    /// What the document is.
    public var kind: Kind
    /// The id of the original this document copies; `nil` for originals and unique documents.
    public var original: String?
    /// The edits applied to the original's body, in the order applied, such as
    /// `["dropParagraphs:2", "reorder", "trimEnd", "wordEdits:5", "typography", "localLead"]`
    /// for a syndicated copy or `["embeddedParagraphs:3"]` for a partial one; empty otherwise.
    public var edits: [String]

    /// Creates a truth record.
    /// - Parameters:
    ///   - id: The document's id.
    ///   - kind: What the document is.
    ///   - original: The id of the copied original, or `nil` for originals and unique documents.
    ///   - edits: The edits applied to the original's body.
    public init(id: String, kind: Kind, original: String? = nil, edits: [String] = []) {
        self.id = id
        self.kind = kind
        self.original = original
        self.edits = edits
    }
}
