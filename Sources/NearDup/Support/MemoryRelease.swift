import CNearDupKernels

/// Whether the engine hands free heap pages back to the system between its stages
/// (``NearDupEngine/releasesFreeMemoryBetweenStages``), carried to the stages that free large
/// buffers. The one place, with ``NearDupEngine/releaseFreeMemory()``, that calls `malloc_trim`.
struct MemoryRelease: Sendable {
    let isEnabled: Bool

    /// Hands free pages back now, if enabled.
    func callAsFunction() {
        if isEnabled { neardup_release_free_memory() }
    }
}

extension NearDupEngine {
    /// Hands the process's free heap pages back to the system now (glibc's `malloc_trim(0)`; nothing
    /// on other C libraries). Call it after dropping a large report, before writing big outputs, so
    /// that the resident memory follows what is live; the engine never calls it on its own unless
    /// ``releasesFreeMemoryBetweenStages`` is set.
    /// - Complexity: O(*h*) in the heap's size.
    public static func releaseFreeMemory() {
        neardup_release_free_memory()
    }

    var memoryRelease: MemoryRelease { MemoryRelease(isEnabled: releasesFreeMemoryBetweenStages) }
}
