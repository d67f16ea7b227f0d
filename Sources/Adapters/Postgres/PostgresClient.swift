import Logging
import ServiceContextModule
import Synchronization
import Tracing

/// The bounded pool of Postgres connections that the rest of the service uses. Connections
/// open lazily, up to `poolSize`; a broken one is discarded and replaced on next use. Waiting
/// for a free connection suspends the task (no thread is held) and ends with `.poolTimeout`
/// after `acquireTimeout`. libpq runs on a `BlockingExecutor` with one thread per connection.
///
/// Call `shutdown()` (or run the client as a `Service`) before dropping it.
public final class PostgresClient: Sendable {
    public let configuration: Configuration
    private let logger: Logger
    private let executor: BlockingExecutor
    private let slots: [PostgresConnectionSlot]
    private let state: Mutex<PostgresPoolState>

    public init(configuration: Configuration, logger: Logger = Logger(label: "tickets.postgres")) {
        self.configuration = configuration
        self.logger = logger
        executor = BlockingExecutor(threads: configuration.poolSize)
        slots = (0..<configuration.poolSize).map { _ in PostgresConnectionSlot() }
        state = Mutex(PostgresPoolState(slots: slots))
    }

    /// Lends a connection to `body`, which runs synchronously on an executor thread (so it
    /// cannot `await`). The connection must not outlive `body`.
    public func withConnection<Value: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> Value
    ) async throws -> Value {
        let slot = try await acquire()
        defer { release(slot) }
        return try await executor.run { [configuration, logger] in
            try slot.connection.withLock { connection in
                let ready = try Self.readyConnection(in: &connection, configuration: configuration, logger: logger)
                defer {
                    if ready.isBroken {
                        logger.warning("closing a Postgres connection that cannot be reused")
                        connection = nil
                    }
                }
                return try body(ready)
            }
        }
    }

    /// Runs `body` in a transaction on one connection: COMMIT when it returns, ROLLBACK when it
    /// throws. After a serialization failure or deadlock (40001/40P01) the whole transaction,
    /// `body` included, runs again after a short jittered pause, up to
    /// `configuration.transactionRetry.maxAttempts` runs; so `body` must only touch the database
    /// and values it returns. It runs synchronously on an executor thread: no `await` inside a
    /// transaction, by design.
    ///
    /// Within a trace (a request or a handled message) the transaction, retries included, is a
    /// span `transaction`; outside one (the forwarder's rounds, probes) it is not traced, so idle
    /// polling does not fill the trace store with one-span traces.
    @discardableResult
    public func transaction<Value: Sendable>(
        isolation: PostgresIsolationLevel = .readCommitted,
        _ body: @escaping @Sendable (PostgresConnection) throws -> Value
    ) async throws -> Value {
        guard ServiceContext.current != nil else { return try await runTransaction(isolation: isolation, body) }
        return try await withSpan("transaction", ofKind: .client) { span in
            span.attributes["db.system"] = "postgresql"
            return try await runTransaction(isolation: isolation, body)
        }
    }

    private func runTransaction<Value: Sendable>(
        isolation: PostgresIsolationLevel,
        _ body: @escaping @Sendable (PostgresConnection) throws -> Value
    ) async throws -> Value {
        let retry = configuration.transactionRetry
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try connection.transaction(isolation: isolation, body)
                }
            } catch let error as PostgresError where error.isSerializationFailure && attempt < retry.maxAttempts {
                logger.debug("rerunning a transaction after a conflict", metadata: [
                    "postgres.sqlstate": "\(error.sqlState ?? "")", "postgres.attempt": "\(attempt)",
                ])
                try await Task.sleep(for: retry.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// Runs one statement outside any explicit transaction and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try await withConnection { try $0.query(sql, parameters) }
    }

    /// Runs one statement outside any explicit transaction and returns how many rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await withConnection { try $0.execute(sql, parameters) }
    }

    /// Sends a notification at once (see `PostgresConnection.notify` to send one at commit).
    public func notify(channel: String, payload: String) async throws {
        try await withConnection { try $0.notify(channel: channel, payload: payload) }
    }

    /// Succeeds when a connection is available and the server answers.
    public func ping() async throws {
        try await query("SELECT 1")
    }

    /// How busy the pool is now, for health reports and metrics.
    public var statistics: PostgresPoolStatistics {
        state.withLock { state in
            PostgresPoolStatistics(poolSize: configuration.poolSize, inUse: state.leased, waiting: state.waiters.count)
        }
    }

    /// Refuses new work, fails the callers waiting for a connection, waits for the connections
    /// in use to come back, then closes them all and stops the executor's threads.
    public func shutdown() async throws {
        let (waiters, alreadyShuttingDown) = state.withLock { state in
            let waiters = state.waiters
            state.waiters = []
            defer { state.isShuttingDown = true }
            return (waiters, state.isShuttingDown)
        }
        guard !alreadyShuttingDown else { return }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: closedError)
        }
        await withCheckedContinuation { (drained: CheckedContinuation<Void, Never>) in
            let isDrained = state.withLock { state in
                if state.leased > 0 { state.drained = drained }
                return state.leased == 0
            }
            if isDrained { drained.resume() }
        }
        try await executor.run { [slots] in
            for slot in slots {
                slot.connection.withLock { $0 = nil }
            }
        }
        try await executor.shutdown()
    }

    /// The slot's connection, checked: opened when there is none, reopened when the server
    /// closed it while it sat idle.
    private static func readyConnection(
        in connection: inout PostgresConnection?, configuration: Configuration, logger: Logger
    ) throws -> PostgresConnection {
        if let existing = connection {
            guard existing.isClosedWhileIdle() else { return existing }
            logger.info("replacing a Postgres connection the server closed")
            connection = nil
        }
        let opened = try PostgresConnection.connect(configuration: configuration, logger: logger)
        connection = opened
        return opened
    }

    // MARK: Lending slots

    private func acquire() async throws -> PostgresConnectionSlot {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PostgresConnectionSlot, any Error>) in
                let immediate: Result<PostgresConnectionSlot, any Error>? = state.withLock { state in
                    if state.isShuttingDown { return .failure(closedError) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let slot = state.idle.popLast() {
                        state.leased += 1
                        return .success(slot)
                    }
                    let timeout = Task { [weak self, acquireTimeout = configuration.acquireTimeout] in
                        guard (try? await Task.sleep(for: acquireTimeout)) != nil, let self else { return }
                        self.failWaiter(id: id, with: self.timeoutError)
                    }
                    state.waiters.append(.init(id: id, continuation: continuation, timeout: timeout))
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            failWaiter(id: id, with: CancellationError())
        }
    }

    private func release(_ slot: PostgresConnectionSlot) {
        enum Handover {
            case waiter(PostgresPoolState.Waiter)
            case drained(CheckedContinuation<Void, Never>)
            case none
        }
        let handover: Handover = state.withLock { state in
            if !state.waiters.isEmpty {
                return .waiter(state.waiters.removeFirst())
            }
            state.leased -= 1
            state.idle.append(slot)
            if state.isShuttingDown, state.leased == 0, let drained = state.drained {
                state.drained = nil
                return .drained(drained)
            }
            return .none
        }
        switch handover {
        case .waiter(let waiter):
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: slot)
        case .drained(let drained):
            drained.resume()
        case .none:
            break
        }
    }

    private func failWaiter(id: UInt64, with error: any Error) {
        guard let waiter = state.withLock({ $0.removeWaiter(id: id) }) else { return }
        waiter.timeout.cancel()
        waiter.continuation.resume(throwing: error)
    }

    private var timeoutError: PostgresError {
        PostgresError(
            kind: .poolTimeout,
            message: "no Postgres connection became free within \(configuration.acquireTimeout) "
                + "(pool size \(configuration.poolSize), all in use)")
    }

    private var closedError: PostgresError {
        PostgresError(kind: .poolClosed, message: "the Postgres pool has been shut down")
    }
}
