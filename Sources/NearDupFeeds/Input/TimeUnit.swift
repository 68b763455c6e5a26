/// What a numeric publication time counts since 1970-01-01T00:00:00Z.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    /// Seconds (Unix time), the default.
    case seconds = "s"
    /// Milliseconds (JavaScript's `Date.now()`).
    case milliseconds = "ms"
    /// Microseconds.
    case microseconds = "us"
    /// Nanoseconds.
    case nanoseconds = "ns"

    /// How many of this unit make a second.
    var perSecond: Int64 {
        switch self {
        case .seconds: 1
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// The unit's name in messages, e.g. `milliseconds`.
    public var name: String {
        switch self {
        case .seconds: "seconds"
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        case .nanoseconds: "nanoseconds"
        }
    }

    /// The seconds `count` of this unit make.
    func seconds(_ count: Double) -> Double {
        count / Double(perSecond)
    }

    /// The seconds the decimal integer `digits` of this unit make, exact to the unit when the
    /// integer fits in 64 bits.
    func seconds(digits: String) -> Double? {
        guard let count = Int64(digits) else { return Double(digits).map(seconds) }
        return Double(count / perSecond) + Double(count % perSecond) / Double(perSecond)
    }
}
