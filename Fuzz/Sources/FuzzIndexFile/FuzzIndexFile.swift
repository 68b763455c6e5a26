import Foundation
import FuzzSupport
import NearDup
import NearDupIndex
import NearDupSynthetic

/// Fuzzes the bytes of an index file: a small valid index (built once: 24 articles merged into
/// sorted runs every 5, some removed, a few waiting for a merge) is damaged as the input says,
/// then opened and used.
///
/// The first byte picks what is done: bit 0 opens it read-only (else for writing), bit 1 cuts the
/// file at the first patch's offset, bit 2 leaves its write-ahead log out. Then come patches of
/// 5 bytes plus data: a 24-bit offset (modulo the file's size), a length, and that many bytes
/// written there. The index is opened, and `statistics()`, `check`, `add`, `remove`, `evict` and
/// `checkIntegrity()` run on it. Invariant: nothing crashes or hangs (every damage is an error
/// or a report, and a report of a sound index is allowed only if the bytes are the original's).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    var file = Data(BaseIndex.shared.file)
    var patches = input.payload[...]
    var cut: Int?
    while patches.count >= 4 {
        let offset =
            (Int(patches[patches.startIndex]) << 16 | Int(patches[patches.startIndex + 1]) << 8
                | Int(patches[patches.startIndex + 2])) % file.count
        let length = Int(patches[patches.startIndex + 3])
        let bytes = patches.dropFirst(4).prefix(length)
        patches = patches.dropFirst(4 + bytes.count)
        if cut == nil { cut = offset }
        for (index, byte) in zip(offset..., bytes) where index < file.count { file[index] = byte }
    }
    if mode & 2 != 0, let cut { file.removeSubrange(cut...) }

    let folder = FuzzFolder.shared.fresh()
    let path = folder + "/damaged.neardup"
    check(FileManager.default.createFile(atPath: path, contents: file), "cannot write \(path)")
    if mode & 4 == 0 {
        let log = path + "-wal"
        check(FileManager.default.createFile(atPath: log, contents: Data(BaseIndex.shared.log)), "cannot write \(log)")
    }
    var configuration = NearDupIndex.Configuration()
    configuration.readOnly = mode & 1 != 0
    configuration.durability = .process
    configuration.cacheMebibytes = 1
    configuration.filterMebibytes = 1
    configuration.threadCount = 1
    configuration.maximumMatches = 3
    guard let index = try? NearDupIndex(path: path, configuration: configuration) else { return 0 }
    _ = try? index.statistics()
    _ = try? index.count
    for document in BaseIndex.shared.probes { _ = try? index.check(document) }
    if !configuration.readOnly {
        _ = try? index.add(contentsOf: BaseIndex.shared.probes)
        _ = try? index.remove(id: "a3")
        _ = try? index.evict(olderThan: Date(timeIntervalSince1970: 5))
    }
    _ = try? index.checkIntegrity()
    return 0
}

/// The valid index the inputs damage, built once per process.
final class BaseIndex: Sendable {
    static let shared = BaseIndex()

    /// The index file's bytes, its log checkpointed into it. (Arrays, not `Data`: LeakSanitizer does
    /// not see a global's `Data` storage as reachable.)
    let file: [UInt8]
    /// A write-ahead log with one more committed batch (and a merge) for the file.
    let log: [UInt8]
    /// Articles to check and add: copies and near copies of indexed ones, and new ones.
    let probes: [Document]

    private init() {
        let corpus = CorpusGenerator(configuration: .init(documentCount: 30, seed: 5)).generate().documents.map {
            // Short articles keep the file small: the first three lines of each.
            Document(
                id: "a" + $0.id.suffix(3), text: $0.text.split(separator: "\n").prefix(3).joined(separator: "\n"),
                published: Date(timeIntervalSince1970: Double($0.id.count)))
        }
        probes = corpus.suffix(6).enumerated().map { offset, document in
            Document(id: "probe\(offset)", text: offset % 2 == 0 ? document.text : document.text + " and more")
        }
        let folder = FuzzFolder.shared.fresh()
        let path = folder + "/base.neardup"
        var configuration = NearDupIndex.Configuration()
        configuration.durability = .process
        configuration.mergeThreshold = 5
        do {
            do {
                let index = try NearDupIndex(path: path, configuration: configuration)
                for document in corpus.prefix(22) { _ = try index.add(document) }
                for document in corpus.prefix(22).enumerated().filter({ $0.offset % 4 == 1 }) {
                    _ = try index.remove(id: document.element.id)
                }
            }
            file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // One more batch, killed before the checkpoint: keep the log as the process left it.
            let index = try NearDupIndex(path: path, configuration: configuration)
            _ = try index.add(contentsOf: Array(corpus[22..<24]))
            log = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + "-wal")))
            withExtendedLifetime(index) {}
        } catch {
            fatalError("cannot build the base index: \(error)")
        }
    }
}
