/// What one forwarding round did.
public struct OutboxRound: Sendable, Equatable {
    /// Rows published to their streams and removed from the outbox.
    public var forwarded: Int
    /// Rows that could not be published; they stay, and are tried again after a backoff of their own.
    public var failed: Int

    public init(forwarded: Int, failed: Int) {
        self.forwarded = forwarded
        self.failed = failed
    }
}

/// How far the outbox is behind.
public struct OutboxBacklog: Sendable, Equatable {
    public var count: Int
    public var oldestAge: Duration?

    public init(count: Int, oldestAge: Duration?) {
        self.count = count
        self.oldestAge = oldestAge
    }
}

/// The transactional outbox as the forwarder sees it: rows committed together with the business
/// writes that caused them, moved to the message streams. Implemented over PostgreSQL and Redis
/// in `Adapters`.
public protocol OutboxRelay: Sendable {
    /// Publishes up to `limit` committed rows and removes them; rows another forwarder is moving
    /// are skipped, not waited for.
    func forwardRound(limit: Int) async throws -> OutboxRound
    /// Returns when new rows may have been committed, or after `timeout` at the latest.
    func waitForNewRows(timeout: Duration) async
    func backlog() async throws -> OutboxBacklog
}
