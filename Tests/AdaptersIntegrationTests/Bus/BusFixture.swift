import Adapters
import Foundation
import Message
import TestSupport

/// What one bus test owns: a topology of its own (so its dead-letter stream is its own), a topic,
/// a client, and ways to publish to and inspect the streams.
struct BusFixture: Sendable {
    let client: RedisClient
    let topology: BusTopology
    let topic: String
    let streams: RedisConsumerGroupStreams

    init(client: RedisClient) throws {
        self.client = client
        topology = try BusTopology(serviceName: TestEnvironment.uniqueName("bus"))
        topic = TestEnvironment.uniqueName("topic")
        streams = RedisConsumerGroupStreams(client: client)
    }

    /// Runs `body` with a fixture on a client of its own (the shared server unless `address` is
    /// given), then deletes the fixture's streams and shuts the client down.
    static func with<Result>(
        address: RedisAddress? = nil, _ body: (BusFixture) async throws -> Result
    ) async throws -> Result {
        try await RedisTesting.withClient(RedisTesting.configuration(address: address, poolSize: 4)) { client in
            let fixture = try BusFixture(client: client)
            let result = try await body(fixture)
            _ = try? await client.del([fixture.topic, fixture.deadLetterTopic])
            return result
        }
    }

    var deadLetterTopic: String { topology.deadLetterTopic }

    /// The consumer group of the handler named `handler` (test topics are event topics).
    func group(of handler: String) -> String {
        topology.consumerGroup(handler: handler, handling: .publicEvent)
    }

    /// `count` messages with payloads `<prefix>-0`, `<prefix>-1`...
    static func envelopes(_ count: Int, prefix: String = "message") -> [Envelope] {
        (0..<count).map { index in
            Envelope(metadata: [MetadataKey.name: "TestMessage"], payload: Data("\(prefix)-\(index)".utf8))
        }
    }

    /// Publishes in the wire format, pipelined, and returns the entry ids.
    @discardableResult
    func publish(_ envelopes: [Envelope], to topic: String? = nil) async throws -> [String] {
        let appends = envelopes.map { envelope in
            RedisStreamAppend(
                stream: topic ?? self.topic,
                fields: WatermillStreamMarshaler.fields(of: envelope).map { ($0.name, $0.value) })
        }
        var ids: [String] = []
        for start in stride(from: 0, to: appends.count, by: 500) {
            let chunk = Array(appends[start..<min(start + 500, appends.count)])
            for result in try await client.xadd(chunk) {
                ids.append(try result.get())
            }
        }
        return ids
    }

    /// Publishes an entry with exactly these fields, e.g. one that is not a Watermill message.
    @discardableResult
    func publishRaw(_ fields: [(name: String, value: Data)]) async throws -> String {
        try await client.xadd(topic, fields: fields)
    }

    func pendingCount(group: String, topic: String? = nil) async throws -> Int {
        try await client.xpendingSummary(topic ?? self.topic, group: group).count
    }

    /// The dead letters, as messages.
    func deadLetters() async throws -> [Envelope] {
        try await client.xrange(deadLetterTopic).map { entry in
            try WatermillStreamMarshaler.envelope(
                from: (entry.fields ?? []).map { StreamField(name: $0.name, value: $0.value) })
        }
    }
}
