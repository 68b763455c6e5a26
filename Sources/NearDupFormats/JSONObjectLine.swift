package import Foundation
import NearDupFeeds

/// Builds one JSON object on one line, keys in the order they are added (`package`: the index
/// command writes its lines with it too).
package struct JSONObjectLine {
    package private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]

    private mutating func key(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        appendJSONString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Adds a string, or `null`.
    package mutating func add(_ name: String, _ value: String?) {
        key(name)
        if let value { appendJSONString(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// Adds an integer.
    package mutating func add(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Adds a Boolean.
    package mutating func add(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Adds a score with four decimals, or `null`.
    package mutating func add(_ name: String, score: Double?) {
        key(name)
        bytes.append(contentsOf: (score.map { ScoreFormat.decimal($0) } ?? "null").utf8)
    }

    /// Creates an empty object.
    package init() {}

    /// Adds a time as an ISO 8601 UTC timestamp in whole seconds, or `null` (also for a time outside
    /// ``ISO8601Timestamp/representableSeconds``).
    package mutating func add(_ name: String, time: Date?) {
        key(name)
        guard let time else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        ISO8601Timestamp.appendJSONValue(time, to: &bytes)
    }

    /// Adds an array of objects.
    package mutating func add(_ name: String, objects: [JSONObjectLine]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, object) in objects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: object.closed)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds a nested object.
    package mutating func add(_ name: String, object: JSONObjectLine) {
        key(name)
        bytes.append(contentsOf: object.closed)
    }

    /// Adds an array of strings.
    package mutating func add(_ name: String, strings: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendJSONString(string, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object with its closing brace.
    package var closed: [UInt8] { bytes + [UInt8(ascii: "}")] }

    /// The object with its closing brace and a newline.
    package var line: [UInt8] { bytes + [UInt8(ascii: "}"), UInt8(ascii: "\n")] }
}
