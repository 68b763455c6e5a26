public import NearDup
public import NearDupFeeds

/// The `--summary` file of `scan` and `dedup`: one JSON object that accounts for a run, for dataset
/// cards and pipeline dashboards.
///
/// Its fields, in this order: `type` (`"summary"`), `format_version`, `version` (NearDup's),
/// `command`, `feeds`, `fields` (the id, text, time and source fields read), `records_read`,
/// `documents`, `kept`, `removed` (`removed_against_index` of them by `dedup --against`), `rejected`, `rejected_by_problem` (problem code → count, in code
/// order), `empty_documents`, `documents_with_invalid_utf8`, `skipped_files`, `paragraphs`,
/// `boilerplate_paragraphs`, `links` and `removed_by_relation` (relation → count, every relation),
/// `parameters` (what decides the result: the `scan` line's, plus `keep`, `remove`,
/// `min_paragraph_words` and `boilerplate`), and `seconds`, the wall time from start to end.
/// Every field but `seconds` is the same for the same input and options.
public struct RunSummary: Sendable {
    /// The version of this layout, in the `format_version` field.
    public static let formatVersion = 1

    /// The subcommand that ran (`scan`, `dedup`).
    public var command: String
    /// The feeds as given on the command line.
    public var feeds: [String]
    /// The field names and bad-record policy the feeds were read with.
    public var inputOptions: InputOptions
    /// What was read.
    public var loaded: LoadedInput
    /// How many records were rejected, by problem code (``InputIssue/Problem/code``).
    public var rejectedByProblem: [String: Int]
    /// The wall time of the whole run, in seconds.
    public var seconds: Double
    /// How many documents `dedup --against` removed as copies of indexed articles before the scan
    /// (they are not in its report).
    public var removedAgainstIndex = 0

    /// Creates a summary of one run.
    /// - Parameters:
    ///   - command: The subcommand that ran.
    ///   - feeds: The feeds as given on the command line.
    ///   - inputOptions: The field names the feeds were read with.
    ///   - loaded: What was read.
    ///   - rejectedByProblem: How many records were rejected, by problem code.
    ///   - seconds: The wall time of the whole run.
    public init(
        command: String, feeds: [String], inputOptions: InputOptions, loaded: LoadedInput,
        rejectedByProblem: [String: Int], seconds: Double
    ) {
        self.command = command
        self.feeds = feeds
        self.inputOptions = inputOptions
        self.loaded = loaded
        self.rejectedByProblem = rejectedByProblem
        self.seconds = seconds
    }

    /// Renders the summary of a run whose scan gave `report`.
    /// - Parameter report: The run's report.
    /// - Returns: One JSON object and a newline, as UTF-8.
    /// - Complexity: O(*n* + *l*) in the documents and links.
    public func render(_ report: ScanReport) -> [UInt8] {
        let statistics = report.statistics
        var line = JSONObjectLine()
        line.add("type", "summary")
        line.add("format_version", Self.formatVersion)
        line.add("version", NearDupRelease.version)
        line.add("command", command)
        line.add("feeds", strings: feeds)
        line.add("fields", object: fields)
        line.add("records_read", loaded.recordsRead)
        line.add("documents", statistics.documents + removedAgainstIndex)
        line.add("kept", statistics.documents - statistics.removedDocuments)
        line.add("removed", statistics.removedDocuments + removedAgainstIndex)
        line.add("removed_against_index", removedAgainstIndex)
        line.add("rejected", loaded.rejectedCount)
        line.add("rejected_by_problem", object: Self.counts(rejectedByProblem.sorted { $0.key < $1.key }))
        line.add("empty_documents", statistics.emptyDocuments)
        line.add("documents_with_invalid_utf8", loaded.documentsWithInvalidUTF8)
        line.add("skipped_files", loaded.skippedFiles)
        line.add("paragraphs", statistics.paragraphs)
        line.add("boilerplate_paragraphs", statistics.boilerplateParagraphs)
        line.add("links", object: Self.countsByRelation(report.links.map(\.relation)))
        line.add(
            "removed_by_relation", object: Self.countsByRelation(report.decisions.compactMap(\.relation)))
        line.add("parameters", object: parameters(report))
        line.add("seconds", score: seconds)
        return line.line
    }

    private var fields: JSONObjectLine {
        var fields = JSONObjectLine()
        fields.add("id", inputOptions.idField)
        fields.add("text", inputOptions.textField)
        fields.add("time", inputOptions.timeField)
        fields.add("source", inputOptions.sourceField)
        return fields
    }

    private func parameters(_ report: ScanReport) -> JSONObjectLine {
        var parameters = JSONObjectLine()
        report.addParameters(to: &parameters)
        parameters.add("keep", report.options.keep.rawValue)
        parameters.add("remove", strings: report.options.removedRelations.map(\.rawValue).sorted())
        parameters.add("min_paragraph_words", report.options.minimumParagraphTokens)
        parameters.add("boilerplate", report.options.boilerplate.isEnabled)
        return parameters
    }

    /// Each relation, in declaration order, with how often it occurs in `relations` (0 included).
    private static func countsByRelation(_ relations: [Relation]) -> JSONObjectLine {
        var counts = Dictionary(uniqueKeysWithValues: Relation.allCases.map { ($0, 0) })
        for relation in relations { counts[relation, default: 0] += 1 }
        return Self.counts(Relation.allCases.map { (key: $0.rawValue, value: counts[$0, default: 0]) })
    }

    private static func counts(_ counts: [(key: String, value: Int)]) -> JSONObjectLine {
        var object = JSONObjectLine()
        for (key, value) in counts { object.add(key, value) }
        return object
    }
}
