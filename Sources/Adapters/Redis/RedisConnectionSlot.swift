import Synchronization

/// A place for one connection: connected on first use, and replaced on the next use once it has
/// broken or the server has closed it. A failing call reports its error; the command is never
/// sent again (it may not be idempotent), only the next call gets a fresh connection.
///
/// Used by one caller at a time, on a thread that may block; the lock makes the slot Sendable
/// and is never contended.
final class RedisConnectionSlot: Sendable {
    private let configuration: RedisConfiguration
    private let interrupter: RedisSocketInterrupter?
    private let connection = Mutex<RedisConnection?>(nil)

    /// `interrupter`, when given, learns each connection's socket so that a blocked read can be
    /// ended from another task.
    init(configuration: RedisConfiguration, interrupter: RedisSocketInterrupter? = nil) {
        self.configuration = configuration
        self.interrupter = interrupter
    }

    /// Runs `body` with a live connection, connecting first if needed. Blocks the thread.
    func use<Result: Sendable>(
        for command: String, _ body: (RedisConnection) throws(RedisError) -> Result
    ) throws(RedisError) -> Result {
        try connection.withLock { (connection: inout RedisConnection?) throws(RedisError) -> Result in
            if let existing = connection, existing.isBroken || existing.isClosedByPeer {
                interrupter?.detach()
                connection = nil
            }
            let current: RedisConnection
            if let existing = connection {
                current = existing
            } else {
                current = try connect(for: command)
                connection = current
            }
            defer {
                if current.isBroken {
                    interrupter?.detach()
                    connection = nil
                }
            }
            return try body(current)
        }
    }

    /// Closes the connection, if any. Waits for a call in progress to finish.
    func close() {
        connection.withLock { connection in
            interrupter?.detach()
            connection = nil
        }
    }

    private func connect(for command: String) throws(RedisError) -> RedisConnection {
        let closed = RedisError(
            kind: .closed, message: "the connection was closed", command: command, address: configuration.address)
        if interrupter?.isInterrupted == true { throw closed }
        let connection: RedisConnection
        do {
            connection = try RedisConnection(
                address: configuration.address,
                connectTimeout: configuration.connectTimeout,
                commandTimeout: configuration.commandTimeout)
        } catch {
            // The caller sees which of its commands could not be sent.
            throw RedisError(kind: error.kind, message: error.message, command: command, address: error.address)
        }
        if let interrupter, !interrupter.attach(connection.socket) { throw closed }
        return connection
    }
}
