import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupFormats

/// `neardup compare`: trace one document's paragraphs back to another.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show which paragraphs of B come from A, side by side, with exact scores.",
        discussion: """
            A and B are text files, or, with --feed, ids of documents in a feed. Every paragraph of B is \
            shown with its most similar paragraph of A; '=>' marks a match (Jaccard at or above the threshold).
            """)

    @Argument(help: "The source: a text file, or an id with --feed.")
    var source: String

    @Argument(help: "The copy: a text file, or an id with --feed.")
    var copy: String

    @Option(help: "A feed (JSON Lines file or folder) holding both documents.")
    var feed: String?

    @OptionGroup var fields: FieldArguments

    @Option(
        help: "Refuse a text file (or skip a feed record) larger than this; K, M, G are powers of 1024.")
    var maxDocumentBytes = ByteCount(bytes: InputOptions.defaultMaxDocumentBytes)

    @OptionGroup var engine: EngineArguments

    func validate() throws {
        if maxDocumentBytes.bytes == 0 { throw ValidationError("--max-document-bytes must be positive.") }
        try OutputPaths(outputs: [("the comparison", "-")], inputs: feed.map { [$0] } ?? [source, copy]).validate()
    }

    func run() throws {
        try reportingErrors {
            let (first, second) = try documents()
            let comparison: DocumentComparison
            do throws(NearDupError) {
                comparison = try NearDupEngine(options: engine.options).compare(first, second)
            } catch {
                throw CLIError.engine(error)
            }
            try OutputFile(path: "-").write(Array(ComparisonRenderer().render(comparison).utf8))
        }
    }

    private func documents() throws -> (Document, Document) {
        var options = fields.applied(to: InputOptions())
        options.maxDocumentBytes = maxDocumentBytes.bytes
        let loader = DocumentLoader(options: options)
        if let feed {
            let loaded: LoadedInput
            do throws(InputError) {
                loaded = try loader.load([feed])
            } catch {
                throw CLIError.input(error)
            }
            func find(_ id: String) throws -> Document {
                guard let document = loaded.documents.first(where: { BytewiseID($0.id) == BytewiseID(id) }) else {
                    let skipped = loaded.rejected.count
                    throw CLIError.message(
                        "no document with id \"\(id)\" in \(feed)"
                            + (skipped > 0 ? " (\(skipped) records over --max-document-bytes were not read)" : ""))
                }
                return document
            }
            return (try find(source), try find(copy))
        }
        func read(_ path: String) throws(CLIError) -> Document {
            do throws(InputError) {
                return try loader.loadTextFile(path)
            } catch .invalidRecord(let issue) {
                throw .message("\(issue); raise --max-document-bytes to compare it")
            } catch {
                throw .input(error)
            }
        }
        return (try read(source), try read(copy))
    }
}
