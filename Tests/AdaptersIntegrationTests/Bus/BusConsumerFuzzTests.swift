import Adapters
import Entities
import Foundation
import Message
import TestSupport
import Testing

/// Malformed entries of every kind on a handler's topic (random bytes, truncated msgpack,
/// missing fields, huge fields, unknown names, payloads that are not the event's JSON): each one
/// ends as exactly one dead letter, the handler never sees any, and the consumer stays alive and
/// handles the valid message sent after them.
@Suite struct BusConsumerFuzzTests {
    typealias Fields = [(name: String, value: Data)]

    private static let uuidField = WatermillStreamMarshaler.uuidField
    private static let payloadField = WatermillStreamMarshaler.payloadField
    private static let metadataField = WatermillStreamMarshaler.metadataField

    /// The malformed entries, made from a seeded generator so that a failure can be repeated.
    static func malformedEntries(from good: Envelope, random: inout SeededRandom) -> [Fields] {
        func bytes(_ count: Int) -> Data { Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }) }
        func uuid() -> Data { Data(UUID().uuidString.lowercased().utf8) }
        let metadata = MessagePackMetadata.encode(good.metadata)
        var entries: [Fields] = []

        // Random bytes in every field.
        for _ in 0..<20 {
            entries.append([(uuidField, bytes(Int.random(in: 0...40, using: &random))), (payloadField, bytes(Int.random(in: 0...200, using: &random))), (metadataField, bytes(Int.random(in: 1...60, using: &random)))])
        }
        // A UUID that is not UTF-8, and an empty one, on an otherwise valid message.
        entries.append([(uuidField, Data([0xff, 0xfe, 0x00, 0xc3])), (payloadField, good.payload), (metadataField, metadata)])
        entries.append([(uuidField, Data()), (payloadField, good.payload), (metadataField, metadata)])
        // The metadata cut short at every length.
        for length in 1..<metadata.count {
            entries.append([(uuidField, uuid()), (payloadField, good.payload), (metadataField, metadata.prefix(length))])
        }
        // Random bytes as metadata of an otherwise valid message.
        for _ in 0..<10 {
            entries.append([(uuidField, uuid()), (payloadField, good.payload), (metadataField, Data([0x81]) + bytes(Int.random(in: 1...30, using: &random)))])
        }
        // Fields missing.
        entries.append([(payloadField, good.payload), (metadataField, metadata)])
        entries.append([(uuidField, uuid()), (metadataField, metadata)])
        entries.append([(uuidField, uuid()), (payloadField, good.payload)])
        entries.append([("something", Data("else".utf8))])
        // Huge fields.
        entries.append([(uuidField, Data(repeating: 0x61, count: 100_000)), (payloadField, bytes(1 << 20)), (metadataField, metadata)])
        entries.append([(uuidField, uuid()), (payloadField, Data("{\"header\":".utf8) + Data(repeating: 0x5b, count: 1 << 20)), (metadataField, metadata)])
        entries.append([(uuidField, uuid()), (payloadField, good.payload), (metadataField, MessagePackMetadata.encode([MetadataKey.name: String(repeating: "N", count: 200_000)]))])
        // Unknown and absent names.
        for name in ["SomethingElse_v1", "", "InternalOpsReadModelUpdated_v2", "internalopsreadmodelupdated"] {
            entries.append([(uuidField, uuid()), (payloadField, good.payload), (metadataField, MessagePackMetadata.encode([MetadataKey.name: name]))])
        }
        entries.append([(uuidField, uuid()), (payloadField, good.payload), (metadataField, Data())])
        // Payloads that are not the event's JSON.
        for payload in ["", "{", "null", "[]", "42", "\"text\"", #"{"header":{}}"#, #"{"header":42,"booking_id":"x"}"#, #"{"booking_id":"not-a-uuid"}"#] {
            entries.append([(uuidField, uuid()), (payloadField, Data(payload.utf8)), (metadataField, metadata)])
        }
        entries.append([(uuidField, uuid()), (payloadField, bytes(64)), (metadataField, metadata)])
        return entries
    }

    @Test func everyMalformedEntryBecomesOneDeadLetterAndTheConsumerGoesOn() async throws {
        try await BusFixture.with { fixture in
            let log = DeliveryLog()
            let handler = FuzzedHandler(log: log).reading(fixture.topology)
            let topic = handler.topic
            let good = try BusMessageMarshaler.marshal(InternalOpsReadModelUpdated(header: .new(idempotencyKey: "key"), bookingID: UUID()))
            var random = SeededRandom(seed: 0x7E57_F022)
            let malformed = Self.malformedEntries(from: good, random: &random)

            let consumer = RunningConsumer(handler, name: "fuzz", fixture: fixture)
            for fields in malformed {
                try await fixture.client.xadd(topic, fields: fields)
            }
            try await fixture.publish([good], to: topic)

            try await eventually("the valid message sent after them is handled") { log.hasHandled(all: [good.uuid]) }
            try await eventually("one dead letter per malformed entry") { try await fixture.client.xlen(fixture.deadLetterTopic) == malformed.count }
            try await eventually("nothing pending") { try await fixture.pendingCount(group: fixture.group(of: FuzzedHandler.name), topic: topic) == 0 }
            // Still alive: a second valid message is handled too.
            var second = good
            second.uuid = UUID().uuidString.lowercased()
            try await fixture.publish([second], to: topic)
            try await eventually("a later valid message is handled") { log.hasHandled(all: [second.uuid]) }
            try await consumer.shutDown()

            #expect(log.calls.map(\.uuid).sorted() == [good.uuid, second.uuid].sorted(), "the handler saw only the valid messages, once each")
            let deadLetters = try await fixture.deadLetters()
            #expect(deadLetters.count == malformed.count)
            #expect(deadLetters.allSatisfy { $0.metadata[MetadataKey.reasonPoisoned]?.isEmpty == false })
            #expect(deadLetters.allSatisfy { $0.metadata[MetadataKey.topicPoisoned] == topic })
            #expect(deadLetters.allSatisfy { $0.metadata[MetadataKey.handlerPoisoned] == FuzzedHandler.name })
            try await fixture.client.del([topic])
        }
    }
}

private struct FuzzedHandler: TypedMessageHandler {
    static let name = "fuzzed"
    let log: DeliveryLog

    func handle(_ message: InternalOpsReadModelUpdated, context: MessageContext) async throws {
        log.started(Envelope(uuid: context.messageUUID, payload: Data()), attempt: context.attempt, consumer: "fuzz")
        log.handled(context.messageUUID)
    }
}
