import Dispatch
import Foundation
import Synchronization

/// Runs `body` over `count` items split into contiguous chunks on up to `threads` threads, and
/// returns the chunk results in chunk order, so the combined output never depends on scheduling.
///
/// Each chunk runs a synchronous kernel with its own scratch state; nothing is shared or locked.
/// - Parameters:
///   - count: The number of items.
///   - threads: The number of worker threads (1 runs inline).
///   - chunksPerThread: More chunks than threads balance uneven work.
///   - body: Processes one range of items.
/// - Returns: One result per chunk, in order.
package func parallelChunks<Result: Sendable>(
    count: Int, threads: Int, chunksPerThread: Int = 4, _ body: @Sendable (Range<Int>) -> Result
) -> [Result] {
    guard count > 0 else { return [] }
    let chunkCount = threads <= 1 ? 1 : min(count, threads * chunksPerThread)
    let bounds = (0...chunkCount).map { $0 * count / chunkCount }
    if chunkCount == 1 { return [body(0..<count)] }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: chunkCount)
    results.initialize(repeating: nil)
    defer { results.deinitialize().deallocate() }
    // Safety: nextChunk hands out each chunk < chunkCount once, so one worker writes each slot, all before the read.
    nonisolated(unsafe) let slots = results
    // Workers take the next chunk as they finish one, so uneven chunks do not leave a core idle.
    let nextChunk = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(threads, chunkCount)) { _ in
        while true {
            let chunk = nextChunk.add(1, ordering: .relaxed).oldValue
            guard chunk < chunkCount else { return }
            slots[chunk] = body(bounds[chunk]..<bounds[chunk + 1])
        }
    }
    return results.map { $0! }
}

/// A value computed on another thread while the caller goes on with something else.
package final class BackgroundResult<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let result = Mutex<Value?>(nil)

    /// Starts `body` on a global queue.
    package init(_ body: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            let value = body()
            self.result.withLock { $0 = value }
            self.finished.signal()
        }
    }

    /// Waits for the value; call it once.
    package func wait() -> Value {
        finished.wait()
        return result.withLock { $0! }
    }
}
