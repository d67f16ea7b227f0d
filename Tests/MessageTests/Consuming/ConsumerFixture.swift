import Foundation
import Message
import TestSupport

/// One test's world for consumers: in-memory streams, the default topology and a topic of its own.
struct ConsumerFixture {
    let streams = InMemoryRedisStreams()
    let topology: BusTopology
    let topic = TestEnvironment.uniqueName("events.Test")

    init() throws {
        topology = try BusTopology()
    }

    func handler(
        named name: String = "RecordTest",
        behaviour: @escaping @Sendable (Envelope, MessageContext) async throws -> Void = { _, _ in }
    ) -> RecordingHandler {
        RecordingHandler(name: name, topic: topic, behaviour: behaviour)
    }

    func consumer(
        for handler: any MessageHandler,
        named consumerName: String = "instance-1",
        configuration: ConsumerConfiguration = .fast(),
        onSubscribed: @escaping @Sendable () -> Void = {},
        onStreamError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) -> StreamConsumer {
        StreamConsumer(
            handler: handler, streams: streams, topology: topology, consumerName: consumerName, configuration: configuration,
            logger: .quiet, onSubscribed: onSubscribed, onStreamError: onStreamError
        )
    }

    /// Appends `envelope` to the topic; returns the entry id.
    @discardableResult
    func publish(_ envelope: Envelope) -> String {
        streams.add(envelope, to: topic)
    }

    /// Another consumer's view of `handler`'s group, to play a consumer that crashed.
    func view(of handler: any MessageHandler, as consumerName: String) -> any ConsumerGroupStream {
        streams.open(topic: topic, group: topology.consumerGroup(for: handler), consumer: consumerName, deadLetterTopic: topology.deadLetterTopic)
    }

    func pending(of handler: any MessageHandler) -> [PendingEntryInfo] {
        streams.pending(of: topic, group: topology.consumerGroup(for: handler))
    }

    var deadLetters: [StoredEntry] { streams.entries(of: topology.deadLetterTopic) }

    /// A message as producers send them: a name, a JSON payload and, when given, a correlation id.
    static func message(_ number: Int, metadata extra: [String: String] = [:]) -> Envelope {
        Envelope(metadata: ["name": "Test_v1"].merging(extra) { _, new in new }, payload: Data(#"{"number":\#(number)}"#.utf8))
    }
}

extension ConsumerConfiguration {
    /// Short timings for tests: retries within milliseconds, reads blocking briefly.
    static func fast(
        maxAttempts: Int = 3,
        initialRetryDelay: Duration = .milliseconds(5),
        maxInFlight: Int = 8,
        claimIdle: Duration = .seconds(60),
        metricsInterval: Duration = .seconds(60)
    ) -> ConsumerConfiguration {
        ConsumerConfiguration(
            retry: RetryPolicy(maxAttempts: maxAttempts, initialDelay: initialRetryDelay, multiplier: 2, maxDelay: initialRetryDelay * 4, jitter: 0),
            batchSize: 16,
            maxInFlight: maxInFlight,
            readBlock: .milliseconds(50),
            claimIdle: claimIdle,
            metricsInterval: metricsInterval
        )
    }
}
