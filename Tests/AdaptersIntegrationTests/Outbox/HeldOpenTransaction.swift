import Adapters
import Foundation
import Message
import Synchronization

/// A transaction that writes outbox rows, then stays open (holding its connection and its
/// uncommitted rows) until the test commits or rolls it back.
final class HeldOpenTransaction: Sendable {
    /// The test's decision, which the transaction body waits for on its executor thread.
    private final class Decision: Sendable {
        enum Ending { case commit, rollBack }

        private let ending = Mutex<Ending?>(nil)
        private let taken = DispatchSemaphore(value: 0)

        func take(_ decision: Ending) {
            ending.withLock { $0 = decision }
            taken.signal()
        }

        /// Blocks until taken; nil when the test never decides (bounded against a hung test).
        func waitUntilTaken() -> Ending? {
            guard taken.wait(timeout: .now() + 60) == .success else { return nil }
            return ending.withLock { $0 }
        }
    }

    /// Finishes once the rows are inserted (they are not visible to others yet).
    private let written: AsyncStream<Void>
    private let decision: Decision
    private let outcome: Task<Void, any Error>

    struct RolledBackOnPurpose: Error {}
    struct NeverDecided: Error {}

    init(writing messages: [OutgoingMessage], with client: PostgresClient) {
        let (written, writtenContinuation) = AsyncStream<Void>.makeStream()
        self.written = written
        let decision = Decision()
        self.decision = decision
        outcome = Task {
            try await client.transaction { connection in
                try OutboxWriter.append(messages, on: connection)
                writtenContinuation.finish()
                // Blocks only this pool connection's executor thread.
                switch decision.waitUntilTaken() {
                case .commit: return
                case .rollBack: throw RolledBackOnPurpose()
                case nil: throw NeverDecided()
                }
            }
        }
    }

    /// Returns once the rows are inserted.
    func untilWritten() async {
        for await _ in written {}
    }

    func commit() async throws {
        decision.take(.commit)
        try await outcome.value
    }

    /// Rolls back; returns the error the transaction ended with (expected: `RolledBackOnPurpose`).
    func rollBack() async -> (any Error)? {
        decision.take(.rollBack)
        if case .failure(let error) = await outcome.result { return error }
        return nil
    }
}
