import FuzzSupport

@testable import NearDup

/// Fuzzes the JSON Lines reader: bytes → documents and skipped records, through
/// ``DocumentLoader/load(jsonLines:name:)``.
///
/// One option byte picks the fields read (time, source, the text read from the id field); two more
/// pick the chunk size, the batch size and the thread count. The input is loaded three ways — with
/// `skipInvalid` and the default chunking as the reference, with `skipInvalid` and the picked
/// chunking, and without `skipInvalid` and the picked chunking — and the invariants are:
/// - chunking, batching and threads never change the result;
/// - without `skipInvalid` the load gives the same documents when nothing was skipped, and
///   otherwise throws the first issue that skipping reported;
/// - every record read is a document or a skipped issue; ids are unique; the counts of repaired
///   and empty documents are consistent; issues are in line order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let fields = input.byte()
    var options = InputOptions(
        timeField: fields & 1 != 0 ? "published" : nil,
        sourceField: fields & 2 != 0 ? "source" : nil,
        skipInvalid: true)
    if fields & 4 != 0 { options.textField = options.idField }
    let chunking = input.byte()
    let chunkSize = [1, 2, 3, 7, 64, FileDescriptorReader.defaultChunkSize][Int(chunking % 6)]
    let batchSize = [1, 16, LineBatch.defaultByteLimit][Int(chunking / 6 % 3)]
    let threadCount = Int(input.byte() % 2) + 1
    let payload = input.payload

    var reference = DocumentLoader(options: options)
    reference.threadCount = 1
    let expected: LoadedInput
    do {
        expected = try reference.load(jsonLines: payload, name: "fuzz.jsonl")
    } catch {
        check(false, "skipping load threw \(error)")
        return 0
    }
    checkConsistency(expected, payloadIsValidUTF8: UTF8Repair.isValid(UnsafeRawBufferPointer(payload)))

    var chunked = reference
    chunked.chunkSize = chunkSize
    chunked.batchSize = batchSize
    chunked.threadCount = threadCount
    let rechunked = try? chunked.load(jsonLines: payload, name: "fuzz.jsonl")
    check(rechunked == expected, "chunk \(chunkSize), batch \(batchSize), \(threadCount) threads changed the result")

    var strict = chunked
    strict.options.skipInvalid = false
    do {
        let loaded = try strict.load(jsonLines: payload, name: "fuzz.jsonl")
        check(expected.skipped.isEmpty, "strict load accepted what skipping rejected: \(expected.skipped[0])")
        check(loaded == expected, "strict load differs from the skipping load")
    } catch {
        let firstSkipped = expected.skipped.first
        check(
            firstSkipped.map { error == .invalidRecord($0) } ?? false,
            "strict load threw \(error), skipping load skipped \(firstSkipped.map(String.init) ?? "nothing")")
    }
    return 0
}

/// Checks that `loaded`'s counts agree with its documents and issues.
private func checkConsistency(_ loaded: LoadedInput, payloadIsValidUTF8: Bool) {
    check(
        loaded.recordsRead == loaded.documents.count + loaded.skipped.count,
        "\(loaded.recordsRead) records read, \(loaded.documents.count) documents, \(loaded.skipped.count) skipped")
    check(Set(loaded.documents.map(\.id)).count == loaded.documents.count, "duplicate ids were loaded")
    check(loaded.documentsWithInvalidUTF8 <= loaded.documents.count, "more repaired documents than documents")
    check(payloadIsValidUTF8 ? loaded.documentsWithInvalidUTF8 == 0 : true, "valid UTF-8 counted as repaired")
    let empty = loaded.documents.count { $0.text.allSatisfy(\.isWhitespace) }
    check(loaded.emptyDocuments == empty, "\(loaded.emptyDocuments) empty documents counted, \(empty) found")
    let lines = loaded.skipped.map { $0.line ?? 0 }
    check(lines.allSatisfy { $0 >= 1 } && lines == lines.sorted(), "skipped lines out of order: \(lines)")
}
