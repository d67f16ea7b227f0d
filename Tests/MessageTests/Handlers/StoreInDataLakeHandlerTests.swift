import Entities
import Foundation
import Message
import Testing

/// Every public event of the firehose stored once by its header id; anything else is unprocessable.
@Suite struct StoreInDataLakeHandlerTests {
    let dataLake = InMemoryDataLake()
    var handler: StoreInDataLakeHandler { StoreInDataLakeHandler(dataLake: dataLake) }

    @Test func readsTheFirehose() {
        #expect(handler.topic == "events")
        #expect(handler.name == "StoreInDataLake")
    }

    @Test func storesEachPublicEventWithItsHeader() async throws {
        let publicEvents = Samples.goldens.map(\.message).filter { type(of: $0).kind == .publicEvent }
        #expect(publicEvents.count == 8)
        var envelopes: [Envelope] = []
        for event in publicEvents {
            let envelope = try BusMessageMarshaler.marshal(event)
            envelopes.append(envelope)
            try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))
        }

        // The samples share one header: the lake keeps the first event of that id.
        #expect(dataLake.rows == [InMemoryDataLake.Row(eventID: Samples.headerID, name: "BookingMade_v1", publishedAt: Samples.publishedAt, payload: envelopes[0].payload)])
    }

    @Test func storesTheHeaderIDPublishedAtAndPayloadBytes() async throws {
        let event = TicketPrinted_v1(header: .new(idempotencyKey: "k"), ticketID: Samples.ticketID, fileName: "f.html")
        let envelope = try BusMessageMarshaler.marshal(event)
        try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))
        let row = try #require(dataLake.rows.first)
        #expect(row.eventID == event.header.id)
        #expect(row.name == "TicketPrinted_v1")
        #expect(abs(row.publishedAt.timeIntervalSince(event.header.publishedAt)) < 1e-6)
        #expect(row.payload == envelope.payload)
    }

    @Test(arguments: [
        Envelope(metadata: ["name": "RefundTicket"], payload: Data(Samples.goldens[6].json.utf8)),
        Envelope(metadata: ["name": "InternalOpsReadModelUpdated"], payload: Data(Samples.goldens[7].json.utf8)),
        Envelope(metadata: ["name": "SomethingElse_v1"], payload: Data(Samples.goldens[0].json.utf8)),
        Envelope(metadata: [:], payload: Data(Samples.goldens[0].json.utf8)),
        Envelope(metadata: ["name": "BookingMade_v1"], payload: Data(#"{"booking_id":"x"}"#.utf8)),
        Envelope(metadata: ["name": "BookingMade_v1"], payload: Data("not json".utf8)),
    ])
    func rejectsWhatIsNotAReadablePublicEvent(envelope: Envelope) async throws {
        await #expect(throws: UnprocessableMessage.self) {
            try await handler.handle(envelope, context: .delivery(to: handler.name, messageUUID: envelope.uuid))
        }
        #expect(dataLake.rows.isEmpty)
    }
}
