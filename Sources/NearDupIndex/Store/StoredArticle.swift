import Foundation
import NearDup

/// An indexed article read back for verification: its text and the paragraph layout the engine
/// computed when it was added.
struct StoredArticle: Sendable {
    let number: Int64
    let document: Document
    let added: Date
    let contentWords: Int
    /// Its distinct rewrite sample keys (`BandKey.init(rewriteSample:)`).
    let rewriteSamples: Int
    let layout: [StoredParagraph]
}
