import Foundation
import Synchronization

/// Opens once the database is reachable and migrated; the parts that need the schema (the
/// outbox forwarder, the consumers) wait for it before they start. A wait ends early when its
/// task is cancelled, so a service that gives up before the gate opens can still shut down.
final class StartupGate: Sendable {
    private enum State {
        case closed([UUID: CheckedContinuation<Void, Never>])
        case open
    }

    private let state = Mutex(State.closed([:]))

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .closed(let waiters) = state else { return [] }
            state = .open
            return Array(waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once the gate is open or the calling task is cancelled.
    func wait() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    switch state {
                    case .open:
                        return true
                    case .closed(var waiters):
                        // Cancelled before it could wait: the handler below has run already.
                        guard !Task.isCancelled else { return true }
                        waiters[id] = continuation
                        state = .closed(waiters)
                        return false
                    }
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard case .closed(var waiters) = state, let waiter = waiters.removeValue(forKey: id) else { return nil }
                state = .closed(waiters)
                return waiter
            }
            waiter?.resume()
        }
    }
}
