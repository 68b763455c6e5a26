/// A validating, byte-level JSON reader (RFC 8259) over one line's UTF-8 bytes.
///
/// It reads values in place: strings and numbers are located and checked, and become `String`s
/// or numbers only when asked (``value(depth:wanted:)`` with `wanted`), so skipped parts of a
/// record cost no allocation. Arrays and objects nested in a value are validated and skipped.
///
/// It is strict RFC 8259 (no trailing commas, no comments, UTF-8 only), and decides what the RFC
/// leaves to parsers: a UTF-8 byte order mark at the very start is ignored (§8.1), numbers must fit in a
/// `Double` (§6), and nesting stops at ``depthLimit`` levels (§9), counting the outermost value,
/// so deep input is an error and never a stack overflow. ``JSONRecordParser`` lists how this
/// compares with `JSONSerialization`.
struct JSONScanner {
    /// The deepest nesting of arrays and objects accepted; deeper is an error, not a stack overflow.
    static let depthLimit = 512

    /// The line being read; valid UTF-8.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    var position = 0

    /// Creates a scanner at the start of `bytes`, which must be valid UTF-8.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    // MARK: Whitespace and punctuation

    /// Skips a UTF-8 byte order mark at the current position.
    mutating func skipByteOrderMark() {
        if bytes.count - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB,
            bytes[position + 2] == 0xBF
        {
            position += 3
        }
    }

    /// Skips JSON whitespace (space, tab, line feed, carriage return) and returns the next byte
    /// without consuming it, or `nil` at the end of the line.
    mutating func peekSkippingWhitespace() -> UInt8? {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return byte }
            position += 1
        }
        return nil
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        guard peekSkippingWhitespace() != nil else { return }
        throw .trailingCharacters(scalar(at: position), column: position + 1)
    }

    /// The error for the byte at the current position: an unexpected character, or the end of
    /// the line.
    /// - Parameter expected: What could have come instead, for the message.
    func unexpected(_ expected: String) -> JSONSyntaxError {
        guard position < bytes.count else { return .unexpectedEnd(expected: expected) }
        return .unexpectedCharacter(scalar(at: position), column: position + 1, expected: expected)
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `offset`, for messages.
    func scalar(at offset: Int) -> Unicode.Scalar {
        // Safety: callers pass the offset of a byte they have read, so offset < bytes.count.
        var iterator = UnsafeRawBufferPointer(rebasing: bytes[offset...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return "\u{FFFD}" }
        return Unicode.UTF8.decode(encoded)
    }

    // MARK: Values

    /// Reads one value, after any whitespace.
    /// - Parameters:
    ///   - depth: How many arrays and objects enclose the value.
    ///   - wanted: Whether to return the value; if not, it is only validated and skipped.
    /// - Returns: The value if `wanted` (arrays and objects as ``JSONFieldValue/container``), else `nil`.
    /// - Throws: The first syntax error in the value.
    mutating func value(depth: Int, wanted: Bool) throws(JSONSyntaxError) -> JSONFieldValue? {
        switch peekSkippingWhitespace() {
        case UInt8(ascii: "\"")?:
            guard wanted else {
                _ = try scanString()
                return nil
            }
            return .string(try readString())
        case UInt8(ascii: "-")?, (UInt8(ascii: "0")...UInt8(ascii: "9"))?:
            let token = try scanNumber()
            guard wanted else {
                try checkRange(token)
                return nil
            }
            return try numberValue(token)
        case UInt8(ascii: "{")?:
            try readObject(depth: depth) { (scanner, _) throws(JSONSyntaxError) in
                _ = try scanner.value(depth: depth + 1, wanted: false)
            }
            return wanted ? .container : nil
        case UInt8(ascii: "[")?:
            try skipArray(depth: depth)
            return wanted ? .container : nil
        case UInt8(ascii: "t")?:
            try scanLiteral("true")
            return wanted ? .bool(true) : nil
        case UInt8(ascii: "f")?:
            try scanLiteral("false")
            return wanted ? .bool(false) : nil
        case UInt8(ascii: "n")?:
            try scanLiteral("null")
            return wanted ? .null : nil
        default:
            throw unexpected("a value")
        }
    }

    /// Reads `true`, `false` or `null`, whose first letter is at the current position.
    private mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        for index in 0..<literal.utf8CodeUnitCount {
            guard position < bytes.count, bytes[position] == literal.utf8Start[index] else {
                throw unexpected("'\(literal)'")
            }
            position += 1
        }
    }

    // MARK: Containers

    /// Reads the object at the current position (its `{`), calling `member` for each member.
    /// - Parameters:
    ///   - depth: How many arrays and objects enclose this object.
    ///   - member: Called with the scanner just after the member's `:` and the member's key; it
    ///     must read the member's value, at depth `depth + 1`.
    /// - Throws: The first syntax error, or ``JSONSyntaxError/tooDeep(limit:column:)``.
    mutating func readObject(
        depth: Int,
        member: (inout JSONScanner, JSONStringToken) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) {
        guard try enterContainer(depth: depth, closedBy: UInt8(ascii: "}")) else { return }
        repeat {
            guard peekSkippingWhitespace() == UInt8(ascii: "\"") else { throw unexpected("a string key") }
            let key = try scanString()
            guard peekSkippingWhitespace() == UInt8(ascii: ":") else { throw unexpected("':'") }
            position += 1
            try member(&self, key)
        } while try continueContainer(closedBy: UInt8(ascii: "}"))
    }

    /// Validates and skips the array at the current position (its `[`).
    /// - Parameter depth: How many arrays and objects enclose this array.
    private mutating func skipArray(depth: Int) throws(JSONSyntaxError) {
        guard try enterContainer(depth: depth, closedBy: UInt8(ascii: "]")) else { return }
        repeat {
            _ = try value(depth: depth + 1, wanted: false)
        } while try continueContainer(closedBy: UInt8(ascii: "]"))
    }

    /// Consumes the opening bracket at the current position.
    /// - Returns: `false` if the container is empty (its closing bracket is consumed too).
    /// - Throws: ``JSONSyntaxError/tooDeep(limit:column:)`` if the container is one level too many.
    private mutating func enterContainer(depth: Int, closedBy close: UInt8) throws(JSONSyntaxError) -> Bool {
        guard depth < Self.depthLimit else { throw .tooDeep(limit: Self.depthLimit, column: position + 1) }
        position += 1
        guard peekSkippingWhitespace() == close else { return true }
        position += 1
        return false
    }

    /// Consumes what follows an element: a comma before the next one, or the closing bracket.
    /// - Returns: `true` if another element follows.
    /// - Throws: ``JSONSyntaxError/trailingComma(column:)`` for a comma right before `close`.
    private mutating func continueContainer(closedBy close: UInt8) throws(JSONSyntaxError) -> Bool {
        switch peekSkippingWhitespace() {
        case UInt8(ascii: ",")?:
            let comma = position
            position += 1
            if peekSkippingWhitespace() == close { throw .trailingComma(column: comma + 1) }
            return true
        case close?:
            position += 1
            return false
        default:
            throw unexpected("',' or '\(Unicode.Scalar(close))'")
        }
    }
}
