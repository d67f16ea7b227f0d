import Adapters
import Foundation
import Logging
import Message
import Synchronization
import TestSupport

/// What an outbox test works with: a migrated schema of its own, the shared Redis, streams
/// named for it alone, and relays that are shut down (and streams deleted) when it ends.
final class OutboxTestContext: Sendable {
    let postgres: PostgresClient
    let postgresConfiguration: PostgresClient.Configuration
    let redis: RedisClient
    private let relays = Mutex<[PostgresRedisOutboxRelay]>([])
    private let topics = Mutex<[String]>([])

    static let quietLogger = Logger(label: "tickets.test.outbox", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(postgres: PostgresClient, postgresConfiguration: PostgresClient.Configuration, redis: RedisClient) {
        self.postgres = postgres
        self.postgresConfiguration = postgresConfiguration
        self.redis = redis
    }

    /// Runs `body` with a fresh context and cleans up after it, whether it throws or not.
    static func run(poolSize: Int = 4, _ body: (OutboxTestContext) async throws -> Void) async throws {
        try await MigratedTestSchema.run(poolSize: poolSize) { postgres, configuration in
            try await RedisTesting.withClient { redis in
                let context = OutboxTestContext(postgres: postgres, postgresConfiguration: configuration, redis: redis)
                do {
                    try await body(context)
                    try await context.cleanUp()
                } catch {
                    try? await context.cleanUp()
                    throw error
                }
            }
        }
    }

    /// A stream name no other test uses, deleted at the end.
    func topic(_ label: String) -> String {
        let topic = TestEnvironment.uniqueName("outbox-\(label)")
        topics.withLock { $0.append(topic) }
        return topic
    }

    /// A relay on this test's schema, publishing to `redis` (the shared server unless given),
    /// or through `publisher` when given; shut down at the end.
    func makeRelay(
        redis: RedisConfiguration? = nil,
        publisher: (any OutboxStreamPublishing)? = nil,
        postgres: PostgresClient? = nil,
        notificationChannel: String = OutboxWriter.notificationChannel,
        retryPolicy: RetryPolicy = RetryPolicy()
    ) throws -> PostgresRedisOutboxRelay {
        let relay = PostgresRedisOutboxRelay(
            postgres: postgres ?? self.postgres,
            publisher: try publisher ?? OutboxRedisPublisher(configuration: redis ?? RedisTesting.configuration()),
            notificationChannel: notificationChannel, retryPolicy: retryPolicy, logger: Self.quietLogger)
        relays.withLock { $0.append(relay) }
        return relay
    }

    /// The publisher a relay of this test would make, for decorators to wrap.
    func sharedRedisPublisher() throws -> OutboxRedisPublisher {
        OutboxRedisPublisher(configuration: try RedisTesting.configuration())
    }

    func makeForwarder(
        relay: PostgresRedisOutboxRelay, batchSize: Int = 1000, pollInterval: Duration = .seconds(3600)
    ) -> OutboxForwarder {
        OutboxForwarder(relay: relay, batchSize: batchSize, pollInterval: pollInterval, logger: Self.quietLogger)
    }

    /// Commits `messages` as outbox rows in one transaction, as the business code does; also
    /// notifies `extraChannel` at commit when given.
    func write(_ messages: [OutgoingMessage], alsoNotifying extraChannel: String? = nil) async throws {
        try await postgres.transaction { connection in
            try OutboxWriter.append(messages, on: connection)
            if let extraChannel {
                try connection.notify(channel: extraChannel, payload: "")
            }
        }
    }

    /// The messages on `topic`, in stream order.
    func delivered(on topic: String) async throws -> [Envelope] {
        try await redis.xrange(topic).map { entry in
            try WatermillStreamMarshaler.envelope(
                from: (entry.fields ?? []).map { StreamField(name: $0.name, value: $0.value) })
        }
    }

    func outboxRowCount() async throws -> Int {
        try await postgres.query("SELECT count(*) AS count FROM outbox")[0].decode(column: "count")
    }

    private func cleanUp() async throws {
        for relay in relays.withLock({ $0 }) {
            await relay.shutdown()
        }
        try await redis.del(topics.withLock { $0 })
    }
}

/// Messages as the service writes them, each with a fresh UUID.
enum OutboxTestMessages {
    static func message(
        to topic: String, name: String = "TicketPrinted_v1", payload: Data? = nil
    ) -> OutgoingMessage {
        let uuid = UUID().uuidString.lowercased()
        return OutgoingMessage(
            topic: topic,
            envelope: Envelope(
                uuid: uuid,
                metadata: [MetadataKey.name: name, MetadataKey.correlationID: "correlation-\(uuid)"],
                payload: payload ?? Data(#"{"ticket_id":"\#(uuid)"}"#.utf8)))
    }

    static func messages(_ count: Int, to topic: String) -> [OutgoingMessage] {
        (0..<count).map { _ in message(to: topic) }
    }
}

/// Runs `forwarders` (as the service group would) while `body` runs, then stops them.
func whileForwarding<Value: Sendable>(
    _ forwarders: [OutboxForwarder], _ body: () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for forwarder in forwarders {
            group.addTask { try await forwarder.run() }
        }
        do {
            let value = try await body()
            group.cancelAll()
            return value
        } catch {
            group.cancelAll()
            throw error
        }
    }
}
