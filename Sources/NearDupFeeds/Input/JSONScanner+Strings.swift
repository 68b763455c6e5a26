import CNearDupKernels

/// Where a JSON string's content lies in the line, and whether it holds escapes.
struct JSONStringToken {
    /// The offset of the first content byte, just after the opening quote.
    var start: Int
    /// The offset of the closing quote.
    var end: Int
    /// Whether the content holds backslash escapes (if not, it is the string's UTF-8 as it is).
    var hasEscapes: Bool
}

extension JSONScanner {
    /// Reads the string whose opening quote is at the current position, checking its escapes.
    ///
    /// Every escape of RFC 8259 is accepted; a `\u` escape of a UTF-16 surrogate must be a high
    /// surrogate followed by a `\u` escape of a low one (a lone surrogate cannot be a Unicode
    /// scalar, so it is an error, as in `JSONSerialization`).
    /// - Returns: Where the content is, for a caller that only needs to look at it.
    /// - Throws: For an unterminated string, a raw control character, an invalid escape or a lone
    ///   surrogate.
    /// - Complexity: O(*n*) in the string's length, eight bytes at a time between escapes.
    mutating func scanString() throws(JSONSyntaxError) -> JSONStringToken {
        let quote = position
        let (end, hasEscapes, _) = try scanString(at: quote, decodingInto: nil)
        position = end + 1
        return JSONStringToken(start: quote + 1, end: end, hasEscapes: hasEscapes)
    }

    /// Reads the string whose opening quote is at the current position, like ``scanString()``,
    /// and returns it with its escapes decoded, in the same pass.
    ///
    /// Content without escapes is copied once, straight from the line; otherwise it is decoded
    /// into a temporary buffer first (on the stack when small).
    mutating func readString() throws(JSONSyntaxError) -> String {
        let quote = position
        let plainEnd = plainRunEnd(from: quote + 1)
        // Safety: plainRunEnd returns an offset in quote + 1...bytes.count, checked < count before it is read.
        if plainEnd < bytes.count, bytes[plainEnd] == UInt8(ascii: "\"") {
            position = plainEnd + 1
            return Self.string(validUTF8: UnsafeRawBufferPointer(rebasing: bytes[quote + 1..<plainEnd]))
        }
        // Safety: every escape is longer than what it stands for, so the rest of the line is enough.
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count - quote) {
            (buffer) throws(JSONSyntaxError) in
            let (end, _, written) = try scanString(at: quote, decodingInto: buffer)
            position = end + 1
            return Self.string(
                validUTF8: UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<written]))
        }
    }

    /// The string `token` locates, with its escapes decoded (read again from the line).
    /// - Throws: Never for a token ``scanString()`` returned.
    func string(_ token: JSONStringToken) throws(JSONSyntaxError) -> String {
        var scanner = self
        scanner.position = token.start - 1
        return try scanner.readString()
    }

    /// Checks the string whose opening quote is at `quote` and, given `output`, writes its
    /// content there with the escapes decoded.
    /// - Returns: The offset of the closing quote, whether the content has escapes, and the
    ///   number of bytes written to `output`.
    private func scanString(
        at quote: Int,
        decodingInto output: UnsafeMutableBufferPointer<UInt8>?
    ) throws(JSONSyntaxError) -> (end: Int, hasEscapes: Bool, written: Int) {
        var index = quote + 1
        var hasEscapes = false
        var written = 0
        while true {
            let runEnd = plainRunEnd(from: index)
            if let output {
                // Safety: index <= runEnd <= count; written <= index - quote - 1 (nothing decodes longer), so it fits.
                let run = UnsafeRawBufferPointer(rebasing: bytes[index..<runEnd])
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(output)[written...])
                    .copyMemory(from: run)
                written += run.count
            }
            guard runEnd < bytes.count else { throw .unterminatedString(startColumn: quote + 1) }
            switch bytes[runEnd] {
            case UInt8(ascii: "\""):
                return (runEnd, hasEscapes, written)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                index = try escapeEnd(at: runEnd, stringStart: quote)
                if let output {
                    Unicode.UTF8.encode(unescapedScalar(at: runEnd)) { byte in
                        output[written] = byte
                        written += 1
                    }
                }
            case let control:
                throw .controlCharacterInString(Unicode.Scalar(control), column: runEnd + 1)
            }
        }
    }

    /// A `String` of `bytes`, which must be valid UTF-8 (the scanner's input is, and decoded
    /// escapes are): where the standard library allows it, the bytes are copied without being
    /// validated again, which is most of the cost of making a long string.
    private static func string(validUTF8 bytes: UnsafeRawBufferPointer) -> String {
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *) {
            return String(
                copying: UTF8Span(unchecked: Span(_unsafeElements: bytes.assumingMemoryBound(to: UInt8.self))))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first quote, backslash or control character at or after `index`, or
    /// the line's length if there is none: the end of a run of plain string content (found 16
    /// bytes at a time by `neardup_json_plain_length`).
    private func plainRunEnd(from index: Int) -> Int {
        // Safety: index < bytes.count (guarded), so the kernel reads base[index..<count] only and returns at most that.
        guard let base = bytes.baseAddress, index < bytes.count else { return index }
        return index + neardup_json_plain_length(base.assumingMemoryBound(to: UInt8.self) + index, bytes.count - index)
    }

    /// Checks the escape whose backslash is at `backslash`.
    /// - Returns: The offset just after the escape (after both halves of a surrogate pair).
    private func escapeEnd(at backslash: Int, stringStart quote: Int) throws(JSONSyntaxError) -> Int {
        guard backslash + 1 < bytes.count else { throw .unterminatedString(startColumn: quote + 1) }
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return backslash + 2
        case UInt8(ascii: "u"):
            break
        default:
            throw .invalidEscape(scalar(at: backslash + 1), column: backslash + 1)
        }
        let unit = try unicodeEscape(at: backslash, stringStart: quote)
        switch unit {
        case 0xD800...0xDBFF:
            let low = backslash + 6
            guard low + 1 < bytes.count else { throw .unterminatedString(startColumn: quote + 1) }
            guard bytes[low] == UInt8(ascii: "\\"), bytes[low + 1] == UInt8(ascii: "u"),
                try (0xDC00...0xDFFF).contains(unicodeEscape(at: low, stringStart: quote))
            else { throw .unpairedSurrogate(unit, column: backslash + 1) }
            return low + 6
        case 0xDC00...0xDFFF:
            throw .unpairedSurrogate(unit, column: backslash + 1)
        default:
            return backslash + 6
        }
    }

    /// The UTF-16 code unit of the `\uXXXX` escape whose backslash is at `backslash`.
    private func unicodeEscape(at backslash: Int, stringStart quote: Int) throws(JSONSyntaxError) -> UInt16 {
        guard backslash + 6 <= bytes.count else { throw .unterminatedString(startColumn: quote + 1) }
        guard let unit = hexQuad(at: backslash + 2) else { throw .invalidUnicodeEscape(column: backslash + 1) }
        return unit
    }

    /// The four hexadecimal digits at `start` as a number, or `nil` if one is not a digit.
    private func hexQuad(at start: Int) -> UInt16? {
        var unit: UInt16 = 0
        for index in start..<start + 4 {
            guard let digit = Self.hexDigitValue(bytes[index]) else { return nil }
            unit = unit << 4 | digit
        }
        return unit
    }

    /// The value of an ASCII hexadecimal digit, either case.
    private static func hexDigitValue(_ byte: UInt8) -> UInt16? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt16(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt16(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt16(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The character a one-letter escape (`\n`, `\"`, ...) stands for.
    private static func unescaped(_ letter: UInt8) -> Unicode.Scalar {
        switch letter {
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        default: return Unicode.Scalar(letter)  // `"`, `\` and `/` stand for themselves.
        }
    }

    /// The character the checked escape at `backslash` stands for (both halves of a surrogate
    /// pair for a high surrogate).
    private func unescapedScalar(at backslash: Int) -> Unicode.Scalar {
        let letter = bytes[backslash + 1]
        guard letter == UInt8(ascii: "u") else { return Self.unescaped(letter) }
        let unit = UInt32(hexQuad(at: backslash + 2)!)
        guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit)! }
        let low = UInt32(hexQuad(at: backslash + 8)!)
        return Unicode.Scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00))!
    }
}
