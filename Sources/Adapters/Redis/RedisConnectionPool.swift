import Synchronization

/// A fixed number of connection slots and as many threads to use them on. A call borrows a free
/// slot (waiting in line, at most `poolTimeout`, when all are busy) and runs its blocking work
/// with the slot's connection on one of the pool's threads.
final class RedisConnectionPool: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Int, any Error>
        let timer: Task<Void, Never>
    }

    private struct State {
        var freeSlots: [Int]
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isClosed = false
    }

    private let configuration: RedisConfiguration
    private let slots: [RedisConnectionSlot]
    private let executor: BlockingExecutor
    private let state: Mutex<State>

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
        slots = (0..<configuration.poolSize).map { _ in RedisConnectionSlot(configuration: configuration) }
        executor = BlockingExecutor(threads: configuration.poolSize)
        state = Mutex(State(freeSlots: Array(slots.indices)))
    }

    /// Runs `body` with a pooled connection on a pool thread.
    func withConnection<Result: Sendable>(
        for command: String, _ body: @escaping @Sendable (RedisConnection) throws(RedisError) -> Result
    ) async throws -> Result {
        let index = try await borrowSlot(for: command)
        defer { giveBack(index) }
        let slot = slots[index]
        do {
            return try await executor.run { try slot.use(for: command, body) }
        } catch let error as RedisError {
            throw error
        } catch {
            // The executor refuses work only once it has been shut down.
            throw closedError(command: command)
        }
    }

    /// Refuses new calls, fails those waiting for a slot, lets the calls in progress finish,
    /// then closes every connection.
    func shutdown() async throws {
        let waiters = state.withLock { state in
            state.isClosed = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: closedError(command: nil))
        }
        try await executor.shutdown()
        for slot in slots {
            slot.close()
        }
    }

    private func borrowSlot(for command: String) async throws -> Int {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome: Result<Int, any Error>? = state.withLock { state in
                    if state.isClosed { return .failure(closedError(command: command)) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let index = state.freeSlots.popLast() { return .success(index) }
                    let timer = Task { [configuration] in
                        guard (try? await Task.sleep(for: configuration.poolTimeout)) != nil else { return }
                        self.failWaiter(
                            id,
                            with: RedisError(
                                kind: .poolTimeout,
                                message:
                                    "all \(configuration.poolSize) connections stayed busy for \(configuration.poolTimeout)",
                                command: command, address: configuration.address))
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
                    return nil
                }
                if let outcome {
                    continuation.resume(with: outcome)
                }
            }
        } onCancel: {
            failWaiter(id, with: CancellationError())
        }
    }

    private func giveBack(_ index: Int) {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.freeSlots.append(index)
                return nil
            }
            return state.waiters.removeFirst()
        }
        if let next {
            next.timer.cancel()
            next.continuation.resume(returning: index)
        }
    }

    private func failWaiter(_ id: UInt64, with error: any Error) {
        let waiter = state.withLock { state -> Waiter? in
            guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: position)
        }
        if let waiter {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: error)
        }
    }

    private func closedError(command: String?) -> RedisError {
        RedisError(
            kind: .closed, message: "the Redis client has been shut down", command: command,
            address: configuration.address)
    }
}
