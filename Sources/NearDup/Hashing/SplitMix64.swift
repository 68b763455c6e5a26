/// The SplitMix64 generator (Steele, Lea and Flood, 2014): a tiny, fast, fully specified
/// pseudo-random sequence used to derive MinHash permutation parameters from one seed.
///
/// The same seed gives the same sequence on every machine, which is what makes signatures
/// comparable across runs (`SignatureFormat`); the package's synthetic generator and tests build
/// reproducible inputs with the same generator.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    package init(seed: UInt64) {
        state = seed
    }

    /// Returns the next value of the sequence.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}
