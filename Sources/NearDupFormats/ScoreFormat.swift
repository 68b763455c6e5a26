/// Locale-independent, deterministic number formatting for reports.
enum ScoreFormat {
    /// `value` with exactly `digits` decimals (half away from zero), e.g. `0.7516`.
    static func decimal(_ value: Double, digits: Int = 4) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + (digits == 0 ? "\(whole)" : "\(whole).\(fraction)")
    }

    /// `value` as a whole percentage, e.g. `83%`.
    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded(.toNearestOrAwayFromZero)))%"
    }
}
