import NearDup

extension NearDupIndex {
    /// How an index is opened.
    public struct Configuration: Sendable {
        /// Open without writing: no lock is taken, and the index must exist.
        public var readOnly = false
        /// How long a writer waits for another writer's lock before failing with `.locked`.
        public var lockTimeout: Duration = .zero
        /// What a returned write survives.
        public var durability: Durability = .full
        /// SQLite's page cache per connection, in MiB: the memory the index uses beyond one batch.
        public var cacheMebibytes = 64
        /// Threads that prepare the articles of `add(contentsOf:)`/`check(contentsOf:)`; `nil` for every core.
        public var threadCount: Int?
        /// Recent articles (whose band keys each index keeps in memory, 20 to 40 KB per article)
        /// that make a writer merge them into a sorted run, in the add that reaches the number.
        /// Larger: fewer, larger merges and more memory.
        public var mergeThreshold = 1024
        /// Memory for the runs' Bloom filters, in MiB, shared by the index's connections: about 10
        /// bits per stored band key until the budget is reached, then fewer (more needless block
        /// reads, never a wrong answer).
        public var filterMebibytes = 64
        /// The most matches an answer lists (its strongest); also the most articles sharing one
        /// band key that an article is compared with (the earliest added), and a quarter of the
        /// candidates verified for one article (those sharing the most paragraphs with it). Past any
        /// of these, the answer is marked `isTruncated`. This bounds the time and memory of an
        /// article that thousands of indexed articles share text with (the same short text
        /// repeated, a shared passage), which would otherwise grow with their number. For identical
        /// texts, the earliest is still the `duplicateOf`.
        public var maximumMatches = 20
        /// Whether opening reads every page of the file first (SQLite's `quick_check`) and refuses a
        /// damaged index with `.corrupt`, even where the calls made would not look. Without it, damage
        /// is found in the pages a call reads (and by `checkIntegrity()`). It costs about half a
        /// second per GB of index from the page cache, several times that from disk.
        public var verifiesPagesOnOpen = false
        /// Whether preparing a batch hands free heap pages back to the system
        /// (`NearDupEngine.releasesFreeMemoryBetweenStages`); off by default, so that a process that
        /// embeds the index keeps control of its allocator.
        public var releasesFreeMemoryBetweenStages = false

        /// Creates the default configuration: read-write, fail at once when locked, fully durable.
        public init() {}

        /// Refuses settings out of range.
        /// - Throws: `.invalidOption` naming the first.
        func validate() throws(NearDupIndexError) {
            if mergeThreshold < 1 {
                throw .invalidOption(.invalidOption(name: "mergeThreshold", expected: "at least 1"))
            }
            if filterMebibytes < 1 {
                throw .invalidOption(.invalidOption(name: "filterMebibytes", expected: "at least 1"))
            }
            if maximumMatches < 1 {
                throw .invalidOption(.invalidOption(name: "maximumMatches", expected: "at least 1"))
            }
        }
    }

    /// What a write survives once it returns.
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// A crash of the process or of the machine (`PRAGMA synchronous = FULL`).
        case full
        /// A crash of the process; the last writes may be lost if the machine loses power
        /// (`PRAGMA synchronous = NORMAL`, faster).
        case process
    }
}
