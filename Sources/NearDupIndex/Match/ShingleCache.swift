import NearDup

/// The shingle sets of a workspace's paragraphs and whole texts for one shingle kind, computed on
/// first use and kept (a verifier meets the same articles again and again).
struct ShingleCache {
    private var shingler: ParagraphShingler
    private var paragraphSets: [Int: [UInt64]] = [:]
    private var documentSets: [Int: [UInt64]] = [:]

    /// A cache of the `kind` shingles of `workspace`'s paragraphs.
    init(workspace: MatchWorkspace, kind: ShingleKind) {
        shingler = ParagraphShingler(documents: workspace.documents, corpus: workspace.corpus, kind: kind)
    }

    /// The sorted, distinct shingle hashes of a paragraph.
    mutating func paragraphSet(_ paragraph: Int) -> [UInt64] {
        if let set = paragraphSets[paragraph] { return set }
        var set: [UInt64] = []
        shingler.appendShingles(ofParagraph: paragraph, to: &set)
        _ = sortAndUnique(&set, from: 0)
        paragraphSets[paragraph] = set
        return set
    }

    /// The whole-text set of `document` in `corpus`: its paragraphs that `included` accepts.
    /// Shingles do not cross paragraphs, so the paragraphs already shingled give theirs.
    mutating func documentSet(_ document: Int, corpus: PreparedCorpus, included: (Int) -> Bool) -> [UInt64] {
        if let set = documentSets[document] { return set }
        var set: [UInt64] = []
        for paragraph in corpus.paragraphs(ofDocument: document) where included(paragraph) {
            if let known = paragraphSets[paragraph] {
                set += known
            } else {
                shingler.appendShingles(ofParagraph: paragraph, to: &set)
            }
        }
        _ = sortAndUnique(&set, from: 0)
        documentSets[document] = set
        return set
    }
}
