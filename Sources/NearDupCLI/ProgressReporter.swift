import Foundation
import NearDup
import Synchronization

/// Shows scan progress (documents/s and time left) on standard error when it is a terminal.
final class ProgressReporter: Sendable {
    private struct State {
        var lastPrinted = 0.0
        var printedAny = false
    }

    private let start = Date()
    private let state = Mutex(State())

    /// A reporter, or `nil` when progress must not be shown (`--quiet`, or stderr is not a terminal).
    static func make(quiet: Bool) -> ProgressReporter? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressReporter()
    }

    /// Receives a progress update from the engine (any thread).
    func update(_ progress: ScanProgress) {
        let elapsed = Date().timeIntervalSince(start)
        let line: String? = state.withLock { state in
            guard progress.stage != .preparing || elapsed - state.lastPrinted >= 0.25 else { return nil }
            state.lastPrinted = elapsed
            state.printedAny = true
            let rate = elapsed > 0 ? Double(progress.completedDocuments) / elapsed : 0
            let left = rate > 0 ? Double(progress.totalDocuments - progress.completedDocuments) / rate : 0
            return "\r\u{1B}[K\(progress.stage.rawValue): \(progress.completedDocuments)/\(progress.totalDocuments) "
                + "documents, \(Int(rate)) documents/s, ETA \(Int(left.rounded(.up))) s"
        }
        if let line { writeToStandardError(line) }
    }

    /// Clears the progress line.
    func finish() {
        if state.withLock({ $0.printedAny }) { writeToStandardError("\r\u{1B}[K") }
    }
}
