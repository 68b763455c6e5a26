import ArgumentParser
import Foundation
import NearDup
import NearDupFeeds

/// The rule that no output of a command is one of its inputs or another of its outputs, which
/// every command checks in its `validate()`: before anything is read and before any output is
/// created, with exit 64.
///
/// Files are compared by identity (device and inode, links followed), so `./f`, symbolic links
/// and hard links are caught. An input that is a folder stands for the `.txt` files it reads. An
/// output that does not exist yet cannot be an input, but is still compared with the other
/// outputs by its resolved path. A character device (a terminal, `/dev/null`) is never a
/// collision: writing it cannot destroy what is read from it.
struct OutputPaths {
    /// The outputs: the option that names each (`--rejects`), and its path, `-` for standard
    /// output; a `nil` path is an option not given.
    var outputs: [(option: String, path: String?)]
    /// The paths read: feeds, or other files; `-` is standard input.
    var inputs: [String]

    /// Where an output or an input is, for comparison.
    private enum Place: Hashable {
        /// An existing file.
        case file(TextFolderReader.FileIdentity)
        /// A name not in use yet, with links and its folder resolved.
        case name(String)
    }

    /// An output, as named in messages.
    private struct Output {
        var option: String
        var path: String

        var description: String { path == "-" ? "standard output (\(option))" : "output \(path) (\(option))" }
    }

    /// Refuses outputs that are inputs or that name the same file.
    /// - Throws: `ValidationError` (exit 64) naming the first collision.
    func validate() throws(ValidationError) {
        var seen: [Place: Output] = [:]
        var someOutputIsARegularFile = false
        for case (let option, let path?) in outputs {
            let output = Output(option: option, path: path)
            guard let (place, isRegularFile) = Self.outputPlace(path) else { continue }
            if let earlier = seen[place] {
                throw ValidationError("\(earlier.description) and \(output.description) are the same file.")
            }
            seen[place] = output
            someOutputIsARegularFile = someOutputIsARegularFile || isRegularFile
        }
        for input in inputs {
            for identity in Self.identitiesRead(from: input, listingFolders: someOutputIsARegularFile) {
                guard let output = seen[.file(identity)] else { continue }
                let what =
                    input == "-"
                    ? "standard input" : Self.isFolder(input) ? "a .txt file of the folder feed \(input)" : input
                throw ValidationError("\(output.description) is also an input (\(what)); choose another output.")
            }
        }
    }

    /// Where output `path` writes and whether it is an existing regular file, or `nil` if it
    /// cannot collide (a character device) or cannot be written anyway (opening it will say why).
    /// Standard output twice is a collision even on a terminal.
    private static func outputPlace(_ path: String) -> (Place, isRegularFile: Bool)? {
        var status = stat()
        let found = path == "-" ? fstat(STDOUT_FILENO, &status) == 0 : stat(path, &status) == 0
        if found {
            let kind = status.st_mode & S_IFMT
            if kind != S_IFCHR { return (.file(.init(status)), kind == S_IFREG) }
            return path == "-" ? (.name(path), false) : nil
        }
        guard path != "-", case .replacing(let target)? = try? OutputFile.destination(of: path) else { return nil }
        return (.name(OutputFile.resolvedFolder(of: target) + "/" + OutputFile.split(target).name), false)
    }

    /// The identities of the files read from input `path`: standard input's, the file's, or,
    /// with `listingFolders`, those of the `.txt` files below a folder (a folder feed reads only
    /// regular files, so the listing is needed only when an output is one).
    private static func identitiesRead(from path: String, listingFolders: Bool) -> [TextFolderReader.FileIdentity] {
        var status = stat()
        guard path == "-" ? fstat(STDIN_FILENO, &status) == 0 : stat(path, &status) == 0 else { return [] }
        switch status.st_mode & S_IFMT {
        case S_IFCHR: return []
        case S_IFDIR: return listingFolders ? Array(TextFolderReader.fileIdentities(below: path)) : []
        default: return [.init(status)]
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
