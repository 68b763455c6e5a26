public import ArgumentParser
public import NearDupFeeds

/// The JSON fields that make a record a document, shared by every command that reads feeds
/// (`compare --feed` included).
struct FieldArguments: ParsableArguments {
    @Option(help: "JSON field holding the document id; a dotted path (meta.id) names a nested field.")
    var idField = Self.defaults.idField

    @Option(help: "JSON field holding the article text; a dotted path (content.body) names a nested field.")
    var textField = Self.defaults.textField

    /// The loader's defaults, which the options above start from.
    private static let defaults = InputOptions()

    /// `options` reading these fields.
    func applied(to options: InputOptions) -> InputOptions {
        var options = options
        options.idField = idField
        options.textField = textField
        return options
    }
}

extension TimeUnit: ExpressibleByArgument {}
