import Foundation
import NearDup

extension Document {
    /// Appends this document as one JSON Lines object with keys in the order id, source, published,
    /// text (`source` and `published` left out when `nil`; `published` in whole UTC seconds, or `null`
    /// outside the years 0000 to 9999, see ``ISO8601Timestamp/representableSeconds``).
    package func appendJSONLine(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"id":"#.utf8)
        appendJSONString(id, to: &buffer)
        if let source {
            buffer.append(contentsOf: #","source":"#.utf8)
            appendJSONString(source, to: &buffer)
        }
        if let published {
            buffer.append(contentsOf: #","published":"#.utf8)
            ISO8601Timestamp.appendJSONValue(published, to: &buffer)
        }
        buffer.append(contentsOf: #","text":"#.utf8)
        withTextUTF8 { appendJSONString(utf8: $0, to: &buffer) }
        buffer.append(contentsOf: "}\n".utf8)
    }
}
