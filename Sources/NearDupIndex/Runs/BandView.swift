/// The band keys one transaction sees: the sorted runs of its snapshot, each with its filter, and
/// the keys of the articles added since the last merge.
struct BandView {
    let runs: [(run: BandRun, filter: BandFilter)]
    /// The highest article number whose keys are in the runs.
    let mergedThrough: Int64
    /// The highest article number of the snapshot.
    let lastDocument: Int64
    let cache: BandCache
    /// About how many articles wait to be merged (removed ones may still be counted).
    let recentDocuments: Int
    /// The recent keys of this snapshot, when the shared cache has moved past it (a merge happened
    /// since the snapshot began).
    let ownRecent: RecentKeys?
}
