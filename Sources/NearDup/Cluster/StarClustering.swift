/// Greedy star clustering: the guard against chained false clusters.
///
/// Items are visited from most to least preferred. An item not yet in a cluster becomes a
/// *center*; every neighbour of it that is not yet in a cluster joins it. So every member is
/// directly verified-similar to its center: A~B and B~C with A≁C never puts A and C together
/// through B (if A is the center, B joins A, and C starts or joins another cluster).
/// The result depends only on the order and the edges, never on scheduling.
struct StarClustering {
    /// Clusters the items listed in `order`.
    /// - Parameters:
    ///   - order: Items from most to least preferred; items not listed stay unclustered.
    ///   - itemCount: The number of items.
    ///   - neighbours: Calls its closure argument for each neighbour of an item.
    /// - Returns: The center of each item (itself for centers), or -1 if it was not listed.
    /// - Complexity: O(*n* + *e*) for *n* items and *e* edges.
    static func centers(
        order: [Int], itemCount: Int, neighbours: (Int, (Int) -> Void) -> Void
    ) -> [Int32] {
        var center = [Int32](repeating: -1, count: itemCount)
        var isListed = [Bool](repeating: false, count: itemCount)
        for item in order { isListed[item] = true }
        for item in order where center[item] < 0 {
            center[item] = Int32(item)
            neighbours(item) { neighbour in
                if isListed[neighbour] && center[neighbour] < 0 { center[neighbour] = Int32(item) }
            }
        }
        return center
    }
}
