/// Publishes outbox rows with pipelined `XADD`s over one synchronous Redis connection of its
/// own, made on first use and replaced on the next use once it has broken (or the server closed
/// it). Calls block their thread: the relay makes them on the Postgres executor's thread.
public final class OutboxRedisPublisher: OutboxStreamPublishing {
    private let slot: RedisConnectionSlot

    /// Uses the address and the connect and command timeouts of `configuration` (one
    /// connection, no pool).
    public init(configuration: RedisConfiguration) {
        slot = RedisConnectionSlot(configuration: configuration)
    }

    public func publish(_ appends: [RedisStreamAppend]) throws -> [Result<String, RedisError>] {
        guard !appends.isEmpty else { return [] }
        return try slot.use(for: "XADD") { connection throws(RedisError) in
            try connection.xadd(appends)
        }
    }

    public func close() {
        slot.close()
    }
}
