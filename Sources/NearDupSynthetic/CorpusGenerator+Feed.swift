import NearDup

/// A copy of a story that is still to be published.
private struct PendingCopy {
    /// The feed position from which the copy may appear.
    var due: Int
    /// The order of scheduling, which breaks ties between equal `due` positions.
    var order: Int
    /// The copied story.
    var story: Story
}

// MARK: - The feed

extension CorpusGenerator {
    /// Generates the feed page by page: the engine behind `forEachDocument(_:)`, which also exposes
    /// each page's parts (boilerplate, headline, body) to tests.
    ///
    /// At each position a copy that is due is published first; otherwise a new story is written,
    /// and with probability `Configuration.originalPerMillion` it becomes an original whose 1 to
    /// `maximumCopiesPerOriginal` copies are scheduled 1 to `maximumCopyDelay` positions later.
    /// Near the end of the feed, stories become originals only if their copies still fit, and pending
    /// copies are published before the feed runs out, so every original's copies are in the feed.
    func forEachArticle<E: Error>(_ body: (GeneratedArticle, TruthRecord) throws(E) -> Void) throws(E) {
        var random = SplitMix64(seed: feedSeed)
        var pending: [PendingCopy] = []
        var scheduled = 0
        var seconds = Self.startSeconds
        let count = configuration.documentCount
        let originalPerMillion = configuration.originalPerMillion
        for position in 0..<count {
            seconds += Int64(random.nextInt(in: 1...120))
            let id = documentID(at: position)
            let remaining = count - position
            if let first = pending.first, first.due <= position || remaining <= pending.count {
                pending.removeFirst()
                let (article, record) = copy(of: first.story, id: id, seconds: seconds, random: &random)
                try body(article, record)
                continue
            }
            let copies = random.nextInt(in: 1...configuration.maximumCopiesPerOriginal)
            let isOriginal =
                random.nextBool(perMillion: originalPerMillion) && remaining - 1 >= pending.count + copies
            let story = newStory(id: id, random: &random)
            let article = page(
                id: id, site: story.site, seconds: seconds, title: story.title, body: story.paragraphs,
                random: &random)
            if isOriginal {
                for _ in 0..<copies {
                    let copy = PendingCopy(
                        due: position + random.nextInt(in: 1...configuration.maximumCopyDelay),
                        order: scheduled, story: story)
                    scheduled += 1
                    let index = pending.partitioningIndex { ($0.due, $0.order) > (copy.due, copy.order) }
                    pending.insert(copy, at: index)
                }
            }
            try body(article, TruthRecord(id: id, kind: isOriginal ? .original : .unique))
        }
    }

    /// Writes a new story of 3–14 paragraphs (the larger of two uniform draws, so about 10 on average)
    /// on a random site; one in five stories uses straight quotes.
    private func newStory(id: String, random: inout SplitMix64) -> Story {
        let straight = random.nextBool(perMille: 200)
        let site = random.nextInt(below: sites.count)
        let title = prose.headline(random: &random)
        let paragraphCount = max(random.nextInt(in: 3...14), random.nextInt(in: 3...14))
        let paragraphs = (0..<paragraphCount).map { _ in
            prose.paragraph(straight: straight, random: &random)
        }
        return Story(id: id, title: title, paragraphs: paragraphs, straight: straight, site: site)
    }

    /// Publishes a copy of `story` on another site: verbatim (1 in 4), syndicated (11 in 20) or
    /// partial (1 in 5).
    private func copy(
        of story: Story, id: String, seconds: Int64, random: inout SplitMix64
    ) -> (GeneratedArticle, TruthRecord) {
        var site = story.site
        if sites.count > 1 {
            site = random.nextInt(below: sites.count - 1)
            if site >= story.site {
                site += 1
            }
        }
        let editor = CopyEditor(prose: prose)
        let roll = random.nextInt(below: 20)
        let kind: TruthRecord.Kind
        let title: String
        let body: [String]
        let edits: [String]
        if roll < 5 {
            (kind, title, body, edits) = (.verbatim, story.title, story.paragraphs, [])
        } else if roll < 16 {
            kind = .syndicated
            title = story.title
            (body, edits) = editor.syndicate(story, random: &random)
        } else {
            kind = .partial
            title = prose.headline(random: &random)
            (body, edits) = editor.embed(story, random: &random)
        }
        let article = page(id: id, site: site, seconds: seconds, title: title, body: body, random: &random)
        return (article, TruthRecord(id: id, kind: kind, original: story.id, edits: edits))
    }

    /// Wraps a headline and body in a page of `site`, with its boilerplate.
    private func page(
        id: String, site: Int, seconds: Int64, title: String, body: [String], random: inout SplitMix64
    ) -> GeneratedArticle {
        let profile = sites[site]
        return GeneratedArticle(
            id: id,
            source: profile.name,
            publishedSeconds: seconds,
            header: profile.headerLines(random: &random),
            title: title,
            body: body,
            footer: profile.footerLines(title: title, random: &random),
            separator: profile.separator
        )
    }
}

// MARK: - Binary search

extension Array {
    /// Returns the first index whose element satisfies `belongsInSecondPartition`, for an array
    /// already partitioned by it (all `false` elements first).
    fileprivate func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsInSecondPartition(self[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
