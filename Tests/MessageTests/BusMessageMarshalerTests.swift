import Entities
import Foundation
import Message
import Testing

/// Bus messages in and out of envelopes, as Watermill's CQRS `JSONMarshaler`
/// (watermill `components/cqrs/marshaler_json.go`) does: JSON payload, `name` metadata, new UUID.
@Suite struct BusMessageMarshalerTests {
    static let refund = RefundTicket(header: Samples.header, ticketID: Samples.ticketID)

    @Test func envelopeCarriesJSONAndName() throws {
        let envelope = try BusMessageMarshaler.marshal(Self.refund)
        #expect(envelope.metadata == [MetadataKey.name: "RefundTicket"])
        #expect(envelope.name == "RefundTicket")
        #expect(envelope.payload == (try MessageJSON.encode(Self.refund)))
    }

    @Test func everyEnvelopeHasANewLowercaseUUIDOtherThanTheHeaderID() throws {
        let first = try BusMessageMarshaler.marshal(Self.refund)
        let second = try BusMessageMarshaler.marshal(Self.refund)
        #expect(UUID(uuidString: first.uuid) != nil)
        #expect(first.uuid == first.uuid.lowercased())
        #expect(first.uuid != second.uuid)
        #expect(first.uuid != Samples.headerID.uuidString.lowercased())
    }

    @Test func carriesTheTaskCorrelationID() throws {
        let envelope = try Correlation.$id.withValue("corr-42") { try BusMessageMarshaler.marshal(Self.refund) }
        #expect(envelope.metadata == [MetadataKey.name: "RefundTicket", MetadataKey.correlationID: "corr-42"])
        #expect(envelope.correlationID == "corr-42")
    }

    @Test(arguments: Samples.goldens)
    func unmarshalsWhatItMarshaled(golden: Samples.Golden) throws {
        try Self.assertRoundTrip(golden.message)
    }

    private static func assertRoundTrip<Message: BusMessage>(_ message: Message) throws {
        let envelope = try BusMessageMarshaler.marshal(message)
        let decoded = try BusMessageMarshaler.unmarshal(envelope, as: Message.self)
        #expect(try MessageJSON.encode(decoded) == MessageJSON.encode(message))
    }

    @Test func refusesAnotherName() throws {
        var envelope = try BusMessageMarshaler.marshal(Self.refund)
        envelope.metadata[MetadataKey.name] = "TicketRefunded_v1"
        let error = try #require(throws: BusMessageDecodingError.self) {
            try BusMessageMarshaler.unmarshal(envelope, as: RefundTicket.self)
        }
        #expect(error.problem == .nameMismatch(found: "TicketRefunded_v1"))
        #expect(error.messageUUID == envelope.uuid)
        #expect(error.description == "message \(envelope.uuid) is named TicketRefunded_v1, not RefundTicket")
    }

    @Test func refusesAMissingName() throws {
        let envelope = Envelope(uuid: "m-1", metadata: [:], payload: try MessageJSON.encode(Self.refund))
        let error = try #require(throws: BusMessageDecodingError.self) {
            try BusMessageMarshaler.unmarshal(envelope, as: RefundTicket.self)
        }
        #expect(error.problem == .nameMismatch(found: nil))
        #expect(error.description == "message m-1 is unnamed, not RefundTicket")
    }

    @Test(arguments: [
        ("not json", "The given data was not valid JSON"),
        (#"{"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#, "missing key header"),
        (#"{"header":\#(Samples.headerJSON)}"#, "missing key ticket_id"),
        (#"{"header":\#(Samples.headerJSON),"ticket_id":"nope"}"#, "ticket_id: not a UUID: nope"),
        (#"{"header":\#(Samples.headerJSON),"ticket_id":7}"#, "ticket_id: expected String"),
        (#"{"header":\#(Samples.headerJSON),"ticket_id":null}"#, "ticket_id: null where"),
        (
            #"{"header":{"id":"1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0","published_at":"yesterday","idempotency_key":"k"},"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#,
            "header.published_at: not an RFC 3339 time: yesterday"
        ),
    ])
    func refusesPayloadsThatAreNotTheMessage(payload: String, reason: String) throws {
        let envelope = Envelope(uuid: "m-2", metadata: [MetadataKey.name: RefundTicket.name], payload: Data(payload.utf8))
        let error = try #require(throws: BusMessageDecodingError.self) {
            try BusMessageMarshaler.unmarshal(envelope, as: RefundTicket.self)
        }
        guard case .invalidJSON(let described) = error.problem else {
            Issue.record("expected invalid JSON, got \(error)")
            return
        }
        #expect(described.contains(reason), "\(described)")
        #expect(error.description.hasPrefix("message m-2 is not valid RefundTicket JSON: "))
    }

    @Test func refusesATimeItCannotWrite() throws {
        let header = EventHeader(id: Samples.headerID, publishedAt: Date(timeIntervalSince1970: 1e12), idempotencyKey: "k")
        let error = try #require(throws: BusMessageEncodingError.self) {
            try BusMessageMarshaler.marshal(RefundTicket(header: header, ticketID: Samples.ticketID))
        }
        #expect(error.messageName == "RefundTicket")
        #expect(error.description.hasPrefix("cannot encode RefundTicket: header.published_at: "))
        #expect(error.description.contains("year outside 0...9999"))
    }
}
