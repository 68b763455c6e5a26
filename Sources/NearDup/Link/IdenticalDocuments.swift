/// Documents whose texts are byte-for-byte identical ("twins"), grouped so that linking costs
/// time in proportion to the number of documents, not to the square of a group's size.
///
/// Each group's *head* is its most preferred document. Only heads take part in paragraph
/// evidence and whole-document candidates; every other member is linked to its head directly
/// (an exact copy of every paragraph), and to each document its head is linked to, with the
/// head's evidence, so that dedup decides for each member exactly as it would have with every
/// pair compared. Links between two non-head members are not reported. A head and its member are
/// linked as `duplicate`s with whole-text Jaccard 1 even when their text has no words (emoji or
/// symbols only), so byte-identical documents are always deduplicated.
struct IdenticalDocuments {
    /// The head of each document's group (the document itself when it has no twin).
    let head: [Int32]
    /// The other members of each group with twins, by head, each in ascending order.
    let membersByHead: [Int: [Int]]

    /// Groups `documents` by text.
    /// - Parameters:
    ///   - documents: The documents.
    ///   - fingerprints: XXH3 of each document's UTF-8 text with ``fingerprintSeed``.
    ///   - eligible: Whether a document may be grouped (blank documents, which are never matched,
    ///     are not).
    ///   - rank: Preference rank of each document (0 = most preferred).
    /// - Complexity: O(*n*) in the number of documents, plus the comparisons of equal fingerprints.
    init(documents: [Document], fingerprints: [UInt64], eligible: (Int) -> Bool, rank: [Int]) {
        var byFingerprint: [UInt64: [Int]] = [:]
        for document in documents.indices where eligible(document) {
            byFingerprint[fingerprints[document], default: []].append(document)
        }
        var head = (0..<documents.count).map { Int32($0) }
        var membersByHead: [Int: [Int]] = [:]
        for var candidates in byFingerprint.values where candidates.count > 1 {
            while let first = candidates.first {
                let group = documents[first].withTextUTF8 { text in
                    candidates.filter { documents[$0].withTextUTF8 { $0.elementsEqual(text) } }
                }
                let grouped = Set(group)
                candidates.removeAll { grouped.contains($0) }
                guard group.count > 1, let best = group.min(by: { rank[$0] < rank[$1] }) else { continue }
                for member in group { head[member] = Int32(best) }
                membersByHead[best] = group.filter { $0 != best }
            }
        }
        self.head = head
        self.membersByHead = membersByHead
    }

    /// "TWINDOCS": the fingerprint seed, distinct from the shingle seed.
    static let fingerprintSeed: UInt64 = 0x5457_494E_444F_4353

    /// Whether `document` is its group's head (or has no twin).
    func isHead(_ document: Int) -> Bool {
        Int(head[document]) == document
    }
}
