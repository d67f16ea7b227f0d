import Adapters
import Entities
import Foundation
import Message
import Synchronization
import TestSupport
import Testing

/// Watermill's universal Pub/Sub tests (`pubsub/tests/test_pubsub.go`) on delivery, ported to
/// this bus: `StreamConsumer` over Redis Streams.
@Suite struct BusDeliveryTests {
    /// TestPublishSubscribe, with the messages published before anyone subscribed: a group reads
    /// from the start of the stream.
    @Test func messagesPublishedBeforeSubscribingAreDeliveredWithTheirContents() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(20).map { envelope in
                var envelope = envelope
                envelope.metadata[MetadataKey.correlationID] = "correlation-\(envelope.uuid)"
                return envelope
            }
            try await fixture.publish(envelopes)
            let received = Received()
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "reader", topic: fixture.topic, log: log) { envelope, context in
                received.add(envelope, context: context, correlationID: Correlation.id)
            }

            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "reader")) == 0 }
            try await consumer.shutDown()

            let byUUID = received.byUUID
            for envelope in envelopes {
                let delivery = try #require(byUUID[envelope.uuid])
                #expect(delivery.envelope == envelope, "payload and metadata intact")
                #expect(delivery.context.messageUUID == envelope.uuid)
                #expect(delivery.context.handlerName == "reader")
                #expect(delivery.context.attempt == 1)
                #expect(delivery.correlationID == "correlation-\(envelope.uuid)", "TestMessageCtx: the handler runs in the message's context")
            }
            #expect(log.calls.count == envelopes.count, "each once")
        }
    }

    /// TestConcurrentSubscribe: consumers of one group share the messages, each handled once.
    @Test func consumersOfOneGroupHandleEveryMessageExactlyOnceBetweenThem() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(1_000)
            let log = DeliveryLog()
            // A long claim idle: this test is about sharing, not about taking over.
            let configuration = RunningConsumer.configuration(claimIdle: .seconds(60))
            let consumers = (1...4).map { index in
                RunningConsumer(
                    ScriptedHandler(name: "sharer", topic: fixture.topic, log: log, consumer: "c\(index)"),
                    name: "c\(index)", fixture: fixture, configuration: configuration)
            }
            try await fixture.publish(envelopes)

            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "sharer")) == 0 }
            for consumer in consumers { try await consumer.shutDown() }

            #expect(log.handledCounts.count == envelopes.count)
            #expect(log.handledCounts.values.allSatisfy { $0 == 1 }, "exactly once overall")
            #expect(Set(log.calls.map(\.consumer)).count > 1, "shared between consumers")
        }
    }

    /// TestTopic: each consumer reads its own topic only.
    @Test func consumersOfDifferentTopicsSeeOnlyTheirOwnMessages() async throws {
        try await BusFixture.with { fixture in
            let otherTopic = fixture.topic + "-other"
            let first = BusFixture.envelopes(10, prefix: "first")
            let second = BusFixture.envelopes(10, prefix: "second")
            try await fixture.publish(first)
            try await fixture.publish(second, to: otherTopic)
            let firstLog = DeliveryLog()
            let secondLog = DeliveryLog()

            let consumers = [
                RunningConsumer(ScriptedHandler(name: "first", topic: fixture.topic, log: firstLog), name: "alice", fixture: fixture),
                RunningConsumer(ScriptedHandler(name: "second", topic: otherTopic, log: secondLog), name: "alice", fixture: fixture),
            ]
            try await eventually("first topic handled") { firstLog.hasHandled(all: first.map(\.uuid)) }
            try await eventually("second topic handled") { secondLog.hasHandled(all: second.map(\.uuid)) }
            for consumer in consumers { try await consumer.shutDown() }

            #expect(firstLog.handledUUIDs == Set(first.map(\.uuid)))
            #expect(secondLog.handledUUIDs == Set(second.map(\.uuid)))
            try await fixture.client.del([otherTopic])
        }
    }

    /// TestConsumerGroups: two handlers (two groups) on one topic each get every message.
    @Test func everyConsumerGroupGetsEveryMessage() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(50)
            let receipts = DeliveryLog()
            let printing = DeliveryLog()
            let consumers = [
                RunningConsumer(ScriptedHandler(name: "receipts", topic: fixture.topic, log: receipts), name: "alice", fixture: fixture),
                RunningConsumer(ScriptedHandler(name: "printing", topic: fixture.topic, log: printing), name: "alice", fixture: fixture),
            ]
            try await fixture.publish(envelopes)

            try await eventually("receipts handled all") { receipts.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("printing handled all") { printing.hasHandled(all: envelopes.map(\.uuid)) }
            for consumer in consumers { try await consumer.shutDown() }
            #expect(receipts.calls.count == envelopes.count)
            #expect(printing.calls.count == envelopes.count)
        }
    }

    /// TestNoAck: with one message in flight at a time, the next is not handled until the one
    /// before is acknowledged.
    @Test func withOneMessageInFlightTheNextWaitsForTheAcknowledgement() async throws {
        try await BusFixture.with { fixture in
            let ids = try await fixture.publish(BusFixture.envelopes(2))
            let group = fixture.group(of: "one-at-a-time")
            let release = Gate()
            let pendingWhenSecondStarted = PendingSnapshots()
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "one-at-a-time", topic: fixture.topic, log: log) { envelope, _ in
                if envelope.payload == Data("message-0".utf8) {
                    await release.wait()
                } else {
                    let pending = try await fixture.client.xpending(fixture.topic, group: group, count: 10)
                    pendingWhenSecondStarted.record(pending.map(\.id))
                }
            }

            let consumer = RunningConsumer(
                handler, name: "alice", fixture: fixture, configuration: RunningConsumer.configuration(maxInFlight: 1))
            try await eventually("the first message started") { log.calls.count == 1 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(log.calls.count == 1, "the second waits while the first is not acknowledged")

            release.open()
            try await eventually("both handled") { log.handledUUIDs.count == 2 }
            try await consumer.shutDown()
            #expect(pendingWhenSecondStarted.all == [[ids[1]]], "the first was acknowledged before the second began")
        }
    }
}

/// What a handler received, by message UUID.
private final class Received: Sendable {
    struct Delivery: Sendable {
        let envelope: Envelope
        let context: MessageContext
        let correlationID: String?
    }

    private let deliveries = Mutex<[String: Delivery]>([:])

    func add(_ envelope: Envelope, context: MessageContext, correlationID: String?) {
        deliveries.withLock { $0[envelope.uuid] = Delivery(envelope: envelope, context: context, correlationID: correlationID) }
    }

    var byUUID: [String: Delivery] { deliveries.withLock { $0 } }
}

/// The pending ids a handler saw, each time it looked.
private final class PendingSnapshots: Sendable {
    private let snapshots = Mutex<[[String]]>([])
    func record(_ ids: [String]) { snapshots.withLock { $0.append(ids) } }
    var all: [[String]] { snapshots.withLock { $0 } }
}
