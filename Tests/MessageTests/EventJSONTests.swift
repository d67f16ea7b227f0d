import Entities
import Foundation
import Message
import Testing

/// The exact JSON of every message of the catalogue (CONTRACT.md §3: snake_case field names,
/// lowercase UUIDs, `price {amount, currency}`, RFC 3339 times), and reading JSON the way Go's
/// `encoding/json` writes it for the same structs (declaration order, `time.RFC3339Nano`, HTML
/// characters escaped as `\u0026`).
@Suite struct EventJSONTests {
    @Test(arguments: Samples.goldens)
    func writesTheGoldenJSON(golden: Samples.Golden) throws {
        #expect(String(decoding: try MessageJSON.encode(golden.message), as: UTF8.self) == golden.json)
    }

    @Test(arguments: Samples.goldens)
    func readsTheGoldenJSONBack(golden: Samples.Golden) throws {
        let decoded = try Self.decode(sameTypeAs: golden.message, from: Data(golden.json.utf8))
        #expect(String(decoding: try MessageJSON.encode(decoded), as: UTF8.self) == golden.json)
        #expect(decoded.header == Samples.header)
    }

    private static func decode<Message: BusMessage>(sameTypeAs _: Message, from json: Data) throws -> Message {
        try MessageJSON.decode(Message.self, from: json)
    }

    @Test func catalogueCoversEveryGolden() {
        #expect(Samples.goldens.map { type(of: $0.message).name } == BusMessageCatalog.all.map { $0.name })
    }

    @Test func readsWhatGoWrites() throws {
        // Go field order, nanoseconds, `&` escaped by Go's HTML-safe encoder, an unknown field.
        let json = #"""
            {"header":{"id":"1F0E2D3C-4B5A-4968-8776-A5B4C3D2E1F0","published_at":"2024-01-02T03:04:05.123456789Z","idempotency_key":"req-7/a1b2"},"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","customer_email":"ana\u0026bo@example.com","price":{"amount":"100.00","currency":"EUR"},"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","added_later":true}
            """#
        let event = try MessageJSON.decode(TicketBookingConfirmed_v1.self, from: Data(json.utf8))
        #expect(event.header.id == Samples.headerID)
        #expect(abs(event.header.publishedAt.timeIntervalSince1970 - 1_704_164_645.123456789) < 1e-6)
        #expect(event.header.idempotencyKey == "req-7/a1b2")
        #expect(event.ticketID == Samples.ticketID)
        #expect(event.customerEmail == "ana&bo@example.com")
        #expect(event.price == Samples.price)
        #expect(event.bookingID == Samples.bookingID)
    }

    @Test(arguments: ["2024-01-02T03:04:05Z", "2024-01-02T05:04:05+02:00", "2024-01-01T22:04:05.000-05:00"])
    func readsTimesWithOrWithoutFractionAndOffsets(publishedAt: String) throws {
        let json = #"{"header":{"id":"1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0","published_at":"\#(publishedAt)","idempotency_key":"k"},"ticket_id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"#
        let command = try MessageJSON.decode(RefundTicket.self, from: Data(json.utf8))
        #expect(command.header.publishedAt == Date(timeIntervalSince1970: 1_704_164_645))
    }

    @Test func writesTimesInUTC() throws {
        let header = EventHeader(id: Samples.headerID, publishedAt: try #require(RFC3339.date(from: "2024-01-02T05:04:05.5+02:00")), idempotencyKey: "k")
        let json = String(decoding: try MessageJSON.encode(header), as: UTF8.self)
        #expect(json.contains(#""published_at":"2024-01-02T03:04:05.5Z""#))
    }

    @Test func newHeaderHasAFreshIDTheKeyAndNowAsTime() {
        let before = Date()
        let first = EventHeader.new(idempotencyKey: "cause-1")
        let second = EventHeader.new(idempotencyKey: "cause-1")
        let after = Date()
        #expect(first.idempotencyKey == "cause-1")
        #expect(first.id != second.id)
        #expect((before...after).contains(first.publishedAt))
    }

    @Test func readsUUIDsInEitherCaseAndRejectsOthers() throws {
        let upper = try MessageJSON.decode(LowercaseUUID.self, from: Data(#""A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D""#.utf8))
        #expect(upper.wrappedValue == Samples.ticketID)
        #expect(throws: DecodingError.self) { try MessageJSON.decode(LowercaseUUID.self, from: Data(#""a1b2c3d4""#.utf8)) }
    }

    @Test func writesSlashesUnescaped() throws {
        let json = String(decoding: try MessageJSON.encode(Samples.header), as: UTF8.self)
        #expect(json == Samples.headerJSON)
    }
}
