import ArgumentParser
import Foundation
import NearDup
import NearDupIndex

/// `neardup index stats PATH`.
struct IndexStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print the index's options, counts and sizes.")

    @OptionGroup var location: IndexLocation

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: true)
            let statistics: IndexStatistics
            do throws(NearDupIndexError) { statistics = try index.statistics() } catch { throw CLIError.index(error) }
            let options = index.options
            let perParagraph = statistics.paragraphs == 0 ? 0 : statistics.fileBytes / statistics.paragraphs
            var lines = [
                "index \(index.path)",
                "options: shingle \(options.shingle), threshold \(options.threshold), \(options.permutationCount) "
                    + "permutations, min paragraph words \(options.minimumParagraphTokens), paragraphs "
                    + "\(options.paragraphSplitting.rawValue), boilerplate \(options.boilerplate.isEnabled ? "on" : "off")",
                "articles: \(statistics.documents)",
                "paragraphs: \(statistics.paragraphs) (\(statistics.matchableParagraphs) matchable)",
                "band keys: \(statistics.paragraphBandKeys) paragraph, \(statistics.documentBandKeys) whole-text, "
                    + "\(statistics.rewriteSampleKeys) rewrite samples; "
                    + "\(statistics.runs) runs of \(statistics.runEntries) entries, "
                    + "\(statistics.recentDocuments) articles not merged yet",
                "file: \(statistics.fileBytes) bytes (\(statistics.freeBytes) free; \(perParagraph) per paragraph); "
                    + "write-ahead log \(statistics.walBytes) bytes",
            ]
            if let oldest = statistics.oldest, let newest = statistics.newest {
                lines.append("times: \(oldest.formatted(.iso8601)) to \(newest.formatted(.iso8601))")
            }
            try OutputFile(path: "-").write(Array((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}

/// `neardup index evict PATH --older-than 30d`.
struct IndexEvictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evict",
        abstract: "Remove the articles older than a time window (by their published time, or when added).")

    @OptionGroup var location: IndexLocation

    @Option(help: "The window: a number and a unit, s, m, h, d or w (30d = thirty days before now).")
    var olderThan: String

    func validate() throws {
        if Self.seconds(olderThan) == nil {
            throw ValidationError(
                "--older-than must be a number and a unit (s, m, h, d, w), like 30d, not '\(olderThan)'.")
        }
    }

    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value >= 0 else {
            return nil
        }
        return value * unit
    }

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: false)
            let cutoff = Date().addingTimeInterval(-(Self.seconds(olderThan) ?? 0))
            do throws(NearDupIndexError) {
                let removed = try index.evict(olderThan: cutoff)
                printError("neardup: evicted \(removed) articles older than \(cutoff.formatted(.iso8601))")
            } catch {
                throw CLIError.index(error)
            }
        }
    }
}

/// `neardup index remove PATH ID...`.
struct IndexRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove articles by id.")

    @OptionGroup var location: IndexLocation

    @Argument(help: "The ids to remove.")
    var ids: [String]

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: false)
            do throws(NearDupIndexError) {
                var removed = 0
                for id in ids where try index.remove(id: id) { removed += 1 }
                printError("neardup: removed \(removed) of \(ids.count) articles")
            } catch {
                throw CLIError.index(error)
            }
        }
    }
}

/// `neardup index compact PATH`.
struct IndexCompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Give back the space of removed articles (VACUUM) and empty the log.")

    @OptionGroup var location: IndexLocation

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: false)
            do throws(NearDupIndexError) { try index.compact() } catch { throw CLIError.index(error) }
        }
    }
}

/// `neardup index check-integrity PATH`.
struct IndexIntegrityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-integrity",
        abstract: "Check every page of the index and that its tables agree; exit 1 and say what is wrong if not.")

    @OptionGroup var location: IndexLocation

    func run() throws {
        try reportingErrors {
            let index = try location.open(readOnly: true)
            let report: IntegrityReport
            do throws(NearDupIndexError) { report = try index.checkIntegrity() } catch { throw CLIError.index(error) }
            let lines =
                report.checked.map { "checked: \($0)\n" } + report.problems.map { "PROBLEM: \($0)\n" }
                + (report.isSound ? ["ok\n"] : [])
            try OutputFile(path: "-").write(Array(lines.joined().utf8))
            if !report.isSound {
                throw CLIError.message("index \(index.path) has \(report.problems.count) problems")
            }
        }
    }
}
