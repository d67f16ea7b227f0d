import Adapters
import Foundation
import Message
import Synchronization
import TestSupport

/// What a dead-letter test works with: the shared Redis, a topology whose service name is the
/// test's own (so is its dead-letter stream), and topics named for it alone; every stream is
/// deleted when the test ends.
final class DeadLetterTestContext: Sendable {
    let redis: RedisClient
    let topology: BusTopology
    let store: DeadLetterStore
    private let streams: Mutex<[String]>

    private init(redis: RedisClient, topology: BusTopology) {
        self.redis = redis
        self.topology = topology
        store = DeadLetterStore(redis: redis, topology: topology)
        streams = Mutex([topology.deadLetterTopic])
    }

    /// Runs `body` with a fresh context and deletes its streams after it, whether it throws or not.
    static func run(_ body: (DeadLetterTestContext) async throws -> Void) async throws {
        try await RedisTesting.withClient { redis in
            let context = DeadLetterTestContext(redis: redis, topology: try BusTopology(serviceName: TestEnvironment.uniqueName("svc")))
            do {
                try await body(context)
                try await context.deleteStreams()
            } catch {
                try? await context.deleteStreams()
                throw error
            }
        }
    }

    /// A topic no other test uses, deleted at the end.
    func topic(_ label: String) -> String {
        let topic = TestEnvironment.uniqueName("dead-letters-\(label)")
        streams.withLock { $0.append(topic) }
        return topic
    }

    /// Writes `envelope` to the dead-letter stream as a consumer gives up on it: its metadata
    /// plus the poison keys given; returns the entry id.
    @discardableResult
    func deadLetter(
        _ envelope: Envelope, reason: String = "handler failed 10 times", topic: String?, handler: String? = "IssueReceipt",
        subscriber: String? = "instance-1"
    ) async throws -> String {
        var poisoned = envelope
        poisoned.metadata[MetadataKey.reasonPoisoned] = reason
        poisoned.metadata[MetadataKey.topicPoisoned] = topic
        poisoned.metadata[MetadataKey.handlerPoisoned] = handler
        poisoned.metadata[MetadataKey.subscriberPoisoned] = subscriber
        return try await writeRaw(WatermillStreamMarshaler.fields(of: poisoned))
    }

    /// Writes an entry with exactly `fields` to the dead-letter stream; returns its id.
    @discardableResult
    func writeRaw(_ fields: [StreamField]) async throws -> String {
        try await redis.xadd(topology.deadLetterTopic, fields: fields.map { ($0.name, $0.value) })
    }

    /// The entries of `topic` as messages, with their ids.
    func messages(on topic: String) async throws -> [(id: String, envelope: Envelope)] {
        try await redis.xrange(topic).map { entry in
            (entry.id, try WatermillStreamMarshaler.envelope(from: (entry.fields ?? []).map { StreamField(name: $0.name, value: $0.value) }))
        }
    }

    /// The ids in the dead-letter stream, in order.
    func deadLetterIDs() async throws -> [String] {
        try await redis.xrange(topology.deadLetterTopic).map(\.id)
    }

    private func deleteStreams() async throws {
        try await redis.del(streams.withLock { $0 })
    }
}

/// Messages as a handler received them before it gave up, each with a fresh UUID.
enum DeadLetterSamples {
    static func envelope() -> Envelope {
        let uuid = UUID().uuidString.lowercased()
        return Envelope(
            uuid: uuid,
            metadata: [MetadataKey.name: "TicketBookingConfirmed_v1", MetadataKey.correlationID: "correlation-\(uuid)",
                       MetadataKey.traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"],
            payload: Data(#"{"ticket_id":"\#(uuid)"}"#.utf8))
    }
}
