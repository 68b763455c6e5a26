import Foundation

@testable import NearDup

/// A uniquely named folder under the system's temporary directory, removed when released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("NearDupTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The folder's path.
    var path: String { url.path }

    /// Writes `bytes` to `relativePath`, creating intermediate folders; returns the file's path.
    @discardableResult
    func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` as UTF-8 to `relativePath`; returns the file's path.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        try write(relativePath, bytes: Array(text.utf8))
    }
}

/// Loads `paths` and returns the error it throws, or `nil` if it succeeds.
func loadError(_ loader: DocumentLoader, _ paths: [String]) -> InputError? {
    do {
        _ = try loader.load(paths)
        return nil
    } catch {
        return error
    }
}
