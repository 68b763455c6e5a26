import NearDup
public import NearDupIndex

extension IndexMatch {
    /// The `--removed` line of `dedup --against` for a document removed as a copy of this indexed
    /// article: the keys of ``NearDup/ScanReport/removedRecords()``'s lines (`id`, `duplicate_of`
    /// the indexed id, `relation`, `score`, `copy_coverage`, `source_coverage`, `jaccard`), then
    /// `"in_index": true`.
    /// - Parameter id: The removed document's id.
    /// - Returns: One JSON object and a newline, as UTF-8.
    public func removedLine(id: String) -> [UInt8] {
        var line = JSONObjectLine()
        line.add("id", id)
        line.add("duplicate_of", self.id)
        line.add("relation", relation.rawValue)
        line.add("score", score: max(coverage, jaccard))
        line.add("copy_coverage", score: coverage)
        line.add("source_coverage", score: storedCoverage)
        line.add("jaccard", score: jaccard)
        line.add("in_index", true)
        return line.line
    }
}
