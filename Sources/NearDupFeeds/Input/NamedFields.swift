/// The optional fields ``InputOptions`` names (time, source) that one JSON Lines record has as
/// keys, whatever their values (`null` included).
struct NamedFields: OptionSet, Sendable {
    let rawValue: UInt8

    /// The record has the time field.
    static let time = NamedFields(rawValue: 1)
    /// The record has the source field.
    static let source = NamedFields(rawValue: 2)
}
