import Entities
import Foundation
import Testing

/// The `OpsBooking` document on the wire (CONTRACT.md §5): every ticket key present, `null` for a
/// time not reached yet, lowercase UUIDs, RFC 3339 times.
@Suite struct OpsBookingJSONTests {
    static let ticketID = OpsEvents.ticketID(1)

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static let booking = OpsBooking(
        bookingID: OpsEvents.bookingA, bookedAt: OpsEvents.at(0), lastUpdate: OpsEvents.at(3),
        tickets: [ticketID: OpsTicket(priceAmount: "10.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: OpsEvents.at(1), receiptIssuedAt: OpsEvents.at(2), receiptNumber: "R-1")]
    )

    static let bookingJSON = """
        {"booked_at":"2024-05-01T10:00:00Z","booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","last_update":"2024-05-01T10:00:03Z",\
        "tickets":{"a1b2c3d4-e5f6-4a7b-8c9d-000000000001":{"confirmed_at":"2024-05-01T10:00:01Z","customer_email":"ana@example.com",\
        "price_amount":"10.00","price_currency":"EUR","printed_at":null,"printed_file_name":null,"receipt_issued_at":"2024-05-01T10:00:02Z",\
        "receipt_number":"R-1","refunded_at":null}}}
        """

    @Test func writesEveryKeyWithNullsAndLowercaseUUIDs() throws {
        let json = try Self.encoder().encode(Self.booking)
        #expect(String(decoding: json, as: UTF8.self) == Self.bookingJSON)
    }

    @Test func writesANullBookedAtBeforeTheBookingIsKnown() throws {
        var booking = Self.booking
        booking.bookedAt = nil
        booking.tickets = [:]
        let json = String(decoding: try Self.encoder().encode(booking), as: UTF8.self)
        #expect(json == #"{"booked_at":null,"booking_id":"0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f","last_update":"2024-05-01T10:00:03Z","tickets":{}}"#)
        #expect(try Self.decoder().decode(OpsBooking.self, from: Data(json.utf8)) == booking)
    }

    @Test func readsBackWhatItWrote() throws {
        let decoded = try Self.decoder().decode(OpsBooking.self, from: Data(Self.bookingJSON.utf8))
        #expect(decoded == Self.booking)
    }

    @Test func readsUppercaseIDs() throws {
        let json = Self.bookingJSON.replacingOccurrences(of: "a1b2c3d4-e5f6-4a7b-8c9d-000000000001", with: "A1B2C3D4-E5F6-4A7B-8C9D-000000000001")
            .replacingOccurrences(of: "0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f", with: "0B7C4F3E-2D1A-4C5B-9E8F-7A6B5C4D3E2F")
        #expect(try Self.decoder().decode(OpsBooking.self, from: Data(json.utf8)) == Self.booking)
    }

    @Test func rejectsATicketKeyThatIsNotAUUID() {
        let json = Self.bookingJSON.replacingOccurrences(of: "a1b2c3d4-e5f6-4a7b-8c9d-000000000001", with: "ticket-1")
        #expect(throws: DecodingError.self) { try Self.decoder().decode(OpsBooking.self, from: Data(json.utf8)) }
    }

    @Test func rejectsABookingIDThatIsNotAUUID() {
        let json = Self.bookingJSON.replacingOccurrences(of: "0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f", with: "booking-1")
        #expect(throws: DecodingError.self) { try Self.decoder().decode(OpsBooking.self, from: Data(json.utf8)) }
    }
}
