/// Where a JSON number lies in the line, and what is known about it without converting it.
struct JSONNumberToken {
    /// The offset of its first byte (`-` or a digit).
    var start: Int
    /// The offset just after its last byte.
    var end: Int
    /// Whether it has neither a fraction nor an exponent.
    var isInteger: Bool
    /// A bound *b* with |value| < 10^*b*: the digits before the point (none for a leading `0`)
    /// plus the exponent.
    var magnitudeBound: Int
}

extension JSONScanner {
    /// The largest *b* for which every number below 10^*b* is a finite `Double`.
    private static let finiteMagnitudeBound = 308

    /// Reads the number at the current position (its `-` or first digit), checking its syntax:
    /// `-`? (`0` | [1-9] digits) (`.` digits)? ([eE] [+-]? digits)?.
    /// - Throws: For a missing digit or a leading zero.
    mutating func scanNumber() throws(JSONSyntaxError) -> JSONNumberToken {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        var integerDigits = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) { throw .leadingZero(column: position) }
        } else {
            integerDigits = try scanDigits()
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            _ = try scanDigits()
        }
        var exponent = 0
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            let sign = position < bytes.count ? bytes[position] : 0
            if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            _ = try scanDigits()
            exponent = Self.saturatingExponent(bytes[digitsStart..<position])
            if sign == UInt8(ascii: "-") { exponent = -exponent }
        }
        return JSONNumberToken(
            start: start, end: position, isInteger: isInteger, magnitudeBound: integerDigits + exponent)
    }

    /// The number's value: ``JSONFieldValue/integer(_:)`` with its decimal text for an integer
    /// from -2^63 to 2^64 - 1 (`-0` reads `0`), ``JSONFieldValue/number(_:)`` for anything else.
    /// - Throws: ``JSONSyntaxError/numberOutOfRange(_:column:)`` if it is too large for a `Double`.
    func numberValue(_ token: JSONNumberToken) throws(JSONSyntaxError) -> JSONFieldValue {
        if token.isInteger, let text = integerText(token) { return .integer(text) }
        return .number(try double(token))
    }

    /// Throws ``JSONSyntaxError/numberOutOfRange(_:column:)`` if the number is too large for a
    /// `Double`; converts it only when its digits and exponent leave that possible.
    func checkRange(_ token: JSONNumberToken) throws(JSONSyntaxError) {
        if token.magnitudeBound > Self.finiteMagnitudeBound { _ = try double(token) }
    }

    /// The decimal text of an integer token that fits in 64 bits, or `nil` if it does not.
    private func integerText(_ token: JSONNumberToken) -> String? {
        let isNegative = bytes[token.start] == UInt8(ascii: "-")
        let digits = bytes[(isNegative ? token.start + 1 : token.start)..<token.end]
        if digits.count > 18 {
            // 19 or 20 digits may or may not fit: -2^63 and 2^64 - 1 are the limits.
            var magnitude: UInt64 = 0
            for digit in digits {
                let (tens, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = tens.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
                if overflow || carry { return nil }
                magnitude = sum
            }
            if isNegative, magnitude > UInt64(Int64.max) + 1 { return nil }
        } else if isNegative, digits.count == 1, digits.first == UInt8(ascii: "0") {
            return "0"
        }
        // Safety: the scanner made token, so start..<end lies within its line.
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// The number as the nearest `Double` (the standard library's conversion rounds correctly).
    /// - Throws: ``JSONSyntaxError/numberOutOfRange(_:column:)`` if that is infinite.
    private func double(_ token: JSONNumberToken) throws(JSONSyntaxError) -> Double {
        // Safety: the scanner made token, so start..<end lies within its line.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        // A token that passed `scanNumber()` is always a valid Swift floating-point literal.
        guard let value = Double(text), value.isFinite else {
            throw .numberOutOfRange(text, column: token.start + 1)
        }
        return value
    }

    /// Consumes one or more ASCII digits.
    /// - Returns: How many there were.
    /// - Throws: If there is none.
    private mutating func scanDigits() throws(JSONSyntaxError) -> Int {
        let start = position
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        guard position > start else { throw unexpected("a digit") }
        return position - start
    }

    /// Whether `byte` is an ASCII digit.
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// The value of an exponent's digits, capped far beyond any `Double` exponent so it cannot
    /// overflow.
    private static func saturatingExponent(_ digits: Slice<UnsafeRawBufferPointer>) -> Int {
        var value = 0
        for digit in digits where value < 1_000_000 {
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
