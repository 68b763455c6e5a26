public import Foundation

/// Runs the built `neardup` executable as a child process, as a user would; shared by the test
/// targets.
public enum CommandRunner {
    /// How a run ended and what it printed.
    public struct Result {
        /// The exit status.
        public var status: Int32
        /// Everything printed on standard output.
        public var standardOutput: String
        /// Everything printed on standard error.
        public var standardError: String

        /// The status, standard output and standard error, for destructuring.
        public var parts: (Int32, String, String) { (status, standardOutput, standardError) }
    }

    /// `swift test` did not build `neardup` next to the test bundle.
    public struct ExecutableNotFound: Error {}

    /// The package's root folder, the working folder of every run.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `neardup` binary next to the test bundle (`swift test` builds it alongside).
    public static func executable() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("neardup") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ExecutableNotFound()
        }
        return found
    }

    /// Runs `neardup` with `arguments` in the package's root folder, feeding `input` on standard
    /// input, and waits for it to end.
    public static func run(_ arguments: [String], input: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errors, as: UTF8.self))
    }
}
