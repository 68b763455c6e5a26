import NearDup
import NearDupFeeds
import NearDupSynthetic

/// Generated news feeds as JSON Lines bytes, for tests that run the CLI on a realistic corpus.
public enum GeneratedFeed {
    /// The feed of `CorpusGenerator` with `documents` articles and `seed`, one JSON object per line
    /// (`id`, `source`, `published`, `text`), as `neardup generate` writes it.
    public static func bytes(documents: Int, seed: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        for document in CorpusGenerator(configuration: .init(documentCount: documents, seed: seed)).generate().documents
        {
            document.appendJSONLine(to: &bytes)
        }
        return bytes
    }
}
