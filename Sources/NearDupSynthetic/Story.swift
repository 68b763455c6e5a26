/// A story's content, kept while copies of it are still to come.
struct Story: Sendable {
    /// The id of the document that first published the story.
    var id: String
    /// The headline.
    var title: String
    /// The body paragraphs.
    var paragraphs: [String]
    /// Whether the story is written with straight quotes and hyphens instead of typographic ones.
    var straight: Bool
    /// The index of the site that published it.
    var site: Int
}
