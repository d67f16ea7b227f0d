import Foundation
import Message
import Synchronization

/// The transactional outbox as the forwarder sees it, in memory: committed rows wait until a round
/// publishes them, and a commit wakes a forwarder waiting for one (as `NOTIFY` does). Rows can
/// also be committed silently, as if the notification was lost, to exercise the safety poll.
final class InMemoryOutboxRelay: OutboxRelay {
    /// What the forwarder asked, in order.
    enum Call: Equatable, Sendable {
        case round(forwarded: Int)
        case failedRound
        case wait
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "outbox unavailable (test)" }
    }

    private struct State {
        var rows: [(message: OutgoingMessage, committedAt: ContinuousClock.Instant)] = []
        var published: [OutgoingMessage] = []
        var calls: [Call] = []
        var failures = 0
        var roundsStarted = 0
        /// The commits seen by the last round: a wait returns at once after any later one.
        var epochOfLastRound: UInt64 = 0
    }

    private let state = Mutex(State())
    private let commits = ChangeSignal()
    /// How long each round takes, to catch the forwarder in the middle of one.
    private let roundDuration: Duration

    init(roundDuration: Duration = .zero) {
        self.roundDuration = roundDuration
    }

    var calls: [Call] { state.withLock { $0.calls } }
    var published: [OutgoingMessage] { state.withLock { $0.published } }
    var roundsStarted: Int { state.withLock { $0.roundsStarted } }

    /// Commits rows and notifies.
    func commit(_ messages: [OutgoingMessage]) {
        commitSilently(messages)
        commits.signal()
    }

    /// Commits rows without a notification.
    func commitSilently(_ messages: [OutgoingMessage]) {
        let now = ContinuousClock.now
        state.withLock { $0.rows += messages.map { ($0, now) } }
    }

    /// Makes the next `times` rounds fail, as an unreachable database or Redis would.
    func failNextRounds(_ times: Int) {
        state.withLock { $0.failures += times }
    }

    func forwardRound(limit: Int) async throws -> OutboxRound {
        let epoch = commits.epoch
        let fails = state.withLock { state in
            state.roundsStarted += 1
            state.epochOfLastRound = epoch
            guard state.failures > 0 else { return false }
            state.failures -= 1
            state.calls.append(.failedRound)
            return true
        }
        if fails { throw Unavailable() }
        if roundDuration > .zero { try await Task.sleep(for: roundDuration) }
        return state.withLock { state in
            let batch = state.rows.prefix(limit).map(\.message)
            state.rows.removeFirst(batch.count)
            state.published += batch
            state.calls.append(.round(forwarded: batch.count))
            return OutboxRound(forwarded: batch.count, failed: 0)
        }
    }

    func waitForNewRows(timeout: Duration) async {
        let epoch = state.withLock { state in
            state.calls.append(.wait)
            return state.epochOfLastRound
        }
        await commits.wait(since: epoch, timeout: timeout)
    }

    func backlog() async throws -> OutboxBacklog {
        let now = ContinuousClock.now
        return state.withLock { state in
            OutboxBacklog(count: state.rows.count, oldestAge: state.rows.first.map { now - $0.committedAt })
        }
    }
}
