import Foundation
import NearDupTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `neardup` child process under the test's full control, for fault tests: its standard input
/// is a pipe that stays open until ``closeInput()``, its output goes to files (or to a pipe the
/// test closes), signals can be sent at any moment, and ``wait(timeout:)`` reports how it ended
/// and its peak memory, or kills it as hung.
final class ChildProcess {
    /// How a child ended.
    struct Exit {
        /// The exit status, if it exited.
        var status: Int32?
        /// The signal that killed it, if one did.
        var signal: Int32?
        /// Its peak resident memory in bytes (the kernel's `VmHWM`, read while it runs: `wait4`'s
        /// figure would include the test process's own memory, which a spawned child starts from).
        var maximumResidentBytes: Int
        /// Whether it had to be killed after the timeout.
        var hung: Bool
    }

    let pid: pid_t
    /// The write end of the child's standard input, or -1 once closed.
    private var input: Int32
    let standardOutputPath: String
    let standardErrorPath: String

    /// Starts `neardup` with `arguments` (give absolute paths).
    /// - Parameters:
    ///   - arguments: The command line after `neardup`.
    ///   - folder: Where the standard output and error files go.
    ///   - standardOutput: A descriptor to use as standard output instead of a file.
    init(_ arguments: [String], in folder: ScratchFolder, standardOutput: Int32? = nil) throws {
        signal(SIGPIPE, SIG_IGN)  // a write into the pipe of a child that died must not kill the tests
        let executable = try CommandRunner.executable().path
        standardOutputPath = folder.url.appendingPathComponent("stdout-\(UUID().uuidString)").path
        standardErrorPath = folder.url.appendingPathComponent("stderr-\(UUID().uuidString)").path
        var ends: [Int32] = [0, 0]
        try Self.makePipe(&ends)
        input = ends[1]
        defer { close(ends[0]) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, STDOUT_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, standardOutputPath, O_WRONLY | O_CREAT, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, standardErrorPath, O_WRONLY | O_CREAT, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result)!) }
        pid = child
    }

    deinit {
        closeInput()
    }

    /// Creates a pipe whose ends are closed on exec, so other children never inherit them.
    static func makePipe(_ ends: inout [Int32]) throws {
        guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno)!) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    }

    /// Writes `bytes` to the child's standard input.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Closes the child's standard input (end of file).
    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Sends `signal` to the child.
    func kill(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to end, killing it if it runs longer than `timeout`.
    func wait(timeout: Duration = .seconds(120)) -> Exit {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var hung = false
        var peak = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            peak = max(peak, peakResidentBytes() ?? 0)
            if ContinuousClock.now > deadline, !hung {
                hung = true
                kill(SIGKILL)
            }
            usleep(2_000)
        }
        let exited = status & 0x7F == 0
        return Exit(
            status: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F,
            maximumResidentBytes: peak, hung: hung)
    }

    /// The child's peak resident memory so far, from `/proc/PID/status`.
    private func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Waits until `path` exists (e.g. an output's temporary file), at most `timeout`.
    /// - Returns: Whether it appeared.
    func waitForFile(_ path: String, timeout: Duration = .seconds(60)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !FileManager.default.fileExists(atPath: path) {
            if ContinuousClock.now > deadline { return false }
            usleep(5_000)
        }
        return true
    }

    /// What the child wrote on standard error.
    var standardError: String {
        (try? String(contentsOfFile: standardErrorPath, encoding: .utf8)) ?? ""
    }

    /// What the child wrote on standard output (when it went to a file).
    var standardOutput: String {
        (try? String(contentsOfFile: standardOutputPath, encoding: .utf8)) ?? ""
    }
}
