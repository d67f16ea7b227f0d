import Message

/// The statements the relay runs on the `outbox` table (TicketsSchema migration 2): claiming,
/// deleting and rescheduling rows inside a round's transaction, and measuring the backlog.
enum OutboxTable {
    /// Locks and returns up to `limit` rows that are due, oldest first. Rows locked by another
    /// forwarder's transaction are skipped, not waited for; rows of transactions not yet
    /// committed are invisible, and picked up by a later round once they are.
    static func claimDeliverable(limit: Int, on connection: PostgresConnection) throws -> [OutboxRow] {
        try connection.query(
            """
            SELECT id, topic, message_uuid, payload, metadata, attempts FROM outbox
            WHERE next_attempt_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
            """,
            [limit]
        ).map(OutboxRow.init)
    }

    /// Removes the rows that reached their streams (sent with the COMMIT, in its round trip).
    static func delete(ids: [Int64], on connection: PostgresConnection) throws {
        guard !ids.isEmpty else { return }
        // The driver binds no arrays: the ids go as one array literal, cast by the server.
        let idArray = "{" + ids.map(String.init).joined(separator: ",") + "}"
        try connection.executeDeferred("DELETE FROM outbox WHERE id = ANY($1::bigint[])", [idArray])
    }

    /// Counts a failed publication of row `id` and makes it wait `delay` before the next one.
    static func recordFailure(id: Int64, reason: String, delay: Duration, on connection: PostgresConnection) throws {
        let (seconds, attoseconds) = delay.components
        try connection.execute(
            """
            UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3)
            WHERE id = $1
            """,
            [id, reason, Double(seconds) + Double(attoseconds) / 1e18])
    }

    /// How many rows wait (due or not), and how long the oldest has waited.
    static func backlog(on client: PostgresClient) async throws -> OutboxBacklog {
        let row = try await client.query(
            "SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_age FROM outbox"
        )[0]
        let oldestAge: Double? = try row.decode(column: "oldest_age")
        // now() is taken just before the snapshot: a row written in between looks a little younger than zero.
        return OutboxBacklog(count: try row.decode(column: "count"), oldestAge: oldestAge.map { .seconds(max($0, 0)) })
    }
}
