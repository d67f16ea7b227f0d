import Synchronization

/// Wakes tasks waiting for "something changed", for doubles whose calls block until new data or
/// a deadline (a blocked `XREADGROUP`, a `LISTEN` wait). A waiter passes the `epoch` it read
/// before looking at the data, so a change between its look and its wait is never missed.
/// Cancellation ends a wait at once.
final class ChangeSignal: Sendable {
    private struct State {
        var epoch: UInt64 = 0
        var lastToken: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waits ended (deadline, cancellation) before they were registered.
        var ended: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Changes so far; read it before looking at the data a wait depends on.
    var epoch: UInt64 { state.withLock { $0.epoch } }

    /// Records a change and wakes every waiter.
    func signal() {
        let woken = state.withLock { state in
            state.epoch += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns after the next change (at once when there was one since `epoch`), after `timeout`,
    /// or when the task is cancelled.
    func wait(since epoch: UInt64, timeout: Duration) async {
        let token = state.withLock { state in
            state.lastToken += 1
            return state.lastToken
        }
        let deadline = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.end(token)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if state.ended.remove(token) != nil || state.epoch != epoch { return true }
                    state.waiters[token] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            end(token)
        }
        deadline.cancel()
        state.withLock { _ = $0.ended.remove(token) }
    }

    /// Resumes the wait `token`, or makes it return at once when it is not registered yet.
    private func end(_ token: UInt64) {
        let continuation = state.withLock { state in
            guard let continuation = state.waiters.removeValue(forKey: token) else {
                state.ended.insert(token)
                return nil as CheckedContinuation<Void, Never>?
            }
            return continuation
        }
        continuation?.resume()
    }
}
