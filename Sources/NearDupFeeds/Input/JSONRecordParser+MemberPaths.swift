extension JSONRecordParser {
    /// The most names ``memberPaths(of:)`` lists.
    static let memberPathLimit = 24

    /// The dotted paths of the members of the object `line` holds, nested objects' members
    /// included, in the order they appear (at most ``memberPathLimit``), for messages naming the
    /// fields a record has.
    /// - Parameter line: One record's bytes; must be valid UTF-8.
    /// - Returns: The paths, or `nil` if the line is not a valid JSON object.
    /// - Complexity: O(*n*) in the line's length.
    static func memberPaths(of line: UnsafeRawBufferPointer) -> [String]? {
        var scanner = JSONScanner(line)
        scanner.skipByteOrderMark()
        guard scanner.peekSkippingWhitespace() == UInt8(ascii: "{") else { return nil }
        var paths: [String] = []
        do throws(JSONSyntaxError) {
            try collectPaths(prefix: "", depth: 0, scanner: &scanner, into: &paths)
            try scanner.expectEnd()
        } catch {
            return nil
        }
        return paths
    }

    /// Appends the paths of the members of the object at the scanner's position.
    private static func collectPaths(
        prefix: String,
        depth: Int,
        scanner: inout JSONScanner,
        into paths: inout [String]
    ) throws(JSONSyntaxError) {
        try scanner.readObject(depth: depth) { (scanner, token) throws(JSONSyntaxError) in
            let path = prefix + (try scanner.string(token))
            if paths.count < memberPathLimit, !paths.contains(path) { paths.append(path) }
            if scanner.peekSkippingWhitespace() == UInt8(ascii: "{") {
                try collectPaths(prefix: path + ".", depth: depth + 1, scanner: &scanner, into: &paths)
            } else {
                _ = try scanner.value(depth: depth + 1, wanted: false)
            }
        }
    }
}
