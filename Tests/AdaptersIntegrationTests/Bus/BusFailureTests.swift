import Adapters
import Entities
import Foundation
import Message
import TestSupport
import Testing

/// Failing handlers and unreadable entries: Watermill's TestContinueAfterErrors and its poison
/// queue, on this bus.
@Suite struct BusFailureTests {
    /// A message whose handler fails once is handled again, as attempt 2.
    @Test func aFailedMessageIsDeliveredAgain() async throws {
        try await BusFixture.with { fixture in
            let envelope = BusFixture.envelopes(1)[0]
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "flaky", topic: fixture.topic, log: log) { _, context in
                if context.attempt == 1 { throw ScriptedFailure(description: "first attempt fails") }
            }
            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await fixture.publish([envelope])

            try await eventually("handled") { log.hasHandled(all: [envelope.uuid]) }
            try await eventually("acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "flaky")) == 0 }
            try await consumer.shutDown()
            #expect(log.attempts(of: envelope.uuid) == [1, 2])
            #expect(try await fixture.deadLetters().isEmpty)
        }
    }

    /// A message that always fails gets exactly `maxAttempts` attempts, then becomes one dead
    /// letter in Watermill's poison format, and the messages after it keep flowing.
    @Test func aMessageThatKeepsFailingBecomesOneDeadLetterAndTheOthersFlow() async throws {
        try await BusFixture.with { fixture in
            let poison = Envelope(metadata: [MetadataKey.name: "Poison", "origin": "test"], payload: Data("poison".utf8))
            let others = BusFixture.envelopes(20)
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "picky", topic: fixture.topic, log: log) { envelope, _ in
                if envelope.uuid == poison.uuid { throw ScriptedFailure(description: "cannot handle poison") }
            }
            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await fixture.publish([poison])
            try await fixture.publish(others)

            try await eventually("the others handled") { log.hasHandled(all: others.map(\.uuid)) }
            try await eventually("one dead letter") { try await fixture.deadLetters().count == 1 }
            try await eventually("nothing pending") { try await fixture.pendingCount(group: fixture.group(of: "picky")) == 0 }
            try await consumer.shutDown()

            #expect(log.attempts(of: poison.uuid) == [1, 2, 3])
            let deadLetters = try await fixture.deadLetters()
            #expect(deadLetters.count == 1)
            let deadLetter = try #require(deadLetters.first)
            #expect(deadLetter.uuid == poison.uuid)
            #expect(deadLetter.payload == poison.payload)
            #expect(deadLetter.metadata[MetadataKey.name] == "Poison")
            #expect(deadLetter.metadata["origin"] == "test")
            #expect(deadLetter.metadata[MetadataKey.reasonPoisoned]?.contains("cannot handle poison") == true)
            #expect(deadLetter.metadata[MetadataKey.topicPoisoned] == fixture.topic)
            #expect(deadLetter.metadata[MetadataKey.handlerPoisoned] == "picky")
            #expect(deadLetter.metadata[MetadataKey.subscriberPoisoned] == "alice")
        }
    }

    /// TestContinueAfterErrors: many messages failing their first attempts are all handled.
    @Test func manyFailingMessagesAreAllHandledInTheEnd() async throws {
        try await BusFixture.with { fixture in
            let envelopes = BusFixture.envelopes(100)
            let log = DeliveryLog()
            let handler = ScriptedHandler(name: "struggling", topic: fixture.topic, log: log) { _, context in
                if context.attempt < 3 { throw ScriptedFailure(description: "attempt \(context.attempt) fails") }
            }
            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await fixture.publish(envelopes)

            try await eventually("all handled") { log.hasHandled(all: envelopes.map(\.uuid)) }
            try await eventually("all acknowledged") { try await fixture.pendingCount(group: fixture.group(of: "struggling")) == 0 }
            try await consumer.shutDown()
            #expect(try await fixture.deadLetters().isEmpty)
            #expect(envelopes.allSatisfy { log.attempts(of: $0.uuid) == [1, 2, 3] })
        }
    }

    /// Entries that are not readable messages, or not the handler's message, become dead
    /// letters at once, and the consumer goes on with the next good one.
    @Test func malformedEntriesBecomeDeadLettersAndTheConsumerGoesOn() async throws {
        try await BusFixture.with { fixture in
            let log = DeliveryLog()
            let handler = RecordingTypedHandler(log: log).reading(fixture.topology)
            let topic = handler.topic
            let good = try BusMessageMarshaler.marshal(
                InternalOpsReadModelUpdated(header: .new(idempotencyKey: "key"), bookingID: UUID()))
            var badJSON = good
            badJSON.uuid = UUID().uuidString.lowercased()
            badJSON.payload = Data("{\"header\": 42}".utf8)
            var unknownName = good
            unknownName.uuid = UUID().uuidString.lowercased()
            unknownName.metadata[MetadataKey.name] = "SomethingElse_v1"

            let fields = { (envelope: Envelope) in WatermillStreamMarshaler.fields(of: envelope).map { ($0.name, $0.value) } }
            try await fixture.client.xadd(topic, fields: [("payload", Data("no uuid".utf8))])
            try await fixture.client.xadd(
                topic, fields: [("_watermill_message_uuid", Data("bad-metadata".utf8)), ("payload", Data()), ("metadata", Data([0xc1]))])
            try await fixture.client.xadd(topic, fields: fields(badJSON))
            try await fixture.client.xadd(topic, fields: fields(unknownName))
            try await fixture.client.xadd(topic, fields: fields(good))

            let consumer = RunningConsumer(handler, name: "alice", fixture: fixture)
            try await eventually("the good message handled") { log.hasHandled(all: [good.uuid]) }
            try await eventually("four dead letters") { try await fixture.deadLetters().count == 4 }
            try await eventually("nothing pending") { try await fixture.pendingCount(group: fixture.group(of: RecordingTypedHandler.name), topic: topic) == 0 }
            try await consumer.shutDown()

            // Entries are handled concurrently: the dead letters come in any order.
            let deadLetters = try await fixture.deadLetters()
            func reason(_ matches: (Envelope) -> Bool) -> String? {
                deadLetters.first(where: matches)?.metadata[MetadataKey.reasonPoisoned]
            }
            let noUUID = try #require(deadLetters.first { $0.payload == Data("no uuid".utf8) }, "the raw payload is kept")
            #expect(noUUID.metadata[MetadataKey.reasonPoisoned]?.contains("no _watermill_message_uuid field") == true)
            #expect(reason { $0.metadata[MetadataKey.reasonPoisoned]?.contains("malformed metadata") == true } != nil)
            #expect(reason { $0.uuid == badJSON.uuid }?.contains("not valid InternalOpsReadModelUpdated JSON") == true)
            #expect(reason { $0.uuid == unknownName.uuid }?.contains("named SomethingElse_v1") == true)
            #expect(deadLetters.allSatisfy { $0.metadata[MetadataKey.handlerPoisoned] == RecordingTypedHandler.name })
            #expect(log.calls.map(\.uuid) == [good.uuid], "the handler saw only the good message, once")
            try await fixture.client.del([topic])
        }
    }

    /// A pending entry whose message was deleted from the stream is cleared, not handled and not
    /// looped on: after a restart, and while its retry waits.
    @Test func pendingEntriesOfDeletedMessagesAreCleared() async throws {
        try await BusFixture.with { fixture in
            let group = fixture.group(of: "forgetful")
            let envelopes = BusFixture.envelopes(2)
            let ids = try await fixture.publish(envelopes)
            let log = DeliveryLog()
            let stuck = RunningConsumer(
                ScriptedHandler(name: "forgetful", topic: fixture.topic, log: log) { _, _ in try await Task.sleep(for: .seconds(3600)) },
                name: "alice", fixture: fixture, configuration: RunningConsumer.configuration(claimIdle: .seconds(60)))
            try await eventually("both in hand") { log.calls.count == 2 }
            await stuck.crash()
            try await fixture.client.xdel(fixture.topic, ids: [ids[0]])

            let deletesDuringRetry = ScriptedHandler(name: "forgetful", topic: fixture.topic, log: log) { envelope, _ in
                try await fixture.client.xdel(fixture.topic, ids: [ids[1]])
                throw ScriptedFailure(description: "deleted while failing")
            }
            let restarted = RunningConsumer(
                deletesDuringRetry, name: "alice", fixture: fixture, configuration: RunningConsumer.configuration(claimIdle: .seconds(60)))
            try await eventually("nothing pending") { try await fixture.pendingCount(group: group) == 0 }
            try await restarted.shutDown()

            #expect(log.attempts(of: envelopes[0].uuid) == [1], "never handled again")
            #expect(log.attempts(of: envelopes[1].uuid) == [1, 2], "not retried once deleted")
            #expect(try await fixture.deadLetters().isEmpty)
        }
    }
}

/// A typed handler of an internal event, so its topic belongs to the test's own topology.
private struct RecordingTypedHandler: TypedMessageHandler {
    static let name = "typed-recorder"
    let log: DeliveryLog

    func handle(_ message: InternalOpsReadModelUpdated, context: MessageContext) async throws {
        log.started(Envelope(uuid: context.messageUUID, payload: Data()), attempt: context.attempt, consumer: "alice")
        log.handled(context.messageUUID)
    }
}
