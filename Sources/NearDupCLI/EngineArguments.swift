public import ArgumentParser
import Foundation
import NearDup

/// What counts as a copy: the engine's options on the command line.
struct EngineArguments: ParsableArguments {
    @Option(help: "Shingles: word:N (words) or char:N (Unicode characters).")
    var shingle = Self.defaults.shingle.description

    @Option(help: "Exact Jaccard similarity at which paragraphs (and whole documents) match, in (0, 1].")
    var threshold = Self.defaults.threshold

    @Option(help: "MinHash slots per signature.")
    var permutations = Self.defaults.permutationCount

    @Option(help: "Probability that LSH proposes a pair at exactly the threshold, in (0, 1).")
    var candidateProbability = Self.defaults.candidateProbability

    @Option(help: "Paragraphs with fewer words are not matched on their own.")
    var minParagraphWords = Self.defaults.minimumParagraphTokens

    @Option(help: "Paragraph boundaries: lines (every newline) or blank-lines.")
    var paragraphs = Self.defaults.paragraphSplitting

    @Option(help: "Representative of each duplicate cluster: earliest (needs --time-field), longest or first.")
    var keep = Self.defaults.keep

    @Option(help: "Coverage both ways (or whole-text Jaccard) at which two documents are duplicates.")
    var duplicateCoverage = Self.defaults.relations.duplicateCoverage

    @Option(help: "Coverage one way at which a document is a copy of another.")
    var copyCoverage = Self.defaults.relations.copyCoverage

    @Option(help: "Coverage both ways at which two documents are copies (the same story, each with additions).")
    var mutualCoverage = Self.defaults.relations.mutualCoverage

    @Flag(help: "Do not look for rewritten copies (edited, spun or translated text that paragraph matching misses).")
    var noRewrites = !Self.defaults.rewrite.isEnabled

    @Option(
        help:
            "Share of the shorter text's word 3-grams found in the other at which two documents may be rewrites, in (0, 1]."
    )
    var rewriteThreshold = Self.defaults.rewrite.threshold

    @Option(
        help: ArgumentHelp(
            "Relations whose copies dedup removes, comma-separated: duplicate, copy, rewrite.",
            valueName: "relations"))
    var remove = Self.defaults.removedRelations.map(\.rawValue).sorted().joined(separator: ",")

    @Flag(help: "Do not recognise boilerplate.")
    var noBoilerplate = !Self.defaults.boilerplate.isEnabled

    @Option(help: "A paragraph recurring in at least this many otherwise different documents is boilerplate.")
    var boilerplateMinDocuments = Self.defaults.boilerplate.minimumDocuments

    @Option(
        help: ArgumentHelp(
            "Worker threads for reading and matching (default: all cores), at most \(Self.threadsPerCore) per core "
                + "(\(Self.maximumThreads) here). The output does not depend on it."))
    var threads: Int?

    /// The engine's defaults, which every option above starts from.
    private static let defaults = NearDupOptions()

    /// The most worker threads per core that `--threads` accepts: more only add switching and memory.
    static let threadsPerCore = 4

    /// The largest `--threads` accepted on this machine.
    static var maximumThreads: Int { threadsPerCore * ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let threads, threads > Self.maximumThreads {
            throw ValidationError(
                "--threads must be at most \(Self.maximumThreads) (\(Self.threadsPerCore) per core on this machine), "
                    + "not \(threads).")
        }
        guard Self.relations(remove) != nil else {
            throw ValidationError(
                "--remove must list duplicate, copy or rewrite, separated by commas, not '\(remove)'.")
        }
        guard ShingleKind(shingle) != nil else {
            throw ValidationError("--shingle must be word:N or char:N with N ≥ 1, not '\(shingle)'.")
        }
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The relations of a `--remove` list, or `nil` when it names anything else (`partial` and
    /// `quotation` are not copies: `Relation.isRemovable`).
    private static func relations(_ list: String) -> Set<Relation>? {
        var relations: Set<Relation> = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let relation = Relation(rawValue: name.trimmingCharacters(in: .whitespaces)), relation.isRemovable
            else { return nil }
            relations.insert(relation)
        }
        return relations
    }

    var options: NearDupOptions {
        var options = NearDupOptions()
        options.shingle = ShingleKind(shingle) ?? Self.defaults.shingle
        options.threshold = threshold
        options.permutationCount = permutations
        options.candidateProbability = candidateProbability
        options.minimumParagraphTokens = minParagraphWords
        options.paragraphSplitting = paragraphs
        options.keep = keep
        options.relations.duplicateCoverage = duplicateCoverage
        options.relations.copyCoverage = copyCoverage
        options.relations.mutualCoverage = mutualCoverage
        options.rewrite.isEnabled = !noRewrites
        options.rewrite.threshold = rewriteThreshold
        options.removedRelations = Self.relations(remove) ?? Self.defaults.removedRelations
        options.boilerplate.isEnabled = !noBoilerplate
        options.boilerplate.minimumDocuments = boilerplateMinDocuments
        options.threadCount = threads
        return options
    }
}

extension ParagraphSplitting: ExpressibleByArgument {}
extension RepresentativePolicy: ExpressibleByArgument {}
