/// The cross-document boilerplate rule: text that recurs across documents that otherwise differ.
///
/// A paragraph cluster is boilerplate when both hold:
/// 1. it spans at least `BoilerplateOptions.minimumDocuments` documents;
/// 2. its *company* — the clusters found in at least half of those documents (itself included) —
///    makes up less than `BoilerplateOptions.maximumShare` of the median document's words.
///
/// A wire story copied into ten sites keeps company with its own other paragraphs, which make up
/// most of each copy, so it stays content. A site footer or a "Trending" line keeps company only
/// with other furniture, a small share of each article, so it is boilerplate. To bound the cost on
/// huge clusters, the documents examined are the first 64 (in input order).
///
/// A cluster spanning at least ``lonePassageDocuments`` documents is also boilerplate when its
/// company *apart from itself* makes up less than `maximumShare` of the median document: a passage
/// repeated verbatim in a hundred or more documents that share nothing else (a long footer or
/// disclaimer under short texts) is furniture, however large a share of each text it is.
struct RecurringBoilerplateDetector: Sendable {
    let options: BoilerplateOptions
    static let sampleSize = 64
    /// The fewest documents a cluster must span to be boilerplate by the lone-passage rule.
    static let lonePassageDocuments = 100

    /// Decides which clusters are boilerplate.
    /// - Parameters:
    ///   - clusterDocuments: For each cluster, its documents in ascending order.
    ///   - documentClusters: For each document, its clusters in ascending order.
    ///   - clusterWords: For each document, the words per cluster it holds (parallel to `documentClusters`).
    ///   - documentWords: For each document, its words outside in-document boilerplate.
    /// - Returns: Whether each cluster is boilerplate.
    func boilerplateClusters(
        clusterDocuments: [[Int32]], documentClusters: [[Int32]], clusterWords: [[Int]], documentWords: [Int]
    ) -> [Bool] {
        var result = [Bool](repeating: false, count: clusterDocuments.count)
        guard options.isEnabled else { return result }
        for (cluster, documents) in clusterDocuments.enumerated() where documents.count >= options.minimumDocuments {
            let sample = documents.prefix(Self.sampleSize)
            var counts: [Int32: Int] = [:]
            for document in sample {
                for other in documentClusters[Int(document)] { counts[other, default: 0] += 1 }
            }
            let company = Set(counts.filter { $0.value * 2 >= sample.count }.keys)
            func medianShare(of company: Set<Int32>) -> Double {
                var shares: [Double] = sample.map { document in
                    let words = documentWords[Int(document)]
                    guard words > 0 else { return 0 }
                    var inCompany = 0
                    for (index, other) in documentClusters[Int(document)].enumerated() where company.contains(other) {
                        inCompany += clusterWords[Int(document)][index]
                    }
                    return Double(inCompany) / Double(words)
                }
                shares.sort()
                return shares[shares.count / 2]
            }
            result[cluster] =
                medianShare(of: company) < options.maximumShare
                || (documents.count >= max(options.minimumDocuments, Self.lonePassageDocuments)
                    && medianShare(of: company.subtracting([Int32(cluster)])) < options.maximumShare)
        }
        return result
    }
}
