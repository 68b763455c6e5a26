import Foundation
import NearDup
import NearDupFeeds
import NearDupIndex

/// `dedup --against INDEX`: the documents an index already has a copy of, taken out of a batch
/// before it is deduplicated, without adding anything to the index.
///
/// The index is opened read-only (no lock is taken, so a writer may be adding to it meanwhile)
/// and each document is checked against it alone, with the index's own matching options, as
/// `neardup index check` does.
struct IndexScreen {
    /// A document the index removes: the indexed article its strongest match names.
    struct Removal {
        /// The document from the batch.
        var document: Document
        /// The indexed article it duplicates, with the evidence.
        var match: IndexMatch
    }

    /// The index file.
    let path: String
    private let index: NearDupIndex

    /// Documents checked per call to the index.
    private static let batchSize = 8192

    /// Opens the index at `path` read-only.
    /// - Throws: `CLIError.index` if there is none, or it cannot be opened (damaged, another format,
    ///   options this version cannot read).
    init(path: String) throws(CLIError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .index(.missing(path: path)) }
        var configuration = NearDupIndex.Configuration()
        configuration.readOnly = true
        do throws(NearDupIndexError) {
            index = try NearDupIndex(path: path, configuration: configuration)
        } catch {
            throw .index(error)
        }
        self.path = path
    }

    /// Splits `loaded` into the documents the index removes (whose strongest match in a relation of
    /// `relations` is an indexed article) and the rest, both in input order.
    /// - Returns: `loaded` with only the rest as its documents (its counts unchanged), and the removals.
    /// - Throws: `CLIError.index` if the index cannot be read.
    /// - Complexity: One `NearDupIndex.check(contentsOf:)` per ``batchSize`` documents.
    func screen(_ loaded: LoadedInput, removing relations: Set<Relation>) throws(CLIError) -> (
        rest: LoadedInput, removed: [Removal]
    ) {
        var rest = loaded
        rest.documents = []
        var removed: [Removal] = []
        for start in stride(from: 0, to: loaded.documents.count, by: Self.batchSize) {
            let batch = Array(loaded.documents[start..<min(start + Self.batchSize, loaded.documents.count)])
            let answers: [IndexAnswer]
            do throws(NearDupIndexError) {
                answers = try index.check(contentsOf: batch)
            } catch {
                throw .index(error)
            }
            for (document, answer) in zip(batch, answers) {
                if let match = answer.matches.first(where: { relations.contains($0.relation) }) {
                    removed.append(Removal(document: document, match: match))
                } else {
                    rest.documents.append(document)
                }
            }
        }
        return (rest, removed)
    }
}
