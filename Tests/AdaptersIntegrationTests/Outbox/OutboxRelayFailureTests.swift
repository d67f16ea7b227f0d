import Adapters
import Foundation
import Message
import Testing

@Suite("Outbox relay: failures")
struct OutboxRelayFailureTests {
    /// Delays without jitter, long enough that a rescheduled row is surely not due in the test.
    private static let hourlyRetries = RetryPolicy(initialDelay: .seconds(3600), maxDelay: .seconds(86_400), jitter: 0)

    @Test("a row Redis refuses (WRONGTYPE) is rescheduled with backoff and does not block the others")
    func refusedRowIsRescheduled() async throws {
        try await OutboxTestContext.run { context in
            let good = context.topic("good")
            let wrong = context.topic("not-a-stream")
            try await context.redis.send(["SET", wrong, "a string, not a stream"])
            let before = OutboxTestMessages.message(to: good)
            let refused = OutboxTestMessages.message(to: wrong)
            let after = OutboxTestMessages.message(to: good)
            try await context.write([before, refused, after])
            let relay = try context.makeRelay(retryPolicy: Self.hourlyRetries)

            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 2, failed: 1))
            #expect(try await context.delivered(on: good).map(\.uuid) == [before, after].map(\.envelope.uuid))
            var state = try #require(try await RetryState.only(in: context))
            #expect(state.messageUUID == refused.envelope.uuid)
            #expect(state.attempts == 1)
            #expect(state.lastError.contains("WRONGTYPE"))
            #expect(state.lastError.contains("XADD"))
            #expect(state.secondsUntilNextAttempt > 3500)

            // Not due yet: the next round leaves it alone.
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 0, failed: 0))

            // Due and still refused: the backoff doubles.
            try await context.postgres.execute("UPDATE outbox SET next_attempt_at = now()")
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 0, failed: 1))
            state = try #require(try await RetryState.only(in: context))
            #expect(state.attempts == 2)
            #expect(state.secondsUntilNextAttempt > 7100)

            // Once the key is a stream again, the row goes through.
            try await context.redis.del([wrong])
            try await context.postgres.execute("UPDATE outbox SET next_attempt_at = now()")
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 1, failed: 0))
            #expect(try await context.delivered(on: wrong).map(\.uuid) == [refused.envelope.uuid])
            #expect(try await context.outboxRowCount() == 0)
        }
    }

    @Test("a row whose stored metadata cannot be read is rescheduled and does not block the others")
    func unreadableMetadataIsRescheduled() async throws {
        try await OutboxTestContext.run { context in
            let topic = context.topic("metadata")
            let before = OutboxTestMessages.message(to: topic)
            let after = OutboxTestMessages.message(to: topic)
            try await context.write([before])
            try await context.postgres.execute(
                "INSERT INTO outbox (topic, message_uuid, payload, metadata) VALUES ($1, $2, $3, '{\"name\": 5}')",
                [topic, "unreadable-metadata", Data("{}".utf8)])
            try await context.write([after])
            let relay = try context.makeRelay(retryPolicy: Self.hourlyRetries)

            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 2, failed: 1))
            #expect(try await context.delivered(on: topic).map(\.uuid) == [before, after].map(\.envelope.uuid))
            let state = try #require(try await RetryState.only(in: context))
            #expect(state.messageUUID == "unreadable-metadata")
            #expect(state.attempts == 1)
            #expect(state.lastError.contains("metadata"))
        }
    }

    @Test("when Redis cannot be reached the round throws and every row stays as it was")
    func unreachableRedisKeepsEveryRow() async throws {
        try await OutboxTestContext.run { context in
            let closedPort = try LoopbackSocket(listening: false)
            closedPort.close()
            let address = RedisAddress(host: "127.0.0.1", port: closedPort.port)
            let relay = try context.makeRelay(redis: RedisTesting.configuration(address: address))
            try await context.write(OutboxTestMessages.messages(2, to: context.topic("unreachable")))

            let error = await #expect(throws: RedisError.self) { try await relay.forwardRound(limit: 100) }
            #expect(error?.kind == .connectionRefused)
            #expect(error?.address == address)
            #expect(try await context.outboxRowCount() == 2)
            let untouched = try await context.postgres.query(
                "SELECT count(*) AS count FROM outbox WHERE attempts = 0 AND last_error IS NULL")
            #expect(try untouched[0].decode(Int.self, column: "count") == 2)
        }
    }

    @Test("after Redis restarts, the broken connection is replaced and the rows go through")
    func brokenConnectionIsReplaced() async throws {
        try await OutboxTestContext.run { context in
            let server = try await PrivateRedisServer()
            defer { server.stop() }
            let topic = context.topic("restart")
            let relay = try context.makeRelay(redis: RedisTesting.configuration(address: server.address))
            try await context.write([OutboxTestMessages.message(to: topic)])
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 1, failed: 0))

            server.kill()
            let waiting = OutboxTestMessages.message(to: topic)
            try await context.write([waiting])
            await #expect(throws: RedisError.self) { try await relay.forwardRound(limit: 100) }
            #expect(try await context.outboxRowCount() == 1)

            try await server.start()
            #expect(try await relay.forwardRound(limit: 100) == OutboxRound(forwarded: 1, failed: 0))
            let delivered = try await RedisTesting.withClient(RedisTesting.configuration(address: server.address)) {
                try await $0.xrange(topic)
            }
            #expect(delivered.map { $0.value(of: WatermillStreamMarshaler.uuidField) } == [Data(waiting.envelope.uuid.utf8)])
        }
    }
}

/// The retry bookkeeping of the one row left in a test's outbox.
private struct RetryState {
    let messageUUID: String
    let attempts: Int
    let lastError: String
    let secondsUntilNextAttempt: Double

    static func only(in context: OutboxTestContext) async throws -> RetryState? {
        let rows = try await context.postgres.query("""
            SELECT message_uuid, attempts, last_error,
                EXTRACT(EPOCH FROM next_attempt_at - now())::float8 AS seconds_until_next_attempt
            FROM outbox
            """)
        guard rows.count == 1 else { return nil }
        return RetryState(
            messageUUID: try rows[0].decode(column: "message_uuid"),
            attempts: try rows[0].decode(column: "attempts"),
            lastError: try rows[0].decode(column: "last_error"),
            secondsUntilNextAttempt: try rows[0].decode(column: "seconds_until_next_attempt"))
    }
}
