import FuzzSupport

@testable import NearDup
@testable import NearDupFeeds

/// Fuzzes the JSON Lines reader: bytes → documents and rejected records, through
/// ``DocumentLoader/load(jsonLines:name:)``.
///
/// One option byte picks the fields read (time, source, the text read from the id field) and the
/// limits (64-byte records, 256 bytes of text in all); two more pick the chunk size, the batch size
/// and the thread count. The input is loaded three ways — with
/// `skipInvalid` and the default chunking as the reference, with `skipInvalid` and the picked
/// chunking, and without `skipInvalid` and the picked chunking — and the invariants are:
/// - chunking, batching and threads never change the result (except how much of a corrupt
///   compressed stream is read before its damage is found);
/// - without `skipInvalid` the load gives the same result when only oversized records were
///   rejected (they are skipped either way), and otherwise throws the first other rejected issue;
/// - every record read is a document or a rejected issue; ids are unique; the counts of repaired
///   and empty documents are consistent; issues are in line order;
/// - a load that stops because no record has the named time or source field holds all of the
///   above without that field.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let fields = input.byte()
    var options = InputOptions(
        timeField: fields & 1 != 0 ? "published" : nil,
        sourceField: fields & 2 != 0 ? "source" : nil,
        skipInvalid: true)
    if fields & 4 != 0 { options.textField = options.idField }
    if fields & 8 != 0 { options.maxDocumentBytes = 64 }
    if fields & 16 != 0 { options.maxTotalTextBytes = 256 }
    let chunking = input.byte()
    let chunkSize = [1, 2, 3, 7, 64, FileDescriptorReader.defaultChunkSize][Int(chunking % 6)]
    let batchSize = [1, 16, LineBatch.defaultByteLimit][Int(chunking / 6 % 3)]
    let threadCount = Int(input.byte() % 2) + 1
    checkLoads(
        options: options, chunkSize: chunkSize, batchSize: batchSize, threadCount: threadCount, payload: input.payload)
    return 0
}

/// Loads `payload` the three ways and checks the invariants (see ``fuzz(_:_:)``).
private func checkLoads(
    options: InputOptions, chunkSize: Int, batchSize: Int, threadCount: Int, payload: UnsafeBufferPointer<UInt8>
) {
    var reference = DocumentLoader(options: options)
    reference.threadCount = 1
    let result = Result { () throws(InputError) in try reference.load(jsonLines: payload, name: "fuzz.jsonl") }

    var chunked = reference
    chunked.chunkSize = chunkSize
    chunked.batchSize = batchSize
    chunked.threadCount = threadCount
    let rechunked = Result { () throws(InputError) in try chunked.load(jsonLines: payload, name: "fuzz.jsonl") }
    // Where the damage in a corrupt compressed stream is found depends on the buffers (a zstd
    // frame's checksum is checked once the frame is read whole, in one call or in pieces), so how
    // much of it is read before may differ; everything else may not.
    let isCorruptStream = [result, rechunked].contains { outcome in
        guard case .success(let loaded) = outcome else { return false }
        return loaded.rejected.contains { $0.problem.code == "corrupt_compressed" }
    }
    check(
        isCorruptStream || rechunked == result,
        "chunk \(chunkSize), batch \(batchSize), \(threadCount) threads changed the result")

    let expected: LoadedInput
    switch isCorruptStream ? rechunked : result {
    case .success(let loaded): expected = loaded
    case .failure(.tooMuchText): return
    case .failure(.fieldNotFound(let field, _)):
        // No record has a named time or source field: the load without it must then hold.
        var withoutField = options
        if field == options.timeField {
            withoutField.timeField = nil
        } else if field == options.sourceField {
            withoutField.sourceField = nil
        } else {
            check(false, "skipping load threw fieldNotFound for \(field), which is not a named optional field")
        }
        checkLoads(
            options: withoutField, chunkSize: chunkSize, batchSize: batchSize, threadCount: threadCount,
            payload: payload)
        return
    case .failure(let error):
        check(false, "skipping load threw \(error)")
        return
    }
    let isPlainText = FileSignature.of(UnsafeRawBufferPointer(payload)) == nil
    checkConsistency(expected, payloadIsValidUTF8: isPlainText && UTF8Repair.isValid(UnsafeRawBufferPointer(payload)))

    var strict = chunked
    strict.options.skipInvalid = false
    let firstInvalid = expected.rejected.first {
        if case .tooLarge = $0.problem { false } else { true }
    }
    do {
        let loaded = try strict.load(jsonLines: payload, name: "fuzz.jsonl")
        check(firstInvalid == nil, "strict load accepted \(firstInvalid.map(String.init) ?? ""), skipping rejected it")
        check(loaded == expected, "strict load differs from the skipping load")
    } catch {
        check(
            firstInvalid.map { error == .invalidRecord($0) } ?? false,
            "strict load threw \(error), skipping load rejected \(firstInvalid.map(String.init) ?? "nothing")")
    }
}

/// Checks that `loaded`'s counts agree with its documents and issues.
private func checkConsistency(_ loaded: LoadedInput, payloadIsValidUTF8: Bool) {
    check(
        loaded.recordsRead == loaded.documents.count + loaded.rejected.count,
        "\(loaded.recordsRead) records read, \(loaded.documents.count) documents, \(loaded.rejected.count) rejected")
    check(loaded.rejectedCount == loaded.rejected.count, "\(loaded.rejectedCount) rejects counted")
    // Ids are bytes: a Set<String> would merge canonically equivalent ones.
    check(Set(loaded.documents.map { Array($0.id.utf8) }).count == loaded.documents.count, "duplicate ids were loaded")
    check(loaded.documentsWithInvalidUTF8 <= loaded.documents.count, "more repaired documents than documents")
    check(payloadIsValidUTF8 ? loaded.documentsWithInvalidUTF8 == 0 : true, "valid UTF-8 counted as repaired")
    let empty = loaded.documents.count { $0.text.allSatisfy(\.isWhitespace) }
    check(loaded.emptyDocuments == empty, "\(loaded.emptyDocuments) empty documents counted, \(empty) found")
    let lines = loaded.rejected.compactMap(\.line)  // a zip or Parquet input is rejected whole, without a line
    check(lines.allSatisfy { $0 >= 1 } && lines == lines.sorted(), "rejected lines out of order: \(lines)")
}
