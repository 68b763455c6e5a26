/// Checking and repairing UTF-8 bytes read from input files.
enum UTF8Repair {
    /// Whether `bytes` are entirely valid UTF-8: well-formed sequences (Unicode table 3-7), so no
    /// overlong forms, surrogates or scalars above U+10FFFF.
    ///
    /// - Complexity: O(*n*) in the number of bytes; ASCII runs are checked 32 bytes at a time.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            if index + 32 <= bytes.count, isASCII(bytes, thirtyTwoBytesAt: index) {
                index += 32
            } else if bytes[index] < 0x80 {
                index += 1
            } else if let length = sequenceLength(in: bytes, at: index) {
                index += length
            } else {
                return false
            }
        }
        return true
    }

    /// Whether the 32 bytes at `index` are all ASCII.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer, thirtyTwoBytesAt index: Int) -> Bool {
        // Safety: isValid checks index + 32 <= bytes.count first, so the four 8-byte loads stay inside.
        let words = (0..<4).reduce(UInt64(0)) {
            $0 | bytes.loadUnaligned(fromByteOffset: index + 8 * $1, as: UInt64.self)
        }
        return words & 0x8080_8080_8080_8080 == 0
    }

    /// The length of the well-formed multi-byte sequence starting at `index`, or `nil` if there
    /// is none there.
    static func sequenceLength(in bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let length: Int
        let second: ClosedRange<UInt8>
        // Safety: callers pass index < bytes.count; index + length <= bytes.count is checked before the other bytes.
        switch bytes[index] {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// Decodes `bytes` as UTF-8, replacing each invalid sequence with U+FFFD.
    /// - Returns: The text, and whether any replacement was made.
    /// - Complexity: O(*n*) in the number of bytes.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> (text: String, repaired: Bool) {
        (String(decoding: bytes, as: UTF8.self), !isValid(bytes))
    }

    /// The UTF-8 byte order mark, EF BB BF.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `bytes` without a leading UTF-8 byte order mark.
    static func droppingByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        // Safety: count >= 3 is checked first, so bytes[0...2] and bytes[3...] lie inside.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }
}
