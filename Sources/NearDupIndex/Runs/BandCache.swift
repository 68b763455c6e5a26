import Synchronization

/// What every transaction of one `NearDupIndex` shares: the filters of the runs, and the recent
/// articles' keys, kept up to date incrementally (each transaction reads only the articles added
/// since the last one). Memory: the filters (capped by `Configuration.filterMebibytes`) and the keys
/// of at most `Configuration.mergeThreshold` recent articles (plus those of one batch).
///
/// It never needs clearing: a merge or a compaction, in this process or another, writes a new
/// `generation` and moves `merged_through`, and the next `view` drops the filters of runs that are
/// gone and the recent keys that are now in a run.
final class BandCache: Sendable {
    private struct State: Sendable {
        var generation: Int64 = -1
        var filters: [Int64: BandFilter] = [:]
        var mergedThrough: Int64 = -1
        var loadedThrough: Int64 = -1
        var recent = RecentKeys()
    }

    private let state = Mutex(State())
    let bandCount: Int
    let path: String

    init(bandCount: Int, path: String) {
        self.bandCount = bandCount
        self.path = path
    }

    /// The view of the snapshot of the transaction running on `store`'s connection.
    func view(store: IndexStore) throws -> BandView {
        let (mergedThrough, generation) = try store.bandState(path: path)
        let lastDocument = try store.lastDocumentNumber()
        let runs = try store.runs(path: path)
        var filters: [Int64: BandFilter] = [:]
        var recentDocuments = 0
        let ownRecent = try state.withLock { state throws -> RecentKeys? in
            if generation > state.generation {
                state.generation = generation
                let live = Set(runs.map(\.id))
                state.filters = state.filters.filter { live.contains($0.key) }
            }
            for run in runs {
                if let filter = state.filters[run.id] {
                    filters[run.id] = filter
                } else {
                    let filter = try store.filter(run: run.id, bands: bandCount, path: path)
                    filters[run.id] = filter
                    if generation == state.generation { state.filters[run.id] = filter }
                }
            }
            if mergedThrough > state.mergedThrough {
                state.mergedThrough = mergedThrough
                state.loadedThrough = mergedThrough
                state.recent = RecentKeys()
            }
            guard mergedThrough == state.mergedThrough else {
                // An older snapshot than the cache's: read its recent keys for this transaction only.
                var own = RecentKeys()
                try store.loadRecent(
                    into: &own, after: mergedThrough, through: lastDocument, bands: bandCount, path: path)
                recentDocuments = own.documents
                return own
            }
            if lastDocument > state.loadedThrough {
                try store.loadRecent(
                    into: &state.recent, after: state.loadedThrough, through: lastDocument, bands: bandCount, path: path
                )
                state.loadedThrough = lastDocument
            }
            recentDocuments = state.recent.documents
            return nil
        }
        return BandView(
            runs: runs.map { ($0, filters[$0.id]!) }, mergedThrough: mergedThrough, lastDocument: lastDocument,
            cache: self, recentDocuments: recentDocuments, ownRecent: ownRecent)
    }

    /// Appends the recent entries of `keys` as seen by `view`; `false` if the cache has moved past
    /// the view's snapshot meanwhile (then the caller reads them itself).
    func recentHits(_ keys: [Int64], view: BandView, into result: inout [(key: Int64, reference: Int64)]) -> Bool {
        state.withLock { state in
            guard state.mergedThrough == view.mergedThrough, state.loadedThrough >= view.lastDocument else {
                return false
            }
            state.recent.hits(keys, into: &result)
            return true
        }
    }
}
