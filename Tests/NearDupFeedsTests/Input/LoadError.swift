@testable import NearDupFeeds

/// Loads `paths` and returns the error it throws, or `nil` if it succeeds.
func loadError(_ loader: DocumentLoader, _ paths: [String]) -> InputError? {
    do {
        _ = try loader.load(paths)
        return nil
    } catch {
        return error
    }
}
