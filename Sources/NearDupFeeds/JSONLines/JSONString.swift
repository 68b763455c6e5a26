import CNearDupKernels

/// Appends `string` to `buffer` as a JSON string literal, quotes included (RFC 8259): `"` and `\`
/// are escaped, control characters become `\n`, `\t`, `\r`, `\b`, `\f` or `\u00XX`, and everything
/// else — non-ASCII included — is copied as UTF-8.
///
/// U+2028 and U+2029 are valid in JSON and copied as they are.
/// - Complexity: O(*n*) in the UTF-8 length of `string`; unescaped runs are copied in bulk.
package func appendJSONString(_ string: String, to buffer: inout [UInt8]) {
    let copied: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
        appendJSONString(utf8: bytes, to: &buffer)
    }
    if copied == nil {
        var contiguous = string
        contiguous.withUTF8 { appendJSONString(utf8: $0, to: &buffer) }
    }
}

/// Appends the UTF-8 text `bytes` to `buffer` as a JSON string literal, as
/// ``appendJSONString(_:to:)`` does for a `String`.
package func appendJSONString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\""))
    appendEscaped(bytes, to: &buffer)
    buffer.append(UInt8(ascii: "\""))
}

/// Appends `bytes` (UTF-8) with JSON escapes, copying the runs that need none in one go (found 16
/// bytes at a time by `neardup_json_plain_length`).
private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
    guard let base = bytes.baseAddress else { return }
    var index = 0
    while true {
        // Safety: index <= bytes.count, and the kernel returns plain <= count - index, so each run lies in bytes.
        let plain = neardup_json_plain_length(base + index, bytes.count - index)
        buffer.append(contentsOf: UnsafeBufferPointer(start: base + index, count: plain))
        index += plain
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            buffer.append(hexDigits.utf8Start[Int(byte >> 4)])
            buffer.append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }
}
