import Foundation

/// A JSON value as far as the loader cares: strings and numbers are kept, containers are not.
enum JSONFieldValue: Equatable {
    /// A JSON string.
    case string(String)
    /// A JSON number written as an integer, as its decimal text (`-7`, `12345678901234567890`).
    case integer(String)
    /// Any other JSON number (with a fraction or exponent, or too large for 64 bits).
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array or an object.
    case container

    /// The value as it would appear in JSON, for messages (containers are abbreviated).
    var jsonText: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .integer(let digits): return digits
        case .number(let value): return "\(value)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .container: return "an array or object"
        }
    }
}

/// Parses one JSON Lines record; the only place that knows which JSON parser is used.
///
/// It uses Foundation's `JSONSerialization` for now. A faster parser can replace it as long as it
/// passes the same tests: this is the whole interface.
enum JSONRecordParser {
    /// Parses `line` (valid UTF-8) as one JSON object and returns the values of `fields`.
    /// - Parameters:
    ///   - line: The record's bytes, without the line terminator; must be valid UTF-8.
    ///   - fields: The field names wanted.
    /// - Returns: One entry per name in `fields`, `nil` where the object has no such field.
    /// - Throws: `.malformedJSON` or `.notAnObject`.
    /// - Complexity: O(*n*) in the line's length.
    static func parse(_ line: UnsafeRawBufferPointer, fields: [String]) throws(RecordProblem) -> [JSONFieldValue?] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            throw RecordProblem(.malformedJSON(explanation(of: error)))
        }
        guard let object = parsed as? [String: Any] else { throw RecordProblem(.notAnObject) }
        return fields.map { name in object[name].map(fieldValue) }
    }

    private static func fieldValue(_ value: Any) -> JSONFieldValue {
        if let string = value as? String { return .string(string) }
        if value is NSNull { return .null }
        guard let number = value as? NSNumber else { return .container }
        // Booleans and numbers are both NSNumber; the Objective-C type code tells them apart
        // ("c" for the boolean singletons, integer codes for integral literals).
        switch String(cString: number.objCType) {
        case "c", "B":
            return .bool(number.boolValue)
        case "s", "i", "l", "q":
            return .integer(String(number.int64Value))
        case "S", "I", "L", "Q":
            return .integer(String(number.uint64Value))
        default:
            return .number(number.doubleValue)
        }
    }

    private static func explanation(of error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo["NSDebugDescription"] as? String { return detail }
        return nsError.localizedDescription
    }
}
