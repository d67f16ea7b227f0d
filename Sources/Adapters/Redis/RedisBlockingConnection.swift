/// A connection of its own, used on a thread of its own, for reads that block on the server
/// (`XREADGROUP ... BLOCK`), so that they never hold a connection or thread of the shared pool.
///
/// Calls run one after the other. After a failure the next call reconnects. `close()` from any
/// task ends a read in progress at once (it fails with `.closed`) and every later call; it only
/// waits for a connection attempt in progress (at most the connect timeout). Cancelling the
/// calling task does not interrupt a read: the read ends with its block period, or `close()`.
public final class RedisBlockingConnection: RedisCommandSending {
    public let configuration: RedisConfiguration
    private let executor = BlockingExecutor(threads: 1)
    private let interrupter = RedisSocketInterrupter()
    private let slot: RedisConnectionSlot

    public init(configuration: RedisConfiguration) {
        self.configuration = configuration
        slot = RedisConnectionSlot(configuration: configuration, interrupter: interrupter)
    }

    public var address: RedisAddress { configuration.address }

    /// Sends one command that answers promptly (the configured command timeout applies).
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RedisReply {
        try await send(command, blockingFor: .zero)
    }

    /// Sends a command that may wait on the server for up to `block` (the BLOCK argument it
    /// carries); its reply is awaited that long plus the command timeout. `nil` means the
    /// command blocks until data arrives (BLOCK 0): the reply is awaited without limit and only
    /// `close()` ends the wait early.
    @discardableResult
    public func send(_ command: RedisCommand, blockingFor block: Duration?) async throws -> RedisReply {
        let closed = RedisError(
            kind: .closed, message: "the blocking connection was closed", command: command.name, address: address)
        guard !interrupter.isInterrupted else { throw closed }
        let replyTimeout = block.flatMap { block in configuration.commandTimeout.map { $0 + block } }
        do {
            return try await executor.run { [slot] in
                try slot.use(for: command.name) { connection throws(RedisError) in
                    try connection.setCommandTimeout(replyTimeout)
                    return try connection.send(command)
                }
            }
        } catch let error as RedisError where !interrupter.isInterrupted {
            throw error
        } catch {
            // Either the executor was shut down or the read failed because `close()` shut the
            // socket down: both are the close the caller asked for.
            throw closed
        }
    }

    /// Ends a read in progress and closes the connection; later calls fail with `.closed`.
    public func close() async {
        interrupter.interrupt()
        // The executor's only thread is free as soon as the interrupted read returns. Shutting
        // it down fails only when an earlier close already did.
        try? await executor.shutdown()
        slot.close()
    }
}
