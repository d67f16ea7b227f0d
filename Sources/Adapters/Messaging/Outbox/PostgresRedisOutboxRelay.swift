import Logging
import Message
import Tracing

/// The transactional outbox over PostgreSQL and Redis Streams (CONTRACT.md §3).
///
/// Each round is one Postgres transaction: it locks the due rows (`FOR UPDATE SKIP LOCKED`, so
/// several forwarders, in several instances, share the work without waiting on each other),
/// publishes them in one pipelined round trip of `XADD`s with their stored UUID and metadata,
/// deletes those Redis accepted, reschedules those it refused with a backoff of their own (one
/// bad row never holds up the others), and commits. There is no cursor: a transaction that
/// commits after a younger one still has its rows picked up by the next round. When Redis
/// cannot be reached the transaction rolls back and every row stays. A crash between the
/// `XADD`s and the commit publishes the same UUIDs again later: delivery is at least once and
/// consumers deduplicate by UUID.
///
/// Rows are never given up: a row Redis keeps refusing is retried at the policy's longest
/// delay, with `attempts` and `last_error` on the row for operators.
///
/// Call `shutdown()` before dropping it; the `PostgresClient` stays its owner's to shut down.
public final class PostgresRedisOutboxRelay: OutboxRelay {
    private let postgres: PostgresClient
    private let publisher: any OutboxStreamPublishing
    private let commits: OutboxCommitWatcher
    private let retryPolicy: RetryPolicy
    private let logger: Logger

    /// Publishes with an `OutboxRedisPublisher` on a connection of its own to `redis`.
    /// - Parameters:
    ///   - notificationChannel: where the writers NOTIFY at commit.
    ///   - retryPolicy: the delays between attempts of a row Redis refused (its `maxAttempts`
    ///     does not apply: rows are never given up).
    public convenience init(
        postgres: PostgresClient,
        redis: RedisConfiguration,
        notificationChannel: String = OutboxWriter.notificationChannel,
        retryPolicy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "tickets.outbox")
    ) {
        self.init(
            postgres: postgres, publisher: OutboxRedisPublisher(configuration: redis),
            notificationChannel: notificationChannel, retryPolicy: retryPolicy, logger: logger)
    }

    /// Publishes through `publisher`, which the relay owns from now on (it closes it on shutdown).
    public init(
        postgres: PostgresClient,
        publisher: any OutboxStreamPublishing,
        notificationChannel: String = OutboxWriter.notificationChannel,
        retryPolicy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "tickets.outbox")
    ) {
        self.postgres = postgres
        self.publisher = publisher
        self.retryPolicy = retryPolicy
        self.logger = logger
        commits = OutboxCommitWatcher(configuration: postgres.configuration, channel: notificationChannel, logger: logger)
    }

    public func forwardRound(limit: Int) async throws -> OutboxRound {
        let round = try await postgres.transaction { [publisher, retryPolicy] connection in
            try Self.forward(limit: limit, on: connection, publisher: publisher, retryPolicy: retryPolicy)
        }
        for failure in round.failures {
            logger.warning("outbox row not published; it will be tried again", metadata: [
                "outbox.id": "\(failure.row.id)", "outbox.topic": "\(failure.row.topic)",
                "message.uuid": "\(failure.row.messageUUID)", "outbox.attempts": "\(failure.row.attempts + 1)",
                "error": "\(failure.reason)",
            ])
        }
        return OutboxRound(forwarded: round.forwarded, failed: round.failures.count)
    }

    /// Wakes on a commit notification (or the listener reconnecting); the first call starts
    /// the listener.
    public func waitForNewRows(timeout: Duration) async {
        await commits.waitForCommit(timeout: timeout)
    }

    public func backlog() async throws -> OutboxBacklog {
        try await OutboxTable.backlog(on: postgres)
    }

    /// Stops the commit listener and closes the Redis connection. Waits for a round in progress
    /// on that connection to finish.
    public func shutdown() async {
        await commits.stop()
        publisher.close()
    }

    /// What one round did, known once its transaction committed.
    private struct RoundResult: Sendable {
        var forwarded = 0
        var failures: [(row: OutboxRow, reason: String)] = []
    }

    /// The body of a round's transaction.
    private static func forward(
        limit: Int, on connection: PostgresConnection, publisher: any OutboxStreamPublishing, retryPolicy: RetryPolicy
    ) throws -> RoundResult {
        var result = RoundResult()
        var publishable: [OutboxRow] = []
        var appends: [RedisStreamAppend] = []
        var spans: [any Span] = []
        defer { for span in spans { span.end() } }
        for row in try OutboxTable.claimDeliverable(limit: limit, on: connection) {
            do {
                var envelope = try row.envelope()
                spans.append(OutboxForwardSpan.start(forwarding: &envelope, to: row.topic))
                appends.append(row.streamAppend(of: envelope))
                publishable.append(row)
            } catch {
                result.failures.append((row, "the stored metadata is not a JSON object of strings: \(error)"))
            }
        }
        let outcomes: [Result<String, RedisError>]
        do {
            outcomes = try publisher.publish(appends)
        } catch {
            for span in spans { span.failed(error) }
            throw error
        }
        var published: [Int64] = []
        for ((row, outcome), span) in zip(zip(publishable, outcomes), spans) {
            switch outcome {
            case .success: published.append(row.id)
            case .failure(let error):
                span.failed(error)
                result.failures.append((row, "\(error)"))
            }
        }
        try OutboxTable.delete(ids: published, on: connection)
        for (row, reason) in result.failures {
            try OutboxTable.recordFailure(
                id: row.id, reason: reason, delay: retryPolicy.delay(afterAttempt: row.attempts + 1), on: connection)
        }
        result.forwarded = published.count
        return result
    }
}
