/// Why a paragraph was recognised as boilerplate rather than content.
public enum BoilerplateReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// It recurs across at least `BoilerplateOptions.minimumDocuments` documents that otherwise
    /// differ (site headers, footers, shared "Trending" lines, disclaimers).
    case recurring
    /// A short line repeated within its own document (menus, repeated titles, "Down Icon").
    case repeated
    /// A navigation or interface line ("Read More", "Trending", "Select Language", "Share"), or a
    /// list item or very short line right after such a heading.
    case navigation
    /// A feed footer: "The post … appeared first on …".
    case footer
    /// A byline or dateline: a short line with a date and a time ("Arpan Rai 28 April 2025 04:39").
    case byline
    /// A photo caption or credit ending like "… via REUTERS", "Getty Images", "AP Photo".
    case caption
    /// A wire credit line: "(Reporting by Ana Silva; additional reporting by Tom Reed; Editing by
    /// Mark Heinrich)", "Writing by …; Editing by …".
    case credit
}
