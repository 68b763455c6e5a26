public import ArgumentParser
import NearDup

/// The `neardup` command line: finds copied paragraphs and documents in news feeds.
public struct NearDupCommand: ParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "neardup",
        abstract: "Find duplicated, syndicated and rewritten copies of news articles.",
        discussion: """
            NearDup compares articles at paragraph level (word or character shingles, MinHash, LSH, exact \
            verification) and links documents by how much of each is covered by the other.
            """,
        version: NearDupRelease.version,
        subcommands: [
            ScanCommand.self, DedupCommand.self, CompareCommand.self, ExplainCommand.self, GenerateCommand.self,
            IndexCommand.self, BandsCommand.self,
        ],
        defaultSubcommand: nil
    )

    /// Creates the command; ArgumentParser fills in the options.
    public init() {}
}
