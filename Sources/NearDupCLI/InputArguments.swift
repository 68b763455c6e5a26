import ArgumentParser
import NearDup

/// Where articles come from, shared by the commands that read feeds.
struct InputArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "JSON Lines files, folders of .txt files (id = relative path), or - for standard input.",
            valueName: "feed"))
    var feeds: [String]

    @Option(help: "JSON field holding the document id.")
    var idField = "id"

    @Option(help: "JSON field holding the article text.")
    var textField = "text"

    @Option(help: "JSON field holding the publication time (ISO 8601 or Unix seconds); used by --keep earliest.")
    var timeField: String?

    @Option(help: "JSON field holding the source (site) name; reported only.")
    var sourceField: String?

    @Flag(help: "Skip malformed records, missing fields and duplicate ids, report each on stderr, and go on.")
    var skipInvalid = false

    func validate() throws {
        if feeds.isEmpty {
            throw ValidationError("Give at least one feed (a .jsonl file, a folder of .txt files, or -).")
        }
        if feeds.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
    }

    var inputOptions: InputOptions {
        var options = InputOptions()
        options.idField = idField
        options.textField = textField
        options.timeField = timeField
        options.sourceField = sourceField
        options.skipInvalid = skipInvalid
        return options
    }

    /// Loads every feed, printing skipped records and repairs on stderr.
    func load(quiet: Bool, threads: Int?) throws -> LoadedInput {
        let loaded: LoadedInput
        do throws(InputError) {
            var loader = DocumentLoader(options: inputOptions)
            loader.threadCount = threads
            loaded = try loader.load(feeds)
        } catch {
            throw CLIError.input(error)
        }
        for issue in loaded.skipped { printError("skipped: \(issue)") }
        if !quiet {
            var notes: [String] = []
            if !loaded.skipped.isEmpty { notes.append("\(loaded.skipped.count) invalid records skipped") }
            if loaded.documentsWithInvalidUTF8 > 0 {
                notes.append("\(loaded.documentsWithInvalidUTF8) documents had invalid UTF-8 (replaced with U+FFFD)")
            }
            if loaded.emptyDocuments > 0 {
                notes.append("\(loaded.emptyDocuments) empty documents (kept, never matched)")
            }
            if !notes.isEmpty { printError("neardup: " + notes.joined(separator: "; ")) }
        }
        return loaded
    }
}
