import ArgumentParser

/// A size in bytes on the command line: digits, optionally followed by `K`, `M`, `G` or `T`
/// (powers of 1024; `KiB`, `MB` and the like are accepted too), e.g. `8M` or `1500000`.
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
    /// The size in bytes.
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        let digits = argument.prefix { $0.isASCII && $0.isNumber }
        let unit = argument.dropFirst(digits.count).uppercased()
        let shifts: [String: Int] = ["": 0, "K": 10, "M": 20, "G": 30, "T": 40]
        let letter =
            unit.hasSuffix("IB") ? String(unit.dropLast(2)) : unit.hasSuffix("B") ? String(unit.dropLast()) : unit
        guard !digits.isEmpty, let value = Int(digits), let shift = shifts[letter],
            value <= Int.max >> shift
        else { return nil }
        bytes = value << shift
    }

    /// The size with the largest binary unit that keeps one decimal, e.g. `8.0 MiB` or `512 bytes`.
    var description: String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = "bytes"
        for next in units where value >= 1024 {
            value /= 1024
            unit = next
        }
        if unit == "bytes" { return "\(bytes) bytes" }
        return "\((value * 10).rounded() / 10) \(unit)"
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
