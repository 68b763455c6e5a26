/// The two JSON Lines outputs of dedup: kept documents, and removed documents with the kept
/// document each duplicates. Every input document is in exactly one of them.
extension ScanReport {
    /// The kept documents, in input order, as JSON Lines (`id`, `source`, `published`, `text`),
    /// handed to `write` in buffers of about `bufferSize` bytes so the output is never held whole.
    /// - Complexity: O(*n*) in the kept text.
    public func writeKeptRecords<Failure: Error>(
        bufferSize: Int = 4 << 20, to write: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(bufferSize + (1 << 16))
        for decision in decisions where decision.isKept {
            documents[decision.document].appendJSONLine(to: &buffer)
            if buffer.count >= bufferSize {
                try write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try write(buffer) }
    }

    /// The removed documents, in input order, as JSON Lines: `id`, `duplicate_of` (the kept
    /// document's id), `relation`, `score` (the share of this document covered by the kept one, or
    /// the whole-text Jaccard if higher), `copy_coverage` (share of this document matched in the
    /// kept one), `source_coverage` (share of the kept one matched in this), `jaccard`.
    /// The kept document is always the link's source: it comes first in preference order.
    /// - Complexity: O(*n* + *l*).
    public func removedRecords() -> [UInt8] {
        var linkBetween: [UInt64: DocumentLink] = [:]
        for link in links { linkBetween[pack(Int32(link.source), Int32(link.copy))] = link }
        var out: [UInt8] = []
        for decision in decisions {
            guard let kept = decision.duplicateOf, let link = linkBetween[pack(Int32(kept), Int32(decision.document))]
            else { continue }
            var line = JSONObjectLine()
            line.add("id", documents[decision.document].id)
            line.add("duplicate_of", documents[kept].id)
            line.add("relation", decision.relation?.rawValue)
            line.add("score", score: decision.score)
            line.add("copy_coverage", score: link.copyCoverage)
            line.add("source_coverage", score: link.sourceCoverage)
            line.add("jaccard", score: link.jaccard)
            out += line.line
        }
        return out
    }
}
