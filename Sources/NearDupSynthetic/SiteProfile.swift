import NearDup

/// One news site of the synthetic feed: a name, a paragraph separator, and the boilerplate its
/// scraped pages carry around every article (navigation header, footer blocks, a pool of
/// "Trending" headlines that recur across the site's unrelated articles).
struct SiteProfile: Sendable {
    /// A footer block; a site uses one to three of them, in a fixed order.
    enum FooterBlock: Sendable {
        /// "The post {title} appeared first on {site}."
        case appearedFirst
        /// "Trending" followed by 3–6 "- headline" lines from the site's pool.
        case trending
        /// A fixed line such as "Read More" or "© 2025 {site}. All rights reserved."
        case line(String)
    }

    /// The site's display name, used as the document's `source`.
    let name: String
    /// The text between paragraphs: "\n" for half of the sites, "\n\n" for the others.
    let separator: String
    /// Header lines (site name, navigation, "Select Language"), each omitted now and then.
    let header: [String]
    /// Footer blocks, in order.
    let footer: [FooterBlock]
    /// Headlines the site's "Trending" block draws from.
    let trendingPool: [String]

    private static let suffixes = [
        "Times", "Herald", "Daily", "Post", "News", "Gazette", "Chronicle", "Tribune", "Observer", "Journal",
        "Wire", "Express", "Record", "Courier", "Sentinel", "Dispatch",
    ]
    private static let sections = [
        "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Science", "Health", "Local", "Video",
    ]

    /// Builds the profile of site number `index`.
    init(index: Int, prose: ProseWriter, random: inout SplitMix64) {
        let stem = Syllables.namePart(random: &random)
        let suffix = random.pick(Self.suffixes)
        name = random.nextBool(perMille: 500) ? "The \(stem) \(suffix)" : "\(stem) \(suffix)"
        separator = index.isMultiple(of: 2) ? "\n" : "\n\n"

        var navigation = ["Home"]
        navigation += random.sampleIndices(random.nextInt(in: 2...6), of: Self.sections.count).map {
            Self.sections[$0]
        }
        var header: [String] = []
        if random.nextBool(perMille: 600) {
            header.append(name)
        }
        if random.nextBool(perMille: 500) {
            header += navigation
        } else {
            header.append(navigation.joined(separator: " | "))
        }
        if random.nextBool(perMille: 600) {
            header.append("Select Language")
        }
        if random.nextBool(perMille: 300) {
            header.append(random.nextBool(perMille: 500) ? "Subscribe" : "Sign In")
        }
        self.header = header

        var footer: [FooterBlock] = [random.nextBool(perMille: 500) ? .appearedFirst : .trending]
        if random.nextBool(perMille: 500) {
            footer.insert(.line(random.nextBool(perMille: 500) ? "Read More" : "Share this article"), at: 0)
        }
        if random.nextBool(perMille: 400) {
            footer.append(.line("\u{00A9} 2025 \(name). All rights reserved."))
        }
        self.footer = footer
        trendingPool = (0..<12).map { _ in prose.headline(random: &random) }
    }

    /// Returns the header lines one page shows (each line is omitted with probability 1/12).
    func headerLines(random: inout SplitMix64) -> [String] {
        header.filter { _ in !random.nextBool(perMille: 83) }
    }

    /// Returns the footer lines one page shows for an article titled `title` (each block is omitted
    /// with probability 1/10).
    func footerLines(title: String, random: inout SplitMix64) -> [String] {
        var lines: [String] = []
        for block in footer where !random.nextBool(perMille: 100) {
            switch block {
            case .appearedFirst:
                lines.append("The post \(title) appeared first on \(name).")
            case .trending:
                lines.append("Trending")
                for index in random.sampleIndices(random.nextInt(in: 3...6), of: trendingPool.count) {
                    lines.append("- " + trendingPool[index])
                }
            case .line(let line):
                lines.append(line)
            }
        }
        return lines
    }
}
