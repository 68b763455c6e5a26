/// Chooses one representative per cluster of duplicate documents, by greedy star clustering over
/// the links of the removed relations (`NearDupOptions.removedRelations`) in preference order: a
/// removed document is always directly linked to the document kept in its place (never through a
/// chain).
struct Deduplicator: Sendable {
    /// Preference rank of each document (0 = most preferred).
    let rank: [Int]
    /// The relations whose copies are removed.
    let removedRelations: Set<Relation>

    /// One decision per document, in document order.
    /// - Complexity: O(*n* log *n* + *l*) for *n* documents and *l* links.
    func decisions(links: [DocumentLink], documentCount: Int) -> [DedupDecision] {
        var linksOf = [[Int]](repeating: [], count: documentCount)
        for (index, link) in links.enumerated() where removedRelations.contains(link.relation) {
            linksOf[link.source].append(index)
            linksOf[link.copy].append(index)
        }
        let order = (0..<documentCount).sorted { rank[$0] < rank[$1] }
        let center = StarClustering.centers(order: order, itemCount: documentCount) { document, visit in
            let others = linksOf[document].map { links[$0].source == document ? links[$0].copy : links[$0].source }
            for other in others.sorted(by: { rank[$0] < rank[$1] }) { visit(other) }
        }
        var linkBetween: [UInt64: Int] = [:]
        for (index, link) in links.enumerated() {
            linkBetween[UnorderedPair.pack(Int32(link.source), Int32(link.copy))] = index
        }
        return (0..<documentCount).map { document in
            let kept = Int(center[document])
            guard kept != document else {
                return DedupDecision(document: document, duplicateOf: nil, relation: nil, score: nil)
            }
            let link = links[linkBetween[UnorderedPair.pack(Int32(kept), Int32(document))]!]
            let coverage = link.copy == document ? link.copyCoverage : link.sourceCoverage
            return DedupDecision(
                document: document, duplicateOf: kept, relation: link.relation, score: max(coverage, link.jaccard))
        }
    }
}
