import NearDup

#if canImport(Glibc)
    package import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a folder of `.txt` files into a ``LoadSession``, one document per file.
///
/// Every regular file whose name ends in `.txt` (in any case) below the folder is read,
/// recursively, in byte-wise order of its path relative to the folder, which is also its id
/// (``id(ofRelativePath:)``). Symbolic links to files are followed; symbolic links to folders are
/// not (so link cycles cannot loop). A `.txt` name that is not a regular file (a FIFO, a socket,
/// a device, a link to a folder) is rejected as unreadable without being opened; any other file
/// is counted in ``LoadedInput/skippedFiles``. A file
/// over ``InputOptions/maxDocumentBytes`` is skipped unread; one over
/// ``InputOptions/maxRecordBytes`` stops loading unread.
package struct TextFolderReader {
    let chunkSize: Int
    /// The largest file read; a larger one is skipped and reported as too large.
    let maxFileBytes: Int
    /// The longest file that may be held while read: a larger one stops loading.
    let maxRecordBytes: Int

    /// Creates a reader of files in chunks of `chunkSize`, within the limits of `options`.
    init(chunkSize: Int, options: InputOptions) {
        self.chunkSize = chunkSize
        maxFileBytes = options.maxDocumentBytes
        maxRecordBytes = options.maxRecordBytes ?? .max
    }

    /// One thing found while walking the folder, named by its path relative to the root.
    private enum Entry {
        case file(relativePath: [UInt8], byteCount: Int)
        case unreadableFolder(relativePath: [UInt8], reason: OSReason)
        /// A name ending in `.txt` that is not a regular file (a FIFO, a socket, a device, a link
        /// to a folder): rejected, never opened.
        case notRegularFile(relativePath: [UInt8])
        /// A file whose name does not end in `.txt`: counted, not read.
        case notText(relativePath: [UInt8])

        var relativePath: [UInt8] {
            switch self {
            case .file(let path, _), .unreadableFolder(let path, _), .notRegularFile(let path), .notText(let path):
                return path
            }
        }
    }

    /// Reads every `.txt` file below `root`.
    /// - Parameters:
    ///   - root: The folder as the caller named it.
    ///   - session: Receives the documents and issues.
    /// - Throws: ``InputError/cannotOpen(path:reason:)`` if `root` cannot be listed;
    ///   ``InputError/invalidRecord(_:)`` for an unreadable file or subfolder unless skipping.
    /// - Complexity: O(*n* log *n*) in the number of files, plus their total size.
    func read(root: String, into session: inout LoadSession) throws(InputError) {
        let rootBytes = Array(root.utf8)
        var entries: [Entry] = []
        var visited: Set<FileIdentity> = []
        if let failure = Self.collect(rootBytes, relative: [], into: &entries, visited: &visited) {
            throw .cannotOpen(path: root, reason: failure.message)
        }
        entries.sort { $0.relativePath.lexicographicallyPrecedes($1.relativePath) }
        let prefix = rootBytes.last == UInt8(ascii: "/") ? rootBytes : rootBytes + [UInt8(ascii: "/")]
        for entry in entries {
            let fullPath = prefix + entry.relativePath
            let displayName = String(decoding: fullPath, as: UTF8.self)
            if case .notText = entry {
                session.countSkippedFile()
                continue
            }
            session.countRecord()
            switch entry {
            case .notText:
                break  // counted above, never read
            case .unreadableFolder(_, let reason):
                try session.reject(InputIssue(file: displayName, line: nil, problem: .unreadable(reason.message)))
            case .notRegularFile:
                try session.reject(InputIssue(file: displayName, line: nil, problem: .unreadable("not a regular file")))
            case .file(_, let byteCount) where byteCount > maxFileBytes:
                try session.skip(
                    InputIssue(
                        file: displayName, line: nil, problem: .tooLarge(byteCount: byteCount, limit: maxFileBytes)))
            case .file(_, let byteCount) where byteCount > maxRecordBytes:
                throw .recordTooLarge(limit: maxRecordBytes, location: displayName)
            case .file(let relativePath, let byteCount):
                // A file that grew since it was listed is read no further than the limit.
                let limit = min(maxFileBytes, maxRecordBytes)
                switch FileDescriptorReader.readAll(fullPath, chunkSize: chunkSize, limit: limit) {
                case .failure(let reason):
                    try session.reject(InputIssue(file: displayName, line: nil, problem: .unreadable(reason.message)))
                case .success(let bytes) where bytes.count > limit:
                    let problem = InputIssue.Problem.tooLarge(byteCount: max(byteCount, bytes.count), limit: limit)
                    try session.skip(InputIssue(file: displayName, line: nil, problem: problem))
                case .success(let bytes):
                    let (text, repaired) = bytes.withUnsafeBytes {
                        UTF8Repair.decode(UTF8Repair.droppingByteOrderMark($0))
                    }
                    let id = Self.id(ofRelativePath: relativePath)
                    try session.add(
                        Document(id: id, text: text), file: displayName, line: nil, hadInvalidUTF8: repaired)
                }
            }
        }
    }

    /// The identities (device and inode, links followed) of the files that ``read(root:into:)``
    /// reads below `root`; empty if `root` cannot be listed. The command line uses it to refuse an
    /// output that a folder feed would read.
    /// - Complexity: O(*n*) in the number of files and folders below `root`; nothing is read.
    package static func fileIdentities(below root: String) -> Set<FileIdentity> {
        let rootBytes = Array(root.utf8)
        var entries: [Entry] = []
        var visited: Set<FileIdentity> = []
        guard collect(rootBytes, relative: [], into: &entries, visited: &visited) == nil else { return [] }
        let prefix = rootBytes.last == UInt8(ascii: "/") ? rootBytes : rootBytes + [UInt8(ascii: "/")]
        var identities: Set<FileIdentity> = []
        for case .file(let relativePath, _) in entries {
            var fileStatus = stat()
            if status(of: prefix + relativePath, &fileStatus, followingLinks: true) {
                identities.insert(FileIdentity(fileStatus))
            }
        }
        return identities
    }

    /// A file's identity on disk, to avoid visiting a folder twice (bind mounts) and to tell
    /// whether two paths name the same file.
    package struct FileIdentity: Hashable, Sendable {
        /// The device holding the file (`st_dev`).
        package var device: UInt64
        /// The file's inode number on that device (`st_ino`).
        package var inode: UInt64

        /// The identity in `status`, as `stat(2)` filled it.
        package init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// Appends the entries below `folder` to `entries`.
    /// - Returns: `nil`, or the reason `folder` itself could not be listed.
    private static func collect(
        _ folder: [UInt8],
        relative: [UInt8],
        into entries: inout [Entry],
        visited: inout Set<FileIdentity>
    ) -> OSReason? {
        var folderStatus = stat()
        guard status(of: folder, &folderStatus, followingLinks: true) else { return OSReason(errno) }
        guard visited.insert(FileIdentity(folderStatus)).inserted else { return nil }
        let names: [[UInt8]]
        switch list(folder) {
        case .success(let listed): names = listed
        case .failure(let reason): return reason
        }
        for name in names {
            let path = folder + [UInt8(ascii: "/")] + name
            let relativePath = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            var entryStatus = stat()
            guard status(of: path, &entryStatus, followingLinks: false) else { continue }
            let isTextName = hasTextExtension(name)
            switch entryStatus.st_mode & S_IFMT {
            case S_IFDIR:
                if let reason = collect(path, relative: relativePath, into: &entries, visited: &visited) {
                    entries.append(.unreadableFolder(relativePath: relativePath, reason: reason))
                }
            case S_IFREG where isTextName:
                entries.append(.file(relativePath: relativePath, byteCount: Int(entryStatus.st_size)))
            case S_IFLNK where isTextName:
                // Follow links to files; a dangling link is reported as unreadable when opened.
                var target = stat()
                if !status(of: path, &target, followingLinks: true) || target.st_mode & S_IFMT == S_IFREG {
                    entries.append(.file(relativePath: relativePath, byteCount: Int(target.st_size)))
                } else {
                    entries.append(.notRegularFile(relativePath: relativePath))
                }
            case _ where isTextName:
                entries.append(.notRegularFile(relativePath: relativePath))
            default:
                entries.append(.notText(relativePath: relativePath))
            }
        }
        return nil
    }

    /// Whether `name` ends in `.txt`, in any case (`.TXT`, `.Txt`).
    static func hasTextExtension(_ name: [UInt8]) -> Bool {
        let lowercased = name.suffix(4).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return lowercased.elementsEqual(".txt".utf8)
    }

    /// The id of the file at `relativePath` (bytes, `/`-separated): the path as UTF-8, except that
    /// `%` is written `%25` and each byte that is not part of valid UTF-8 is written `%XX` (two
    /// upper-case hexadecimal digits), so that distinct names always give distinct ids, e.g.
    /// `g%FF.txt` for the name `g` 0xFF `.txt`, and `100%25.txt` for `100%.txt`.
    /// - Complexity: O(*n*) in the path's length.
    static func id(ofRelativePath relativePath: [UInt8]) -> String {
        relativePath.withUnsafeBytes { bytes in
            if !bytes.contains(UInt8(ascii: "%")), UTF8Repair.isValid(bytes) {
                return String(decoding: bytes, as: UTF8.self)
            }
            let hexDigits = Array("0123456789ABCDEF".utf8)
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 8)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte != UInt8(ascii: "%"),
                    let length = byte < 0x80 ? 1 : UTF8Repair.sequenceLength(in: bytes, at: index)
                {
                    // Safety: index < bytes.count; sequenceLength only returns a length with index + length <= count.
                    escaped += bytes[index..<index + length]
                    index += length
                } else {
                    escaped += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                    index += 1
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    /// The names in `folder`, without `.` and `..`.
    private static func list(_ folder: [UInt8]) -> Result<[[UInt8]], OSReason> {
        let directory = (folder + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }
        guard let directory else { return .failure(OSReason(errno)) }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            // Safety: the name is read within d_name's fixed size, up to its NUL.
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return .success(names)
    }

    private static func status(of path: [UInt8], _ result: inout stat, followingLinks: Bool) -> Bool {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                (followingLinks ? stat($0.baseAddress!, &result) : lstat($0.baseAddress!, &result)) == 0
            }
        }
    }
}
