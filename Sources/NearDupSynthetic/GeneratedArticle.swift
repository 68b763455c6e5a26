import Foundation
import NearDup

/// One generated page, in parts: the site's boilerplate around a headline and body paragraphs.
/// Tests use the parts to check the truth; `document` renders the page as scraped text.
struct GeneratedArticle: Sendable {
    /// The document id.
    var id: String
    /// The site's name.
    var source: String
    /// Seconds since 1970-01-01T00:00:00Z.
    var publishedSeconds: Int64
    /// The header boilerplate lines.
    var header: [String]
    /// The headline.
    var title: String
    /// The body paragraphs.
    var body: [String]
    /// The footer boilerplate lines.
    var footer: [String]
    /// The text between lines: "\n" or "\n\n".
    var separator: String

    /// The page text: header, headline, body and footer lines joined by `separator`.
    var text: String {
        var capacity = title.utf8.count
        for line in header { capacity += line.utf8.count + 2 }
        for line in body { capacity += line.utf8.count + 2 }
        for line in footer { capacity += line.utf8.count + 2 }
        var text = ""
        text.reserveCapacity(capacity)
        for line in header {
            text += line
            text += separator
        }
        text += title
        for line in body {
            text += separator
            text += line
        }
        for line in footer {
            text += separator
            text += line
        }
        return text
    }

    /// The page as a `Document`.
    var document: Document {
        Document(
            id: id,
            text: text,
            published: Date(timeIntervalSince1970: TimeInterval(publishedSeconds)),
            source: source
        )
    }
}
