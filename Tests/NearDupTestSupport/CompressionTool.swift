import Foundation

/// A compression command-line tool (installed by `scripts/setup.sh`), run to make compressed test
/// data and to read compressed outputs back, independently of the libraries NearDup uses.
public enum CompressionTool: String, CaseIterable, Sendable, CustomStringConvertible {
    case gzip, zstd, xz, bzip2

    /// The usual file extension, with its dot.
    public var fileExtension: String {
        switch self {
        case .gzip: ".gz"
        case .zstd: ".zst"
        case .xz: ".xz"
        case .bzip2: ".bz2"
        }
    }

    /// The tool's name, as a test argument shows it.
    public var description: String { rawValue }

    /// The tool failed.
    public struct Failed: Error, CustomStringConvertible {
        /// The command and its exit status.
        public var description: String
    }

    /// `bytes` compressed by the tool (one member, frame or stream).
    public func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        try run(["-c"], bytes)
    }

    /// `bytes` decompressed by the tool.
    public func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        try run(["-dc"], bytes)
    }

    /// The file at `path` decompressed by the tool.
    public func decompress(file path: String) throws -> [UInt8] {
        try decompress(Array(Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Runs the tool with `arguments` on `input` (from a temporary file, so that a large input
    /// cannot fill a pipe while the output is not read yet) and returns its standard output.
    private func run(_ arguments: [String], _ input: [UInt8]) throws -> [UInt8] {
        let folder = try ScratchFolder()
        let inputPath = try folder.file("input", input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [rawValue, "-q"] + arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(
                description: "\(rawValue) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return Array(bytes)
    }
}
