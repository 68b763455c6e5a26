import Foundation
import FuzzSupport
import NearDup
import NearDupFormats

/// Fuzzes a whole scan over a tiny in-memory corpus.
///
/// Five option bytes pick the options (shingles, threshold, permutations, candidate probability,
/// paragraph mode, keep policy, boilerplate, rewrites and their threshold) and which documents have
/// a publication time; the rest is cut at
/// each 0xFF byte (never part of valid UTF-8) into at most eight documents, each repaired as the
/// loader does. The scan runs with one and two threads. Invariants:
/// - the report is the same for both thread counts (its JSON Lines rendering is byte-identical);
/// - every document has one summary and one decision; a removed document's representative is a
///   kept document, linked by a removable relation (never `partial` or `quotation`); paragraphs lie in their document's text on scalar boundaries, in order;
/// - clusters, links and matches reference valid paragraphs and documents, and every score is in
///   [0, 1]; verbatim paragraph matches reach the threshold; rewritten ones, only in `rewrite`
///   links, reach the rewrite threshold in word 3-gram containment, as does every rewrite score;
///   quotation matches reach the threshold (the rewrite threshold in a `rewrite` link), and a link
///   short of a copy is a `quotation` exactly when all its matches are;
/// - the statistics count what the report holds; every renderer runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    var options = NearDupOptions()
    let shingle = input.byte()
    let length = Int((shingle >> 1) % 6) + 1
    options.shingle = shingle & 1 == 0 ? .words(length) : .characters(length)
    let layout = input.byte()
    options.paragraphSplitting = layout & 1 == 0 ? .lines : .blankLines
    options.keep = RepresentativePolicy.allCases[Int((layout >> 1) % 3)]
    options.minimumParagraphTokens = Int((layout >> 3) % 4) + 1
    options.boilerplate.isEnabled = layout & 0x20 == 0
    let matching = input.byte()
    options.threshold = [0.5, 0.2, 0.8, 1.0][Int(matching % 4)]
    options.permutationCount = [128, 1, 7, 16][Int((matching >> 2) % 4)]
    options.candidateProbability = [0.95, 0.5, 0.999][Int((matching >> 4) % 3)]
    let boilerplate = input.byte()
    options.boilerplate.minimumDocuments = Int(boilerplate % 4) + 2
    options.boilerplate.maximumShare = boilerplate & 0x10 == 0 ? 0.3 : 1
    options.rewrite.isEnabled = boilerplate & 0x20 == 0
    options.rewrite.threshold = [0.25, 0.05, 0.5, 1.0][Int((boilerplate >> 6) % 4)]
    let timed = input.byte()
    let documents = split(input.payload, timed: timed)

    var reports: [[UInt8]] = []
    for threads in [1, 2] {
        options.threadCount = threads
        let report: ScanReport
        do {
            report = try NearDupEngine(options: options).scan(documents)
        } catch {
            check(false, "scan threw \(error) with \(options)")
            return 0
        }
        checkReport(report, of: documents)
        reports.append(JSONLinesReportRenderer().render(report))
        _ = TextReportRenderer().render(report)
        _ = CSVReportRenderer().render(report)
        _ = report.removedRecords()
    }
    check(reports[0] == reports[1], "one and two threads give different reports")
    return 0
}

/// The documents of `payload`: the pieces between 0xFF bytes, at most eight (the eighth takes the
/// rest), ids `d0`, `d1`, …; document *i* has a time (a few seconds, so ties occur) when bit *i* of
/// `timed` is set.
private func split(_ payload: UnsafeBufferPointer<UInt8>, timed: UInt8) -> [Document] {
    var pieces = payload.split(separator: 0xFF, maxSplits: 7, omittingEmptySubsequences: false)
    if pieces.isEmpty { pieces = [payload[...]] }
    return pieces.enumerated().map { index, piece in
        let published = (timed >> index) & 1 == 0 ? nil : Date(timeIntervalSince1970: Double(index % 3))
        return Document(id: "d\(index)", text: String(decoding: piece, as: UTF8.self), published: published)
    }
}

/// Checks `report`'s structure against the `documents` scanned.
private func checkReport(_ report: ScanReport, of documents: [Document]) {
    let count = documents.count
    check(report.documents == documents, "the report's documents differ from the input")
    check(report.summaries.count == count && report.decisions.count == count, "not one summary and decision each")
    var removed = 0
    for (index, decision) in report.decisions.enumerated() {
        check(decision.document == index, "decision \(index) is for document \(decision.document)")
        if let source = decision.duplicateOf {
            removed += 1
            check(source != index && report.decisions.indices.contains(source), "d\(index) duplicates \(source)")
            check(report.decisions[source].isKept, "d\(index)'s representative d\(source) is removed")
            check(decision.relation != nil, "d\(index) is removed without a relation")
            check(
                decision.relation?.isRemovable ?? false,
                "d\(index) is removed on a \(String(describing: decision.relation)) link")
        }
        if let score = decision.score { checkScore(score, "d\(index)'s score") }
    }
    checkParagraphs(report)
    for (index, cluster) in report.clusters.enumerated() {
        let members = cluster.members
        check(members.count >= 2 && members == members.sorted(), "cluster \(index) has members \(members)")
        check(members.contains(cluster.representative), "cluster \(index) lacks its representative")
        for member in members {
            check(report.paragraphs.indices.contains(member), "cluster \(index) has paragraph \(member)")
            check(report.paragraphs[member].cluster == index, "¶\(member) is not marked in cluster \(index)")
        }
    }
    for link in report.links {
        check(link.source != link.copy && link.source < count && link.copy < count, "link \(link.source)→\(link.copy)")
        checkScore(link.copyCoverage, "copy coverage")
        checkScore(link.sourceCoverage, "source coverage")
        checkScore(link.jaccard, "link Jaccard")
        for match in link.matches {
            check(report.paragraphs.indices.contains(match.copyParagraph), "match of ¶\(match.copyParagraph)")
            check(report.paragraphs.indices.contains(match.sourceParagraph), "match of ¶\(match.sourceParagraph)")
            check(report.paragraphs[match.copyParagraph].document == link.copy, "match outside the copy")
            check(report.paragraphs[match.sourceParagraph].document == link.source, "match outside the source")
            checkScore(match.jaccard, "match Jaccard")
            checkScore(match.copyContainment, "copy containment")
            checkScore(match.sourceContainment, "source containment")
            switch match.kind {
            case .verbatim:
                check(match.jaccard >= report.options.threshold, "match Jaccard \(match.jaccard) under the threshold")
            case .quotation where link.relation == .rewrite:
                let containment = max(match.copyContainment, match.sourceContainment)
                check(
                    containment >= report.options.rewrite.threshold,
                    "aligned quotation containment \(containment) under the rewrite threshold")
            case .quotation:
                check(
                    match.jaccard >= report.options.threshold, "quotation Jaccard \(match.jaccard) under the threshold")
            case .rewritten:
                let containment = max(match.copyContainment, match.sourceContainment)
                check(link.relation == .rewrite, "a rewritten match in a \(link.relation) link")
                check(
                    containment >= report.options.rewrite.threshold,
                    "rewritten match containment \(containment) under the rewrite threshold")
            }
        }
        check((link.relation == .rewrite) == (link.rewriteScore != nil), "\(link.relation) link's rewrite score")
        check(
            (link.relation == .quotation)
                == (!link.matches.isEmpty && link.matches.allSatisfy { $0.kind == .quotation })
                || link.relation == .duplicate || link.relation == .copy,
            "\(link.relation) link whose matches are \(link.matches.map(\.kind))")
        if let score = link.rewriteScore {
            checkScore(score, "rewrite score")
            check(score >= report.options.rewrite.threshold, "rewrite score \(score) under the rewrite threshold")
        }
    }
    let statistics = report.statistics
    check(statistics.documents == count && statistics.paragraphs == report.paragraphs.count, "wrong counts")
    check(statistics.links == report.links.count && statistics.removedDocuments == removed, "wrong link counts")
}

/// Checks that each document's paragraphs are contiguous in the report, in reading order, and
/// quote its text on scalar boundaries.
private func checkParagraphs(_ report: ScanReport) {
    var next = 0
    for (index, summary) in report.summaries.enumerated() {
        check(summary.paragraphs.lowerBound == next, "d\(index)'s paragraphs start at \(summary.paragraphs)")
        next = summary.paragraphs.upperBound
        let utf8 = Array(report.documents[index].text.utf8)
        var previousEnd = 0
        for (ordinal, paragraphIndex) in summary.paragraphs.enumerated() {
            let paragraph = report.paragraphs[paragraphIndex]
            let range = paragraph.byteRange
            check(paragraph.document == index && paragraph.ordinal == ordinal, "¶\(paragraphIndex) is misfiled")
            check(range.lowerBound >= previousEnd && range.upperBound <= utf8.count, "¶\(paragraphIndex) at \(range)")
            check(isOnScalarBoundaries(range, of: utf8), "¶\(paragraphIndex) at \(range) cuts a scalar")
            check(
                Array(report.text(ofParagraph: paragraphIndex).utf8) == Array(utf8[range]),
                "¶\(paragraphIndex) is quoted wrongly")
            previousEnd = range.upperBound
        }
    }
    check(next == report.paragraphs.count, "paragraphs after the last document's")
}

/// Checks that `score` is in [0, 1] (and so not NaN).
private func checkScore(_ score: Double, _ name: @autoclosure () -> String) {
    check(score >= 0 && score <= 1, "\(name()) is \(score)")
}
