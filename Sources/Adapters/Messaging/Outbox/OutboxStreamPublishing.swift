/// Where `PostgresRedisOutboxRelay` sends the rows it claimed: appends to Redis streams, all in
/// one round trip. Called inside the relay's Postgres transaction, synchronously, on the
/// Postgres executor's thread (a blocking thread, so hiredis may block it).
///
/// The relay deletes the rows whose append succeeded and reschedules those refused. A throw
/// rolls the whole transaction back: every claimed row stays, including rows that may already
/// be on their stream, which are published again later (consumers deduplicate by UUID).
public protocol OutboxStreamPublishing: Sendable {
    /// Appends every entry; returns one outcome per entry, in order (an entry without an
    /// outcome stays in the outbox untouched). Throws when the streams cannot be reached.
    func publish(_ appends: [RedisStreamAppend]) throws -> [Result<String, RedisError>]

    /// Closes the connection; a later `publish` opens a new one.
    func close()
}
