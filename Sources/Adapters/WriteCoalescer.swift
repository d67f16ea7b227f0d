import Synchronization

/// Turns concurrent writes of single items into batch writes: while one batch is being written,
/// the items that arrive wait, and the next batch takes all of them (up to `maxBatch`). Each
/// caller returns once its own item is written, or throws its own failure, so a caller's
/// guarantees do not change; under load N writes cost one round trip and one commit instead of
/// N, and alone a write goes at once (there is no timer).
///
/// A batch that fails is written again item by item, so one bad item fails only its own caller.
/// The batch is written by one of its callers (the first to arrive leads; when its batch is
/// done it hands the lead to the next waiting caller), so no task of its own is needed.
public final class WriteCoalescer<Item: Sendable>: Sendable {
    private let maxBatch: Int
    private let write: @Sendable ([Item]) async throws -> Void
    private let state = Mutex(State())

    private enum Turn {
        case written
        case lead
    }

    private struct Waiting: Sendable {
        let id: UInt64
        let item: Item
        let continuation: CheckedContinuation<Turn, any Error>
    }

    private struct State: Sendable {
        var writing = false
        var queue: [Waiting] = []
        var nextID: UInt64 = 0
    }

    public init(maxBatch: Int, write: @escaping @Sendable ([Item]) async throws -> Void) {
        precondition(maxBatch > 0, "a batch holds at least one item")
        self.maxBatch = maxBatch
        self.write = write
    }

    /// Writes `item`, in a batch with others that arrive meanwhile.
    public func submit(_ item: Item) async throws {
        var ownID: UInt64 = 0
        let turn = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Turn, any Error>) in
            let leads = state.withLock { state in
                ownID = state.nextID
                state.nextID += 1
                state.queue.append(Waiting(id: ownID, item: item, continuation: continuation))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if leads { continuation.resume(returning: .lead) }
        }
        guard case .lead = turn else { return }
        let batch = state.withLock { state in
            let taken = Array(state.queue.prefix(maxBatch))
            state.queue.removeFirst(taken.count)
            return taken
        }
        let outcomes = await outcomes(of: batch)
        // Hand the lead on before waking the others, so the queue never waits for a leader.
        let next = state.withLock { state -> Waiting? in
            guard let first = state.queue.first else {
                state.writing = false
                return nil
            }
            return first
        }
        next?.continuation.resume(returning: .lead)
        var ownOutcome: Result<Void, any Error> = .success(())
        for (waiting, outcome) in zip(batch, outcomes) {
            if waiting.id == ownID {
                ownOutcome = outcome
                continue
            }
            switch outcome {
            case .success: waiting.continuation.resume(returning: .written)
            case .failure(let error): waiting.continuation.resume(throwing: error)
            }
        }
        try ownOutcome.get()
    }

    /// Writes the batch; when that fails, each item alone, for each caller's own outcome.
    private func outcomes(of batch: [Waiting]) async -> [Result<Void, any Error>] {
        do {
            try await write(batch.map(\.item))
            return batch.map { _ in .success(()) }
        } catch {
            guard batch.count > 1 else { return [.failure(error)] }
            var outcomes: [Result<Void, any Error>] = []
            for waiting in batch {
                do {
                    try await write([waiting.item])
                    outcomes.append(.success(()))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
    }
}
