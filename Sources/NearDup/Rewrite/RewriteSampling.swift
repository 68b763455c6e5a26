/// The word 3-grams that stand for a paragraph when rewrite candidates are sought: the one home of
/// the shingle and of the sampling rule.
///
/// A rewritten copy keeps many of its source's word 3-grams (a third of them at 30 % of words
/// edited or spun), far more than an independent text does. Every 3-gram whose hash has its low
/// three bits clear is a sample (one in eight, chosen by content, so two texts sample the same
/// 3-grams), and documents that share several samples become rewrite candidates
/// (`RewriteCandidates`), verified exactly on all their 3-grams (`RewriteLinker`).
package enum RewriteSampling {
    /// The shingle of the rewrite view: word 3-grams, hashed like any shingle (`Shingler`).
    package static let shingle = ShingleKind.words(3)
    /// A 3-gram is sampled when its hash has none of these bits set.
    package static let sampleMask: UInt64 = 0b111

    /// Whether the 3-gram whose hash is `hash` is a sample.
    @inlinable
    package static func isSample(_ hash: UInt64) -> Bool { hash & sampleMask == 0 }
}
