public import NearDup
import NearDupFeeds

/// The two JSON Lines outputs of dedup: kept documents, and removed documents with the kept
/// document each duplicates. Every input document is in exactly one of them.
extension ScanReport {
    /// The kept documents, in input order, as JSON Lines (`id`, `source`, `published`, `text`),
    /// handed to `write` one buffer at a time so the output is never held whole. Each round encodes
    /// `documentsPerBuffer` documents per worker thread in parallel; with more than one thread, the
    /// next round is encoded while `write` takes this one.
    /// - Complexity: O(*n*) in the kept text.
    public func writeKeptRecords<Failure: Error>(
        documentsPerBuffer: Int = 256, to write: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        let kept = decisions.filter(\.isKept).map(\.document)
        let threads = options.resolvedThreadCount
        let roundSize = documentsPerBuffer * threads
        let rounds = stride(from: 0, to: kept.count, by: roundSize).map { $0..<min($0 + roundSize, kept.count) }
        guard let first = rounds.first else { return }
        @Sendable func encode(_ round: Range<Int>) -> [[UInt8]] {
            parallelChunks(count: round.count, threads: threads, chunksPerThread: 1) { range in
                var buffer: [UInt8] = []
                for offset in range { documents[kept[round.lowerBound + offset]].appendJSONLine(to: &buffer) }
                return buffer
            }
        }
        var encoded = encode(first)
        for round in rounds.dropFirst() {
            guard threads > 1 else {
                for buffer in encoded { try write(buffer) }
                encoded = encode(round)
                continue
            }
            let next = BackgroundResult { encode(round) }
            do throws(Failure) {
                for buffer in encoded { try write(buffer) }
            } catch {
                _ = next.wait()
                throw error
            }
            encoded = next.wait()
        }
        for buffer in encoded { try write(buffer) }
    }

    /// The removed documents, in input order, as JSON Lines: `id`, `duplicate_of` (the kept
    /// document's id), `relation`, `score` (the share of this document covered by the kept one, or
    /// the whole-text Jaccard if higher), `copy_coverage` (share of this document matched in the
    /// kept one), `source_coverage` (share of the kept one matched in this), `jaccard`.
    /// The kept document is always the link's source: it comes first in preference order.
    /// - Complexity: O(*n* + *l*).
    public func removedRecords() -> [UInt8] {
        var linkBetween: [UInt64: DocumentLink] = [:]
        for link in links { linkBetween[UnorderedPair.pack(Int32(link.source), Int32(link.copy))] = link }
        var out: [UInt8] = []
        for decision in decisions {
            guard let kept = decision.duplicateOf,
                let link = linkBetween[UnorderedPair.pack(Int32(kept), Int32(decision.document))]
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
