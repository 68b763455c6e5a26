/// Checking and repairing UTF-8 bytes read from input files.
enum UTF8Repair {
    /// Whether `bytes` are entirely valid UTF-8.
    ///
    /// - Complexity: O(*n*) in the number of bytes.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Fast path: pure ASCII needs no decoding.
        var index = 0
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        if index == bytes.count { return true }
        var iterator = UnsafeRawBufferPointer(rebasing: bytes[index...]).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
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
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }
}
