import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds
import NearDupSynthetic

/// `neardup generate`: write a seeded news-like feed with known copies, and its truth file.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded, news-like JSON Lines feed with known copies, plus a truth file.",
        discussion: """
            The same --documents and --seed give byte-identical files on any machine (generator format \
            version \(CorpusGenerator.formatVersion)). Feed lines: id, source, published, text. Truth lines: id, kind \
            (original, unique, verbatim, syndicated, partial), original (the copied id, or null), edits. \
            Both files are written to a temporary name and renamed when complete, like dedup's outputs \
            (special files such as /dev/null in place).
            """)

    @Option(help: "Number of documents.")
    var documents = 10_000

    @Option(help: "Seed fixing every random choice.")
    var seed: UInt64 = 42

    @Option(help: "Share of documents that copy an earlier one, in [0, 0.9).")
    var copyFraction = CorpusGenerator.Configuration.defaultCopyFraction

    @Option(name: .shortAndLong, help: "The feed to write.")
    var output: String

    @Option(help: "The truth file to write (one line per document).")
    var truth: String?

    func validate() throws {
        if documents < 1 { throw ValidationError("--documents must be at least 1.") }
        if !(0..<0.9).contains(copyFraction) { throw ValidationError("--copy-fraction must be in [0, 0.9).") }
        try OutputPaths(outputs: [("--output", output), ("--truth", truth)], inputs: []).validate()
    }

    func run() throws {
        try reportingErrors {
            let generator = CorpusGenerator(
                configuration: .init(documentCount: documents, seed: seed, copyFraction: copyFraction))
            let feedFile = try OutputFile(path: output)
            let truthFile = try truth.map { (path) throws(CLIError) in try OutputFile(path: path) }
            do throws(JSONLinesWriterError) {
                let feed = feedFile.jsonLinesWriter()
                let truthLines = truthFile.map { $0.jsonLinesWriter() }
                try generator.forEachDocument { (document, record) throws(JSONLinesWriterError) in
                    try feed.write(document)
                    try truthLines?.write(record)
                }
                try feed.close()
                try truthLines?.close()
            } catch {
                throw CLIError.message("\(error)")
            }
            try feedFile.commit()
            try truthFile?.commit()
        }
    }
}
