import Foundation

/// One article to compare: an identifier, its text and the optional facts the
/// representative policy uses.
public struct Document: Sendable, Hashable {
    /// A caller-chosen identifier, unique within one run (a JSON field, or a file's relative path).
    public var id: String
    /// The article's text as scraped; paragraphs are separated by newlines.
    public var text: String
    /// When the article was published, if known; `RepresentativePolicy.earliest` prefers older ones.
    public var published: Date?
    /// Where the article came from (a site or feed name), if known; reported, never matched.
    public var source: String?

    /// Creates a document.
    /// - Parameters:
    ///   - id: A caller-chosen identifier, unique within one run.
    ///   - text: The article's text; paragraphs are separated by newlines.
    ///   - published: When the article was published, if known.
    ///   - source: Where the article came from, if known.
    public init(id: String, text: String, published: Date? = nil, source: String? = nil) {
        self.id = id
        self.text = text
        self.published = published
        self.source = source
    }

    /// The original text in a UTF-8 byte range, such as a paragraph's `byteRange`.
    /// - Parameter byteRange: Byte offsets into `text`'s UTF-8, on scalar boundaries.
    /// - Returns: That part of `text`, exactly as in the input.
    /// - Complexity: O(*n*) in the range's end offset.
    public func text(inBytes byteRange: Range<Int>) -> Substring {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: byteRange.lowerBound)
        let upper = utf8.index(lower, offsetBy: byteRange.count)
        return text[lower..<upper]
    }
}
