import Foundation
import Message
import TestSupport
import Testing

/// Envelopes as stream entries, field for field as watermill-redisstream's
/// `DefaultMarshallerUnmarshaller` (`pkg/redisstream/marshaller.go`) writes them:
/// `_watermill_message_uuid` = UUID, `payload` = bytes, `metadata` = msgpack of the metadata map,
/// or an empty field when the map is empty (`if len(msg.Metadata) > 0`).
@Suite struct WatermillStreamMarshalerTests {
    static let uuid = "9d3c2b1a-0f9e-4d8c-b7a6-958473625140"
    static let payload = Data(#"{"header":{},"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#.utf8)

    @Test func writesTheThreeWatermillFieldsInOrder() {
        let envelope = Envelope(uuid: Self.uuid, metadata: ["name": "RefundTicket", "correlation_id": "c-1"], payload: Self.payload)
        // metadata: 82 · ae "correlation_id" · a3 "c-1" · a4 "name" · ac "RefundTicket"
        let metadata = hex("82 ae 636f7272656c6174696f6e5f6964 a3 632d31 a4 6e616d65 ac 526566756e645469636b6574")
        #expect(
            WatermillStreamMarshaler.fields(of: envelope) == [
                StreamField(name: "_watermill_message_uuid", value: Data(Self.uuid.utf8)),
                StreamField(name: "payload", value: Self.payload),
                StreamField(name: "metadata", value: metadata),
            ])
    }

    @Test func emptyMetadataIsAnEmptyField() {
        let fields = WatermillStreamMarshaler.fields(of: Envelope(uuid: Self.uuid, metadata: [:], payload: Self.payload))
        #expect(fields.last == StreamField(name: "metadata", value: Data()))
    }

    @Test func readsFieldsInAnyOrderIgnoringOthers() throws {
        let envelope = Envelope(uuid: Self.uuid, metadata: ["name": "RefundTicket", "traceparent": "00-abc-def-01"], payload: Self.payload)
        let fields = [StreamField(name: "origin", value: Data("go".utf8))] + WatermillStreamMarshaler.fields(of: envelope).reversed()
        #expect(try WatermillStreamMarshaler.envelope(from: fields) == envelope)
    }

    @Test func missingOrEmptyMetadataIsNoMetadata() throws {
        let bare = [StreamField(name: "_watermill_message_uuid", value: Data(Self.uuid.utf8)), StreamField(name: "payload", value: Data())]
        #expect(try WatermillStreamMarshaler.envelope(from: bare) == Envelope(uuid: Self.uuid, metadata: [:], payload: Data()))
        let empty = bare + [StreamField(name: "metadata", value: Data())]
        #expect(try WatermillStreamMarshaler.envelope(from: empty).metadata == [:])
    }

    @Test func repeatedFieldKeepsItsLastValue() throws {
        let fields = [
            StreamField(name: "_watermill_message_uuid", value: Data("first".utf8)),
            StreamField(name: "payload", value: Self.payload),
            StreamField(name: "_watermill_message_uuid", value: Data("second".utf8)),
        ]
        #expect(try WatermillStreamMarshaler.envelope(from: fields).uuid == "second")
    }

    @Test(arguments: [
        (
            [StreamField(name: "payload", value: Data("{}".utf8)), StreamField(name: "metadata", value: Data())],
            StreamEntryError(.missingUUID, messageUUID: nil, fieldNames: ["payload", "metadata"]),
            "stream entry: no _watermill_message_uuid field (fields: payload, metadata)"
        ),
        (
            [StreamField(name: "_watermill_message_uuid", value: Data()), StreamField(name: "payload", value: Data("{}".utf8))],
            StreamEntryError(.emptyUUID, messageUUID: nil, fieldNames: ["_watermill_message_uuid", "payload"]),
            "stream entry: empty _watermill_message_uuid (fields: _watermill_message_uuid, payload)"
        ),
        (
            [StreamField(name: "_watermill_message_uuid", value: Data([0xff, 0xfe])), StreamField(name: "payload", value: Data("{}".utf8))],
            StreamEntryError(.uuidNotUTF8, messageUUID: nil, fieldNames: ["_watermill_message_uuid", "payload"]),
            "stream entry: _watermill_message_uuid is not UTF-8 (fields: _watermill_message_uuid, payload)"
        ),
        (
            [StreamField(name: "_watermill_message_uuid", value: Data("m-1".utf8)), StreamField(name: "metadata", value: Data())],
            StreamEntryError(.missingPayload, messageUUID: "m-1", fieldNames: ["_watermill_message_uuid", "metadata"]),
            "stream entry of message m-1: no payload field (fields: _watermill_message_uuid, metadata)"
        ),
        (
            [
                StreamField(name: "_watermill_message_uuid", value: Data("m-2".utf8)), StreamField(name: "payload", value: Data()),
                StreamField(name: "metadata", value: hex("81 a1 61 01")),
            ],
            StreamEntryError(
                .malformedMetadata(MessagePackError(.unsupportedFormat(0x01, expected: .value), at: 3)), messageUUID: "m-2",
                fieldNames: ["_watermill_message_uuid", "payload", "metadata"]),
            "stream entry of message m-2: malformed metadata: msgpack metadata: expected a string value but found positive fixint (0x01) at offset 3 (fields: _watermill_message_uuid, payload, metadata)"
        ),
    ])
    func refusesEntriesThatAreNotWatermillMessages(fields: [StreamField], expected: StreamEntryError, description: String) {
        #expect(throws: expected) { try WatermillStreamMarshaler.envelope(from: fields) }
        #expect(expected.description == description)
    }

    /// Property: any envelope survives fields and back.
    @Test func randomEnvelopesRoundTrip() throws {
        var random = SeededRandom(seed: 0x5EED_0002)
        for _ in 0..<500 {
            let metadata = Dictionary(
                (0..<Int.random(in: 0...20, using: &random)).map { ("key-\($0)-\(random.next() % 1000)", String(random.next(), radix: 36)) },
                uniquingKeysWith: { first, _ in first })
            let payload = Data((0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            let envelope = Envelope(uuid: UUID().uuidString.lowercased(), metadata: metadata, payload: payload)
            #expect(try WatermillStreamMarshaler.envelope(from: WatermillStreamMarshaler.fields(of: envelope)) == envelope)
        }
    }
}
