/// Why a line is not valid JSON (RFC 8259), found by ``JSONScanner``.
///
/// Columns count bytes from 1 at the start of the line, so they point into the file even when
/// the line holds multi-byte characters.
enum JSONSyntaxError: Error, Equatable {
    /// A character that cannot appear where it was found; `expected` says what could.
    case unexpectedCharacter(Unicode.Scalar, column: Int, expected: String)
    /// The line ended while `expected` was still due.
    case unexpectedEnd(expected: String)
    /// A string whose closing quote never came.
    case unterminatedString(startColumn: Int)
    /// A raw control character (U+0000 to U+001F) inside a string; it must be escaped.
    case controlCharacterInString(Unicode.Scalar, column: Int)
    /// A backslash followed by something other than `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t` or `u`;
    /// the column is the backslash's.
    case invalidEscape(Unicode.Scalar, column: Int)
    /// `\u` not followed by four hexadecimal digits; the column is the backslash's.
    case invalidUnicodeEscape(column: Int)
    /// A `\u` escape of a UTF-16 surrogate that is not part of a high-low pair; the column is the
    /// backslash's.
    case unpairedSurrogate(UInt16, column: Int)
    /// A number with a superfluous leading zero (`01`, `-00`); the column is the zero's.
    case leadingZero(column: Int)
    /// A number whose magnitude is too large for a `Double` (`1e400`); the column is its start.
    case numberOutOfRange(String, column: Int)
    /// Arrays and objects nested deeper than `limit`; the column is the first bracket too many.
    case tooDeep(limit: Int, column: Int)
    /// A comma right before `]` or `}`.
    case trailingComma(column: Int)
    /// Something other than whitespace after the top-level value.
    case trailingCharacters(Unicode.Scalar, column: Int)

    /// A sentence for people, e.g. `unexpected character 'x' at column 17 (expected ',' or '}')`.
    var explanation: String {
        switch self {
        case .unexpectedCharacter(let scalar, let column, let expected):
            return "unexpected character \(Self.describe(scalar)) at column \(column) (expected \(expected))"
        case .unexpectedEnd(let expected):
            return "unexpected end of line (expected \(expected))"
        case .unterminatedString(let column):
            return "unterminated string starting at column \(column)"
        case .controlCharacterInString(let scalar, let column):
            return "unescaped control character \(Self.describe(scalar)) in string at column \(column)"
        case .invalidEscape(let scalar, let column):
            return "invalid escape: backslash followed by \(Self.describe(scalar)) at column \(column)"
        case .invalidUnicodeEscape(let column):
            return "invalid \\u escape at column \(column) (expected four hexadecimal digits)"
        case .unpairedSurrogate(let unit, let column):
            return "unpaired UTF-16 surrogate \\u\(Self.hex(unit)) at column \(column)"
        case .leadingZero(let column):
            return "number with a leading zero at column \(column)"
        case .numberOutOfRange(let text, let column):
            let shown = text.count > 24 ? text.prefix(20) + "..." : text[...]
            return "number \(shown) at column \(column) is too large"
        case .tooDeep(let limit, let column):
            return "arrays and objects nested more than \(limit) deep at column \(column)"
        case .trailingComma(let column):
            return "trailing comma at column \(column)"
        case .trailingCharacters(let scalar, let column):
            return "unexpected character \(Self.describe(scalar)) at column \(column) after the JSON value"
        }
    }

    /// `'x'` for printable ASCII, `U+00E9` for anything else (control characters, non-ASCII).
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if (0x21...0x7E).contains(scalar.value) { return "'\(scalar)'" }
        return "U+" + hex(scalar.value)
    }

    /// `value` in uppercase hexadecimal, at least four digits.
    private static func hex(_ value: some BinaryInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
