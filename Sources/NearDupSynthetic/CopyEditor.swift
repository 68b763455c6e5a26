import NearDup

/// Derives a copy's body from its original's, recording each edit for the truth file.
struct CopyEditor: Sendable {
    /// Writes the fresh paragraphs some edits add.
    let prose: ProseWriter

    /// Returns a syndicated body: the story with at least one of, in this order, dropped paragraphs
    /// (at most 30 %, at least two kept), two paragraphs swapped, the last paragraph trimmed, 2–5 % of
    /// words replaced, the quote style switched, and a new local lead paragraph.
    func syndicate(_ story: Story, random: inout SplitMix64) -> (body: [String], edits: [String]) {
        var body = story.paragraphs
        var edits: [String] = []
        var chosen = (0..<6).map { _ in random.nextBool(perMille: 350) }
        if !chosen.contains(true) {
            chosen[3] = true
        }
        let droppable = min(body.count * 3 / 10, body.count - 2)
        if chosen[0], droppable >= 1 {
            let dropCount = random.nextInt(in: 1...droppable)
            let dropped = Set(random.sampleIndices(dropCount, of: body.count))
            body = body.indices.filter { !dropped.contains($0) }.map { body[$0] }
            edits.append("dropParagraphs:\(dropCount)")
        }
        if chosen[1], body.count >= 2 {
            let pair = random.sampleIndices(2, of: body.count)
            body.swapAt(pair[0], pair[1])
            edits.append("reorder")
        }
        if chosen[2], body.count >= 3 {
            body.removeLast()
            edits.append("trimEnd")
        }
        if chosen[3] {
            let perMille = random.nextInt(in: 20...50)
            var replaced = 0
            body = body.map { replaceWords(in: $0, perMille: perMille, replaced: &replaced, random: &random) }
            if replaced > 0 {
                edits.append("wordEdits:\(replaced)")
            }
        }
        if chosen[4] {
            body = body.map { Typography.convert($0, straighten: !story.straight) }
            edits.append("typography")
        }
        if chosen[5] {
            body.insert(prose.paragraph(straight: story.straight, random: &random), at: 0)
            edits.append("localLead")
        }
        return (body, edits)
    }

    /// Returns a partial copy's body: 2–3 consecutive paragraphs of the story placed inside 3–8 new ones.
    func embed(_ story: Story, random: inout SplitMix64) -> (body: [String], edits: [String]) {
        let count = min(random.nextInt(in: 2...3), story.paragraphs.count)
        let start = random.nextInt(below: story.paragraphs.count - count + 1)
        var body = (0..<random.nextInt(in: 3...8)).map { _ in
            prose.paragraph(straight: story.straight, random: &random)
        }
        body.insert(contentsOf: story.paragraphs[start..<start + count], at: random.nextInt(in: 0...body.count))
        return (body, ["embeddedParagraphs:\(count)"])
    }

    /// Replaces plain lowercase words of `paragraph` with other vocabulary words, each with
    /// probability `perMille / 1000`, adding the number replaced to `replaced`.
    private func replaceWords(
        in paragraph: String, perMille: Int, replaced: inout Int, random: inout SplitMix64
    ) -> String {
        var tokens = paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in tokens.indices where random.nextBool(perMille: perMille) {
            let token = tokens[index]
            guard token.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { continue }
            let replacement = prose.vocabulary.sampleContentWord(random: &random)
            if replacement != token {
                tokens[index] = replacement
                replaced += 1
            }
        }
        return tokens.joined(separator: " ")
    }
}
