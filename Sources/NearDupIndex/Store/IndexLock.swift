import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's exclusive lock on an index: `flock(2)` on the file `PATH.lock` next to it, held
/// while the index is open for writing and released by the kernel when the process ends, even when
/// it is killed.
///
/// SQLite lets several processes open the same database and serializes their transactions; the
/// lock adds the rule that only one of them writes, so a second writer fails at once with a clear
/// error (or waits up to its timeout) instead of failing on a busy database midway through a feed.
final class IndexLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, retrying every 50 ms until `timeout` has passed.
    /// - Throws: `NearDupIndexError.locked` when another writer holds it after `timeout`;
    ///   `.storage` when the lock file cannot be opened.
    init(indexPath: String, timeout: Duration) throws(NearDupIndexError) {
        let lockPath = indexPath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .storage(path: indexPath, reason: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                if code == EWOULDBLOCK { throw .locked(path: indexPath) }
                throw .storage(path: indexPath, reason: "cannot lock \(lockPath): \(String(cString: strerror(code)))")
            }
            usleep(50_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
