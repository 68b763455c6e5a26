internal import GRDB
import NearDup

/// The index's SQLite schema (version 4). One file, WAL journal.
///
/// ```sql
/// -- What the index was built with: schema_version, signature_version (SignatureFormat.version)
/// -- and every option that changes answers (see StoredOptions). Checked on open.
/// CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
///
/// -- One row per article. `number` grows with each add and never comes back (AUTOINCREMENT), so a
/// -- paragraph reference stays unambiguous after removals.
/// CREATE TABLE documents (
///     number INTEGER PRIMARY KEY AUTOINCREMENT,
///     id TEXT NOT NULL UNIQUE,          -- the caller's id
///     published REAL,                   -- seconds since 1970, if known
///     source TEXT,
///     added REAL NOT NULL,              -- when it was added
///     time REAL NOT NULL,               -- published, or added: the eviction window's clock
///     content_words INTEGER NOT NULL,   -- words of its matchable paragraphs (coverage denominator)
///     matchable INTEGER NOT NULL,       -- paragraphs with band keys
///     signed INTEGER NOT NULL,          -- 1 when it has a whole-text signature
///     rewrite_samples INTEGER NOT NULL, -- its distinct rewrite sample keys (new in version 4)
///     layout BLOB NOT NULL,             -- per paragraph 13 bytes: UTF-8 start, end, word count
///                                       -- (UInt32 little-endian) and in-document boilerplate reason
///     keys BLOB NOT NULL,               -- its LSH band keys (StoredKeys): per matchable paragraph
///                                       -- its ordinal and one UInt32 per band, then the whole text's,
///                                       -- then its rewrite sample keys' values, ascending;
///                                       -- empty when the add that stored it also merged it into a
///                                       -- run (only recent articles need them; new in version 3,
///                                       -- whose files are otherwise version 2's)
///     text TEXT NOT NULL);              -- the article as given: re-shingled to verify candidates
/// CREATE INDEX documents_by_time ON documents (time);
///
/// -- Which articles' keys are in the runs: those numbered up to merged_through. The others (the
/// -- "recent" articles, at most Configuration.mergeThreshold after each add) are found through
/// -- their `keys`, which every connection keeps in memory. `generation` counts run rewrites.
/// CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), merged_through INTEGER NOT NULL,
///     generation INTEGER NOT NULL);
///
/// -- Sorted runs of (band key, reference) entries (see BandRun): key = kind << 48 | band << 32 |
/// -- the band's 32-bit XXH3 key (exactly the batch engine's buckets; kind 1 for whole-text keys,
/// -- kind 2 for rewrite samples, in band 0: BandKey.init(rewriteSample:)); reference = number << 20 |
/// -- ordinal for a paragraph, the number for a whole text or a sample. `filter` is a Bloom filter
/// -- of the run's keys (BandFilter), read once per connection.
/// CREATE TABLE runs (run INTEGER PRIMARY KEY, entries INTEGER NOT NULL, document_entries INTEGER NOT NULL,
///     sample_entries INTEGER NOT NULL, paragraph_bits INTEGER NOT NULL, document_bits INTEGER NOT NULL,
///     sample_bits INTEGER NOT NULL, first_document INTEGER NOT NULL, last_document INTEGER NOT NULL,
///     filter BLOB NOT NULL);
/// -- One row per non-empty bucket of a run: rowid run << 40 | kind << 38 | band << bits | prefix,
/// -- the bucket's entries sorted, 12 bytes each.
/// CREATE TABLE run_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
/// ```
///
/// An add writes one `documents` row and nothing else (a few pages, appended), whatever the index's
/// size. The add that brings the waiting articles to `mergeThreshold` also merges them, in the same
/// transaction, into a new run, which takes in the newest runs while they are smaller than twice
/// its size (RunMerger): every key is written sequentially, as part of a blob, about
/// log2(articles / mergeThreshold) times. A lookup probes the
/// recent keys in memory, then each run's filter, and reads a run's block only when the filter says
/// the key may be there. Removing an article deletes its `documents` row; its run entries are
/// skipped on lookup (their article is gone) and dropped by the next merge of their run.
enum IndexSchema {
    static let version = 4
    /// Older versions whose files this one reads as they are: a writer marks them as `version` on
    /// open, since it may write what they would not read. None: versions 2 and 3 have no rewrite
    /// samples, so their files must be rebuilt.
    static let compatibleVersions: [Int] = []
    /// Bits of a paragraph reference that hold the paragraph's ordinal in its article.
    static let ordinalBits = 20
    /// Paragraphs past this ordinal are stored but not matched on their own.
    static let maximumOrdinal = (1 << ordinalBits) - 1

    static let statements = [
        "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
        """
        CREATE TABLE documents (
            number INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            published REAL,
            source TEXT,
            added REAL NOT NULL,
            time REAL NOT NULL,
            content_words INTEGER NOT NULL,
            matchable INTEGER NOT NULL,
            signed INTEGER NOT NULL,
            rewrite_samples INTEGER NOT NULL,
            layout BLOB NOT NULL,
            keys BLOB NOT NULL,
            text TEXT NOT NULL)
        """,
        "CREATE INDEX documents_by_time ON documents (time)",
        """
        CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), merged_through INTEGER NOT NULL,
            generation INTEGER NOT NULL)
        """,
        "INSERT INTO state (id, merged_through, generation) VALUES (1, 0, 0)",
        """
        CREATE TABLE runs (run INTEGER PRIMARY KEY, entries INTEGER NOT NULL, document_entries INTEGER NOT NULL,
            sample_entries INTEGER NOT NULL, paragraph_bits INTEGER NOT NULL, document_bits INTEGER NOT NULL,
            sample_bits INTEGER NOT NULL, first_document INTEGER NOT NULL, last_document INTEGER NOT NULL,
            filter BLOB NOT NULL)
        """,
        "CREATE TABLE run_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
    ]

    static func paragraphReference(document: Int64, ordinal: Int) -> Int64 {
        document << Int64(ordinalBits) | Int64(ordinal)
    }

    static func split(paragraphReference reference: Int64) -> (document: Int64, ordinal: Int) {
        (reference >> Int64(ordinalBits), Int(reference & Int64(maximumOrdinal)))
    }
}

// MARK: -

/// The options stored in `meta`: every option that changes an answer, as text.
///
/// Not stored: `keep` (the index's source is always the article added first), `threadCount`, and
/// the cross-document boilerplate rule's settings (the index does not apply that rule; see docs/index.md).
enum StoredOptions {
    static func entries(of options: NearDupOptions) -> [(String, String)] {
        [
            ("schema_version", String(IndexSchema.version)),
            ("signature_version", String(SignatureFormat.version)),
            ("paragraphs", options.paragraphSplitting.rawValue),
            ("min_paragraph_words", String(options.minimumParagraphTokens)),
            ("shingle", options.shingle.description),
            ("permutations", String(options.permutationCount)),
            ("threshold", String(options.threshold)),
            ("candidate_probability", String(options.candidateProbability)),
            ("boilerplate", options.boilerplate.isEnabled ? "on" : "off"),
            ("duplicate_coverage", String(options.relations.duplicateCoverage)),
            ("copy_coverage", String(options.relations.copyCoverage)),
            ("mutual_coverage", String(options.relations.mutualCoverage)),
            ("rewrite", options.rewrite.isEnabled ? "on" : "off"),
            ("rewrite_threshold", String(options.rewrite.threshold)),
        ]
    }

    /// Reads the options back.
    /// - Throws: `.versionMismatch` for another schema or signature version; `.corrupt` if a value is
    ///   missing or unreadable.
    static func options(from stored: [String: String], path: String) throws(NearDupIndexError) -> NearDupOptions {
        func value(_ name: String) throws(NearDupIndexError) -> String {
            guard let value = stored[name] else { throw .corrupt(path: path, reason: "option \(name) is missing") }
            return value
        }
        func parsed<T>(_ name: String, _ parse: (String) -> T?) throws(NearDupIndexError) -> T {
            let text = try value(name)
            guard let result = parse(text) else { throw .corrupt(path: path, reason: "option \(name) is \"\(text)\"") }
            return result
        }
        let schema = try value("schema_version")
        guard ([IndexSchema.version] + IndexSchema.compatibleVersions).map(String.init).contains(schema) else {
            throw .versionMismatch(
                path: path, what: "schema version", stored: schema, expected: String(IndexSchema.version))
        }
        let signature = try value("signature_version")
        guard signature == String(SignatureFormat.version) else {
            throw .versionMismatch(
                path: path, what: "signature format version", stored: signature,
                expected: String(SignatureFormat.version))
        }
        var options = NearDupOptions()
        options.paragraphSplitting = try parsed("paragraphs") { ParagraphSplitting(rawValue: $0) }
        options.minimumParagraphTokens = try parsed("min_paragraph_words") { Int($0) }
        options.shingle = try parsed("shingle") { ShingleKind($0) }
        options.permutationCount = try parsed("permutations") { Int($0) }
        options.threshold = try parsed("threshold") { Double($0) }
        options.candidateProbability = try parsed("candidate_probability") { Double($0) }
        options.boilerplate.isEnabled = try parsed("boilerplate") { ["on": true, "off": false][$0] }
        options.relations.duplicateCoverage = try parsed("duplicate_coverage") { Double($0) }
        options.relations.copyCoverage = try parsed("copy_coverage") { Double($0) }
        options.relations.mutualCoverage = try parsed("mutual_coverage") { Double($0) }
        options.rewrite.isEnabled = try parsed("rewrite") { ["on": true, "off": false][$0] }
        options.rewrite.threshold = try parsed("rewrite_threshold") { Double($0) }
        return options
    }

    /// The differences between the stored options and `asked`, one line each.
    static func differences(stored: NearDupOptions, asked: NearDupOptions) -> [String] {
        let storedEntries = entries(of: stored)
        let askedEntries = entries(of: asked)
        return zip(storedEntries, askedEntries).compactMap { stored, asked in
            stored.1 == asked.1 ? nil : "\(stored.0): index \(stored.1), asked \(asked.1)"
        }
    }
}
