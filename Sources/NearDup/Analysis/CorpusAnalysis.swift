import Foundation

/// The corpus-wide stages after paragraph matching: star clustering, recurring boilerplate,
/// document links, rewrites and representatives.
struct CorpusAnalysis {
    let options: NearDupOptions
    let layout: BandLayout
    let threads: Int
    let corpus: PreparedCorpus
    let graph: ParagraphGraph
    /// Batch `scan`'s rules: the cross-document `recurring` rule applies.
    var rules: MatchRules { MatchRules(options: options, boilerplate: .inDocumentAndRecurring) }

    /// Runs the stages and assembles the report: star clustering, recurring boilerplate, document
    /// links, deduplication, report assembly.
    /// - Throws: `NearDupError.memoryLimitExceeded` when linking would need more than `memoryLimit`.
    func report(documents: [Document], memoryLimit: Int? = nil) throws(NearDupError) -> ScanReport {
        let rank = preferenceRanks(documents, words: wordsPerDocument { graph.distinctOf[$0] >= 0 })
        let center = clusterDistinctParagraphs(graph, rank: rank)
        let boilerplate = recurringBoilerplate(center: center)
        let linked = try link(documents, boilerplate: boilerplate, rank: rank, memoryLimit: memoryLimit)
        let decisions = Deduplicator(rank: rank, removedRelations: options.removedRelations).decisions(
            links: linked.links, documentCount: documents.count)
        return assembleReport(
            documents: documents, center: center, boilerplate: boilerplate, linked: linked, decisions: decisions,
            rank: rank)
    }

    /// What the recurring-boilerplate stage finds.
    private struct Boilerplate {
        /// Whether each distinct paragraph is evidence (not recurring boilerplate).
        var isEvidence: [Bool]
        /// Whether each paragraph is recurring boilerplate.
        var isRecurring: [Bool]
        /// Words of each document's evidence paragraphs.
        var contentWords: [Int]
    }

    /// What the linking stage finds.
    private struct Linked {
        var links: [DocumentLink]
        var documentCandidates: Int
        var rewriteCandidates: Int
        var commonRewriteSamples: Int
        var oversizedBuckets: Int
        var cappedParagraphs: Int
    }

    /// The recurring-boilerplate stage: clusters that `RecurringBoilerplateDetector` calls
    /// boilerplate, as per-paragraph flags.
    private func recurringBoilerplate(center: [Int32]) -> Boilerplate {
        let boilerplateCenters = recurringBoilerplateCenters(graph, center: center)
        let isEvidence = (0..<graph.distinctCount).map { !boilerplateCenters.contains(Int(center[$0])) }
        let isRecurring = (0..<corpus.paragraphCount).map { paragraph in
            let distinct = Int(graph.distinctOf[paragraph])
            return distinct >= 0 && !isEvidence[distinct]
        }
        let contentWords = wordsPerDocument { graph.distinctOf[$0] >= 0 && !isRecurring[$0] }
        return Boilerplate(isEvidence: isEvidence, isRecurring: isRecurring, contentWords: contentWords)
    }

    /// The linking stages: paragraph evidence and whole texts (`DocumentLinker`), then rewrites
    /// (`RewriteLinker`).
    /// - Throws: `NearDupError.memoryLimitExceeded` when linking would need more than `memoryLimit`.
    private func link(
        _ documents: [Document], boilerplate: Boilerplate, rank: [Int], memoryLimit: Int?
    ) throws(NearDupError) -> Linked {
        let inDocumentSet = (0..<corpus.paragraphCount).map {
            rules.isInWholeText(patternReason: corpus.patternReasons[$0], isRecurring: boilerplate.isRecurring[$0])
        }
        let twins = IdenticalDocuments(
            documents: documents, fingerprints: corpus.documentFingerprints,
            eligible: { !corpus.paragraphs(ofDocument: $0).isEmpty }, rank: rank)
        let linker = DocumentLinker(
            options: options, rules: rules, layout: layout, threads: threads, memoryLimit: memoryLimit)
        let (links, documentCandidates, oversizedBuckets, cappedParagraphs) = try linker.link(
            DocumentLinker.Input(
                documents: documents, corpus: corpus, graph: graph, isEvidence: boilerplate.isEvidence,
                inDocumentSet: inDocumentSet, contentWords: boilerplate.contentWords, rank: rank,
                twins: twins))
        let rewrites = RewriteLinker(options: options, rules: rules, threads: threads).link(
            links,
            input: RewriteLinker.Input(
                documents: documents, corpus: corpus, included: inDocumentSet, contentWords: boilerplate.contentWords,
                rank: rank, twins: twins))
        return Linked(
            links: rewrites.links, documentCandidates: documentCandidates, rewriteCandidates: rewrites.candidates,
            commonRewriteSamples: rewrites.commonSamples, oversizedBuckets: oversizedBuckets,
            cappedParagraphs: cappedParagraphs)
    }

    /// The report assembly stage: paragraphs with their roles and clusters, document summaries
    /// and statistics.
    private func assembleReport(
        documents: [Document], center: [Int32], boilerplate: Boilerplate, linked: Linked,
        decisions: [DedupDecision], rank: [Int]
    ) -> ScanReport {
        let (clusters, clusterOfParagraph) = reportedClusters(
            graph, center: center, isEvidence: boilerplate.isEvidence, rank: rank)
        var summaries: [DocumentSummary] = []
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(corpus.paragraphCount)
        var statistics = ScanStatistics()
        for document in 0..<corpus.documentCount {
            let range = corpus.paragraphs(ofDocument: document)
            var boilerplateParagraphs = 0
            var words = 0
            for paragraph in range {
                let role = role(of: paragraph, isRecurring: boilerplate.isRecurring[paragraph])
                if case .boilerplate = role { boilerplateParagraphs += 1 }
                words += Int(corpus.wordCounts[paragraph])
                paragraphs.append(
                    Paragraph(
                        document: document, ordinal: paragraph - range.lowerBound,
                        byteRange: corpus.byteRanges[paragraph],
                        wordCount: Int(corpus.wordCounts[paragraph]), role: role, cluster: clusterOfParagraph[paragraph]
                    ))
            }
            summaries.append(
                DocumentSummary(
                    paragraphs: range, contentWords: boilerplate.contentWords[document],
                    boilerplateParagraphs: boilerplateParagraphs, isEmpty: words == 0))
            statistics.boilerplateParagraphs += boilerplateParagraphs
            if words == 0 { statistics.emptyDocuments += 1 }
        }
        statistics.documents = documents.count
        statistics.paragraphs = corpus.paragraphCount
        statistics.matchableParagraphs = graph.members.count
        statistics.distinctParagraphs = graph.distinctCount
        statistics.paragraphCandidates = graph.candidateCount
        statistics.verifiedParagraphPairs = graph.edges.count
        statistics.documentCandidates = linked.documentCandidates
        statistics.rewriteCandidates = linked.rewriteCandidates
        statistics.commonRewriteSamples = linked.commonRewriteSamples
        statistics.oversizedBuckets = graph.oversizedBuckets + linked.oversizedBuckets
        statistics.cappedParagraphs = linked.cappedParagraphs
        statistics.links = linked.links.count
        statistics.removedDocuments = decisions.filter { !$0.isKept }.count
        return ScanReport(
            options: options, bandLayout: layout, documents: documents, summaries: summaries, paragraphs: paragraphs,
            links: linked.links, clusters: clusters, decisions: decisions, statistics: statistics)
    }

    private func role(of paragraph: Int, isRecurring: Bool) -> ParagraphRole {
        if let reason = corpus.patternReasons[paragraph] { return .boilerplate(reason) }
        if isRecurring { return .boilerplate(.recurring) }
        return corpus.isMatchable(paragraph, minimumWords: options.minimumParagraphTokens) ? .content : .short
    }

    private func wordsPerDocument(where include: (Int) -> Bool) -> [Int] {
        (0..<corpus.documentCount).map { document in
            corpus.paragraphs(ofDocument: document).reduce(0) { $0 + (include($1) ? Int(corpus.wordCounts[$1]) : 0) }
        }
    }

    /// Rank 0 is the document the representative policy prefers most.
    private func preferenceRanks(_ documents: [Document], words: [Int]) -> [Int] {
        let order: [Int]
        switch options.keep {
        case .first:
            order = Array(documents.indices)
        case .longest:
            order = documents.indices.sorted { words[$0] != words[$1] ? words[$0] > words[$1] : $0 < $1 }
        case .earliest:
            order = documents.indices.sorted {
                let (a, b) = (documents[$0].published ?? .distantFuture, documents[$1].published ?? .distantFuture)
                return a != b ? a < b : $0 < $1
            }
        }
        var rank = [Int](repeating: 0, count: documents.count)
        for (position, document) in order.enumerated() { rank[document] = position }
        return rank
    }

    /// Star clusters of distinct paragraphs, centers taken in document preference order.
    private func clusterDistinctParagraphs(_ graph: ParagraphGraph, rank: [Int]) -> [Int32] {
        let bestRank = (0..<graph.distinctCount).map { distinct in
            graph.members(of: distinct).map { rank[Int(corpus.paragraphDocuments[Int($0)])] }.min()!
        }
        let order = (0..<graph.distinctCount).sorted {
            bestRank[$0] != bestRank[$1] ? bestRank[$0] < bestRank[$1] : $0 < $1
        }
        return StarClustering.centers(order: order, itemCount: graph.distinctCount) { distinct, visit in
            for edge in graph.neighbourEdges[graph.neighbourStarts[distinct]..<graph.neighbourStarts[distinct + 1]] {
                visit(graph.neighbour(of: distinct, across: graph.edges[Int(edge)]))
            }
        }
    }

    /// The centers of clusters that `RecurringBoilerplateDetector` calls boilerplate.
    private func recurringBoilerplateCenters(_ graph: ParagraphGraph, center: [Int32]) -> Set<Int> {
        var denseOfCenter = [Int32](repeating: -1, count: graph.distinctCount)
        var centers: [Int] = []
        for distinct in 0..<graph.distinctCount where center[distinct] == Int32(distinct) {
            denseOfCenter[distinct] = Int32(centers.count)
            centers.append(distinct)
        }
        var clusterDocuments = [[Int32]](repeating: [], count: centers.count)
        var documentClusters: [[Int32]] = []
        var clusterWords: [[Int]] = []
        var documentWords: [Int] = []
        documentClusters.reserveCapacity(corpus.documentCount)
        clusterWords.reserveCapacity(corpus.documentCount)
        documentWords.reserveCapacity(corpus.documentCount)
        var wordsByCluster: [(cluster: Int32, words: Int)] = []
        for document in 0..<corpus.documentCount {
            wordsByCluster.removeAll(keepingCapacity: true)
            var words = 0
            for paragraph in corpus.paragraphs(ofDocument: document) where corpus.patternReasons[paragraph] == nil {
                words += Int(corpus.wordCounts[paragraph])
                let distinct = Int(graph.distinctOf[paragraph])
                guard distinct >= 0 else { continue }
                wordsByCluster.append((denseOfCenter[Int(center[distinct])], Int(corpus.wordCounts[paragraph])))
            }
            // A document's clusters, ascending, with the words of its paragraphs in each.
            wordsByCluster.sort { $0.cluster < $1.cluster }
            var clusters: [Int32] = []
            var clusterWordCounts: [Int] = []
            for (cluster, words) in wordsByCluster {
                if clusters.last == cluster {
                    clusterWordCounts[clusterWordCounts.count - 1] += words
                } else {
                    clusters.append(cluster)
                    clusterWordCounts.append(words)
                    clusterDocuments[Int(cluster)].append(Int32(document))
                }
            }
            documentClusters.append(clusters)
            clusterWords.append(clusterWordCounts)
            documentWords.append(words)
        }
        let detector = RecurringBoilerplateDetector(options: options.boilerplate)
        let flags = detector.boilerplateClusters(
            clusterDocuments: clusterDocuments, documentClusters: documentClusters, clusterWords: clusterWords,
            documentWords: documentWords)
        return Set(centers.indices.filter { flags[$0] }.map { centers[$0] })
    }

    /// Clusters of evidence paragraphs spanning at least two documents, and each paragraph's cluster.
    ///
    /// Members are gathered per center with a counting pass over flat arrays (most distinct
    /// paragraphs are alone in their cluster and are skipped without allocating). Clusters come in
    /// center order, members in paragraph order, so a cluster's paragraphs span two documents
    /// exactly when its first and last member lie in different documents.
    private func reportedClusters(
        _ graph: ParagraphGraph, center: [Int32], isEvidence: [Bool], rank: [Int]
    ) -> ([ParagraphCluster], [Int?]) {
        var memberStarts = [Int](repeating: 0, count: graph.distinctCount + 1)
        for distinct in 0..<graph.distinctCount where isEvidence[distinct] {
            memberStarts[Int(center[distinct]) + 1] += graph.members(of: distinct).count
        }
        for distinct in 0..<graph.distinctCount { memberStarts[distinct + 1] += memberStarts[distinct] }
        var members = [Int](repeating: 0, count: memberStarts[graph.distinctCount])
        var cursor = memberStarts
        for distinct in 0..<graph.distinctCount where isEvidence[distinct] {
            let key = Int(center[distinct])
            guard memberStarts[key + 1] - memberStarts[key] >= 2 else { continue }
            for member in graph.members(of: distinct) {
                members[cursor[key]] = Int(member)
                cursor[key] += 1
            }
        }
        var clusters: [ParagraphCluster] = []
        var clusterOfParagraph = [Int?](repeating: nil, count: corpus.paragraphCount)
        for key in 0..<graph.distinctCount where memberStarts[key + 1] - memberStarts[key] >= 2 {
            members[memberStarts[key]..<memberStarts[key + 1]].sort()
            let clusterMembers = Array(members[memberStarts[key]..<memberStarts[key + 1]])
            guard corpus.paragraphDocuments[clusterMembers.first!] != corpus.paragraphDocuments[clusterMembers.last!]
            else { continue }
            let representative = graph.members(of: key).map(Int.init).min {
                let (a, b) = (rank[Int(corpus.paragraphDocuments[$0])], rank[Int(corpus.paragraphDocuments[$1])])
                return a != b ? a < b : $0 < $1
            }!
            for member in clusterMembers { clusterOfParagraph[member] = clusters.count }
            clusters.append(ParagraphCluster(representative: representative, members: clusterMembers))
        }
        return (clusters, clusterOfParagraph)
    }
}
