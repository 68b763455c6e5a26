public import NearDup
import NearDupFeeds

/// The JSON Lines outputs of dedup: kept records, removed records, and removed documents with the
/// kept document each duplicates. Every input document is kept or removed.
extension ScanReport {
    /// The kept documents, in input order, as JSON Lines, handed to `write` one buffer at a time so
    /// the output is never held whole. Each line is its document's `record` (the line it was read
    /// from, byte for byte) or, for a document without one (read from a `.txt` file),
    /// `{"id", "source", "published", "text"}`.
    /// - Parameters:
    ///   - field: If given, each line gets this top-level field, inserted before its closing brace
    ///     with every other byte left as it is: `{"cluster": id, "duplicates": n, "removed": [id, …]}`,
    ///     the document's own id, then the number and ids of the documents removed as its
    ///     duplicates or copies, in input order (ids as strings). Check first that every kept line
    ///     can take it: ``firstKeptDocument(refusing:)``.
    ///   - documentsPerBuffer: Documents encoded per worker thread in each round.
    ///   - write: Receives each buffer, in order.
    /// - Complexity: O(*n*) in the kept records.
    public func writeKeptRecords<Failure: Error>(
        annotatingWith field: String? = nil, documentsPerBuffer: Int = 256,
        to write: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        let kept = decisions.filter(\.isKept).map(\.document)
        guard let field else {
            try writeLines(of: kept, documentsPerBuffer: documentsPerBuffer, to: write) { index, buffer in
                documents[index].appendRecordLine(to: &buffer)
            }
            return
        }
        var removedFrom: [Int: [Int]] = [:]
        for decision in decisions {
            if let kept = decision.duplicateOf { removedFrom[kept, default: []].append(decision.document) }
        }
        try writeLines(of: kept, documentsPerBuffer: documentsPerBuffer, to: write) { [removedFrom] index, buffer in
            let removed = (removedFrom[index] ?? []).map { documents[$0].id }
            var annotation = JSONObjectLine()
            annotation.add("cluster", documents[index].id)
            annotation.add("duplicates", removed.count)
            annotation.add("removed", strings: removed)
            documents[index].appendRecordLine(adding: (field, annotation.closed), to: &buffer)
        }
    }

    /// The removed documents' records, in input order, written as ``writeKeptRecords(annotatingWith:documentsPerBuffer:to:)``
    /// writes the kept ones (without a field added): for an audit of what dedup took out.
    /// - Parameters:
    ///   - documentsPerBuffer: Documents encoded per worker thread in each round.
    ///   - write: Receives each buffer, in order.
    /// - Complexity: O(*n*) in the removed records.
    public func writeRemovedRecords<Failure: Error>(
        documentsPerBuffer: Int = 256, to write: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        let removed = decisions.filter { !$0.isKept }.map(\.document)
        try writeLines(of: removed, documentsPerBuffer: documentsPerBuffer, to: write) { index, buffer in
            documents[index].appendRecordLine(to: &buffer)
        }
    }

    /// The first kept document whose line cannot take top-level field `field`, with the reason
    /// (it has the field already, or its record is not a JSON object), or `nil` if every one can.
    /// - Complexity: O(*n*) in the kept records.
    public func firstKeptDocument(refusing field: String) -> (document: Int, reason: String)? {
        for decision in decisions where decision.isKept {
            if let reason = documents[decision.document].recordLineRefuses(field: field) {
                return (decision.document, reason)
            }
        }
        return nil
    }

    /// Hands `write` the lines `appendLine` makes for the documents at `indices`, one buffer at a
    /// time. Each round encodes `documentsPerBuffer` documents per worker thread in parallel; with
    /// more than one thread, the next round is encoded while `write` takes this one.
    private func writeLines<Failure: Error>(
        of indices: [Int], documentsPerBuffer: Int, to write: ([UInt8]) throws(Failure) -> Void,
        _ appendLine: @escaping @Sendable (_ document: Int, _ buffer: inout [UInt8]) -> Void
    ) throws(Failure) {
        let threads = options.resolvedThreadCount
        let roundSize = documentsPerBuffer * threads
        let rounds = stride(from: 0, to: indices.count, by: roundSize).map {
            $0..<min($0 + roundSize, indices.count)
        }
        guard let first = rounds.first else { return }
        @Sendable func encode(_ round: Range<Int>) -> [[UInt8]] {
            parallelChunks(count: round.count, threads: threads, chunksPerThread: 1) { range in
                var buffer: [UInt8] = []
                for offset in range { appendLine(indices[round.lowerBound + offset], &buffer) }
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
