import Synchronization

/// Set when the task waiting for a transfer is cancelled; libcurl's progress callback reads it
/// on the transfer's thread and aborts the transfer.
final class CurlCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
    }
}
