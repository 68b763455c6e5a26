import Dispatch
import Foundation
import Synchronization

/// Makes the process stop promptly and cleanly on SIGINT (Ctrl-C) and SIGTERM: the temporary
/// files of unfinished outputs are removed, a line on standard error says what happened, and the
/// exit status is 130 or 143 (128 + the signal), as shells expect.
///
/// Also ignores SIGXFSZ, so a file size limit (`ulimit -f`) gives the same clear "cannot write"
/// error as a full disk instead of killing the process. SIGPIPE keeps its default action: output
/// into a pipe whose reader has gone (`neardup scan … | head`) ends the process quietly, like
/// any Unix filter.
enum Interrupts {
    /// Temporary files to remove if the process is interrupted.
    private static let temporaryFiles = Mutex<Set<String>>([])
    // Safety: written only by install(), called once from the main thread before any work; never read elsewhere.
    /// The installed signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    /// The queue the signal handlers run on: its own thread, so busy workers cannot delay them.
    private static let queue = DispatchQueue(label: "neardup.interrupts")

    /// Installs the handlers; later calls do nothing. Call from the main thread before any work.
    static func install() {
        guard sources.isEmpty else { return }
        signal(SIGXFSZ, SIG_IGN)
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)  // delivered to the source instead of killing the process
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { stop(signal: number, name: name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Runs `body` with the list of temporary files to remove on interrupt, while no interrupt
    /// can act on it: creating, renaming or removing a temporary file together with updating the
    /// list is atomic with respect to an interrupt.
    static func whileHoldingCleanupList<Result>(_ body: (inout Set<String>) -> Result) -> Result {
        temporaryFiles.withLock { body(&$0) }
    }

    private static func stop(signal number: Int32, name: String) {
        temporaryFiles.withLock { files in
            for file in files { unlink(file) }
            files.removeAll()
            let message = "neardup: interrupted by \(name); unfinished output files were removed\n"
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(128 + number)
        }
    }
}
