import Testing

@testable import NearDup

@Suite struct StarClusteringTests {
    /// Stars over an undirected edge list.
    static func centers(order: [Int], itemCount: Int, edges: [(Int, Int)]) -> [Int32] {
        var adjacent = [[Int]](repeating: [], count: itemCount)
        for (a, b) in edges {
            adjacent[a].append(b)
            adjacent[b].append(a)
        }
        return StarClustering.centers(order: order, itemCount: itemCount) { item, visit in
            for neighbour in adjacent[item] { visit(neighbour) }
        }
    }

    static let chain = [(0, 1), (1, 2)]  // A~B, B~C, A≁C

    @Test func chainFromTheEndSplitsIntoTwoStars() {
        #expect(Self.centers(order: [0, 1, 2], itemCount: 3, edges: Self.chain) == [0, 0, 2])
    }

    @Test func chainFromTheMiddleIsOneStar() {
        #expect(Self.centers(order: [1, 0, 2], itemCount: 3, edges: Self.chain) == [1, 1, 1])
    }

    @Test func itemsNotInTheOrderStayUnclustered() {
        #expect(Self.centers(order: [2, 0], itemCount: 4, edges: Self.chain) == [0, -1, 2, -1])
        #expect(Self.centers(order: [], itemCount: 2, edges: []) == [-1, -1])
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func everyMemberIsANeighbourOfItsCenter(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = 40
        var edges: [(Int, Int)] = []
        var isEdge = Set<Int>()
        for _ in 0..<80 {
            let a = Int(random.next() % UInt64(count))
            let b = Int(random.next() % UInt64(count))
            guard a != b else { continue }
            edges.append((a, b))
            isEdge.insert(min(a, b) * count + max(a, b))
        }
        var order = Array(0..<count)
        order.shuffle(using: &random)
        let center = Self.centers(order: order, itemCount: count, edges: edges)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        for item in 0..<count {
            let itemCenter = Int(center[item])
            #expect(center[itemCenter] == Int32(itemCenter), "a center is its own center")
            if itemCenter != item {
                #expect(isEdge.contains(min(item, itemCenter) * count + max(item, itemCenter)))
                #expect(position[itemCenter]! < position[item]!, "centers come earlier in the order")
            }
        }
        // Two centers are never neighbours: the later one was still free when the earlier one
        // was visited, so it would have joined it.
        for (a, b) in edges where center[a] == Int32(a) && center[b] == Int32(b) {
            Issue.record("centers \(a) and \(b) are neighbours: the later one should have joined the earlier")
        }
    }

    // MARK: - Through the engine

    /// Word runs of one long text: A = words 0..<40, B = 8..<48, C = 16..<56. Word-5 Jaccard:
    /// A~B = B~C = 28/44 ≈ 0.64, A~C = 20/52 ≈ 0.38.
    static func chainParagraph(_ offset: Int) -> String {
        let vocabulary = ["north", "korea", "troops", "kursk", "moscow", "treaty", "soldiers"]
        return (offset..<(offset + 40)).map { "\(vocabulary[$0 % vocabulary.count])\($0)" }.joined(separator: " ") + "."
    }

    @Test func engineNeverChainsAToCThroughB() throws {
        let texts = [Self.chainParagraph(0), Self.chainParagraph(8), Self.chainParagraph(16)]
        var options = NearDupOptions()
        options.keep = .first
        let shingles = texts.map { Kernel.shingles($0) }
        let ab = SetOverlap(sorted: shingles[0], shingles[1]).jaccard
        let bc = SetOverlap(sorted: shingles[1], shingles[2]).jaccard
        let ac = SetOverlap(sorted: shingles[0], shingles[2]).jaccard
        try #require(ab >= options.threshold && bc >= options.threshold && ac < options.threshold)

        let documents = texts.enumerated().map { Document(id: "doc-\($0)", text: $1) }
        let report = try NearDupEngine(options: options).scan(documents)
        try #require(report.paragraphs.count == 3)
        #expect(report.paragraphs.map(\.role) == [.content, .content, .content])
        #expect(!report.clusters.isEmpty)
        for cluster in report.clusters {
            let representative = Kernel.shingles(String(report.text(ofParagraph: cluster.representative)))
            #expect(cluster.members.contains(cluster.representative))
            for member in cluster.members {
                let overlap = SetOverlap(
                    sorted: representative, Kernel.shingles(String(report.text(ofParagraph: member))))
                #expect(overlap.jaccard >= options.threshold, "member \(member) of \(cluster.representative)")
            }
        }
        let clusterOfA = report.paragraphs[0].cluster
        let clusterOfC = report.paragraphs[2].cluster
        #expect(clusterOfA != nil && clusterOfA == report.paragraphs[1].cluster)
        #expect(clusterOfC == nil || clusterOfC != clusterOfA)
        #expect(report.decisions[0].isKept)
        #expect(report.decisions[1].duplicateOf == 0)
        #expect(report.decisions[2].duplicateOf != 0)
    }
}
