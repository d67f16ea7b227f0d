import Logging
import Synchronization

/// Tells the relay when outbox rows may have been committed: `OutboxWriter` NOTIFYs at commit
/// and a listener of its own (on a dedicated connection and thread) hears it. The listener
/// starting or reconnecting counts too, since notifications sent while nobody listened are
/// lost. A signal that comes while nobody waits is kept, so the next wait returns at once.
final class OutboxCommitWatcher: Sendable {
    private let listener: PostgresNotificationListener
    private let state = Mutex(State())

    private struct State {
        var started = false
        var stopped = false
        var signalPending = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID: UInt64 = 0
        /// Turns the listener's events into signals until the listener stops.
        var relayingEvents: Task<Void, Never>?
    }

    init(configuration: PostgresClient.Configuration, channel: String, logger: Logger) {
        listener = PostgresNotificationListener(configuration: configuration, channel: channel, logger: logger)
    }

    /// Returns after a signal (possibly one that came since the previous wait), after `timeout`,
    /// or when the calling task is cancelled. The first call starts the listener; after `stop()`
    /// only the timeout and cancellation end a wait.
    func waitForCommit(timeout: Duration) async {
        startListeningOnce()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Stops the listener (closing its connection) and returns once it is done.
    func stop() async {
        let relayingEvents = state.withLock { state in
            state.stopped = true
            return state.relayingEvents
        }
        await listener.stop()
        await relayingEvents?.value
    }

    private func startListeningOnce() {
        let shouldStart = state.withLock { state in
            guard !state.started, !state.stopped else { return false }
            state.started = true
            state.relayingEvents = Task { [listener, weak self] in
                for await _ in listener.events {
                    self?.signal()
                }
            }
            return true
        }
        if shouldStart { listener.start() }
    }

    private func signal() {
        let waiters = state.withLock { state in
            if state.waiters.isEmpty { state.signalPending = true }
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        waiters.forEach { $0.resume() }
    }

    private func waitForSignal() async {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeAtOnce = state.withLock { state in
                    if state.signalPending {
                        state.signalPending = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeAtOnce { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
