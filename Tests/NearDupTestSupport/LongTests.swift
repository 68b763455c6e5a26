import Foundation
public import Testing

/// The long tier of the test suite: soak, durability, interrupted-checkpoint and equivalence runs
/// on large corpora. `swift test` leaves them out, so it stays under three minutes on two cores;
/// `NEARDUP_LONG_TESTS=1 swift test` runs them too, as `.ci/run` does. Where a cheap variant
/// still proves something (a smaller corpus), it runs in the default tier instead.
public enum LongTests {
    /// The environment variable that turns the long tier on when set to `1`.
    public static let environmentVariable = "NEARDUP_LONG_TESTS"

    /// Whether this run includes the long tier.
    public static let areEnabled = ProcessInfo.processInfo.environment[environmentVariable] == "1"

    /// `long` in the long tier, else `short`: the size of a test's input in each tier.
    public static func either<Value>(short: Value, long: Value) -> Value {
        areEnabled ? long : short
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only in the long tier (`NEARDUP_LONG_TESTS=1`).
    public static var longTier: Self {
        .enabled(if: LongTests.areEnabled, "a long run: set \(LongTests.environmentVariable)=1, as .ci/run does")
    }
}
