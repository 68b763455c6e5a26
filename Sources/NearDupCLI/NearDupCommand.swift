import ArgumentParser

/// The `neardup` command line: finds copied paragraphs and documents in news feeds.
public struct NearDupCommand: AsyncParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "neardup",
        abstract: "Find duplicated, syndicated and rewritten copies of news articles.",
        subcommands: []
    )

    /// Creates the command; ArgumentParser fills in the options.
    public init() {}
}
