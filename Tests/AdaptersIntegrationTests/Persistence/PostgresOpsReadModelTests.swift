import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres ops read model: applying changes")
struct PostgresOpsReadModelTests {
    typealias Events = OpsReadModelEvents

    @Test("a booking makes a document with booked_at and no tickets, announced in the outbox")
    func bookingMakesADocument() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let delivery = try OpsReadModelDelivery(Events.booked(bookingID, at: 0))
            try await delivery.apply(to: readModel)

            #expect(try await readModel.booking(id: bookingID)
                == OpsBooking(bookingID: bookingID, bookedAt: Events.at(0), lastUpdate: Events.at(0), tickets: [:]))
            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["internal-events.svc-tickets.InternalOpsReadModelUpdated"])
            let updated = try BusMessageMarshaler.unmarshal(try #require(outbox.first).envelope, as: InternalOpsReadModelUpdated.self)
            #expect(updated.bookingID == bookingID)
            #expect(updated.header.idempotencyKey == delivery.idempotencyKey)
        }
    }

    @Test("a confirmation before its booking makes a document without booked_at; the booking fills it in")
    func confirmationBeforeBooking() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let ticketID = UUID()
            try await OpsReadModelDelivery(Events.confirmed(ticketID, of: bookingID, at: 5)).apply(to: readModel)
            let confirmedTicket = OpsTicket(priceAmount: "100.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: Events.at(5))
            #expect(try await readModel.booking(id: bookingID)
                == OpsBooking(bookingID: bookingID, bookedAt: nil, lastUpdate: Events.at(5), tickets: [ticketID: confirmedTicket]))

            try await OpsReadModelDelivery(Events.booked(bookingID, at: 1)).apply(to: readModel)
            #expect(try await readModel.booking(id: bookingID)
                == OpsBooking(bookingID: bookingID, bookedAt: Events.at(1), lastUpdate: Events.at(5), tickets: [ticketID: confirmedTicket]))
            #expect(try await context.rowCount(of: .outbox) == 2)
        }
    }

    @Test("receipt, print and refund of a ticket whose booking is unknown wait for its confirmation")
    func ticketEventsWaitForTheConfirmation() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let ticketID = UUID()
            for delivery in try [
                OpsReadModelDelivery(Events.refunded(ticketID, at: 30)),
                OpsReadModelDelivery(Events.printed(ticketID, at: 20)),
                OpsReadModelDelivery(Events.receipt(ticketID, number: "R-1", issuedAt: 10, publishedAt: 11)),
            ] {
                try await delivery.apply(to: readModel)
            }
            #expect(try await readModel.booking(id: bookingID) == nil)
            #expect(try await context.rowCount(of: .readModelOpsBookings) == 0)
            #expect(try await context.rowCount(of: .outbox) == 0)

            try await OpsReadModelDelivery(Events.confirmed(ticketID, of: bookingID, at: 1)).apply(to: readModel)
            let ticket = OpsTicket(
                priceAmount: "100.00", priceCurrency: "EUR", customerEmail: "ana@example.com", confirmedAt: Events.at(1),
                refundedAt: Events.at(30), printedAt: Events.at(20), printedFileName: "\(ticketID.uuidString.lowercased())-ticket.html",
                receiptIssuedAt: Events.at(10), receiptNumber: "R-1")
            #expect(try await readModel.booking(id: bookingID)
                == OpsBooking(bookingID: bookingID, bookedAt: nil, lastUpdate: Events.at(30), tickets: [ticketID: ticket]))
            #expect(try await context.rowCount(of: .outbox) == 1)
        }
    }

    @Test("a ticket event after the confirmation updates the booking's document at once")
    func ticketEventAfterConfirmationUpdatesTheDocument() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let ticketID = UUID()
            try await OpsReadModelDelivery(Events.confirmed(ticketID, of: bookingID, at: 1)).apply(to: readModel)
            try await OpsReadModelDelivery(Events.printed(ticketID, at: 20)).apply(to: readModel)

            let ticket = try #require(try await readModel.booking(id: bookingID)?.tickets[ticketID])
            #expect(ticket.printedAt == Events.at(20))
            #expect(ticket.printedFileName == "\(ticketID.uuidString.lowercased())-ticket.html")
            #expect(try await context.rowCount(of: .outbox) == 2)
        }
    }

    @Test("the stored document is exactly the contract's JSON")
    func documentJSONIsTheContracts() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = try #require(UUID(uuidString: "0B7C4F3E-2D1A-4C5B-9E8F-7A6B5C4D3E2F"))
            let done = try #require(UUID(uuidString: "A1B2C3D4-E5F6-4A7B-8C9D-000000000001"))
            let fresh = try #require(UUID(uuidString: "A1B2C3D4-E5F6-4A7B-8C9D-000000000002"))
            for delivery in try [
                OpsReadModelDelivery(Events.booked(bookingID, at: 0)),
                OpsReadModelDelivery(Events.confirmed(done, of: bookingID, at: 1.5)),
                OpsReadModelDelivery(Events.receipt(done, number: "R-1", issuedAt: 2.25, publishedAt: 3)),
                OpsReadModelDelivery(Events.printed(done, at: 4)),
                OpsReadModelDelivery(Events.refunded(done, at: 5)),
                OpsReadModelDelivery(Events.confirmed(fresh, of: bookingID, at: 2, amount: "50.00", email: "bo@example.com")),
            ] {
                try await delivery.apply(to: readModel)
            }

            let stored = try await context.postgres.query(
                "SELECT payload FROM read_model_ops_bookings WHERE booking_id = $1", [bookingID])[0].decode(Data.self, column: "payload")
            let expected = """
                {"booking_id": "0b7c4f3e-2d1a-4c5b-9e8f-7a6b5c4d3e2f", "booked_at": "2024-05-01T10:00:00Z",
                 "last_update": "2024-05-01T10:00:05Z",
                 "tickets": {
                   "a1b2c3d4-e5f6-4a7b-8c9d-000000000001": {
                     "price_amount": "100.00", "price_currency": "EUR", "customer_email": "ana@example.com",
                     "confirmed_at": "2024-05-01T10:00:01.5Z", "refunded_at": "2024-05-01T10:00:05Z",
                     "printed_at": "2024-05-01T10:00:04Z",
                     "printed_file_name": "a1b2c3d4-e5f6-4a7b-8c9d-000000000001-ticket.html",
                     "receipt_issued_at": "2024-05-01T10:00:02.25Z", "receipt_number": "R-1"},
                   "a1b2c3d4-e5f6-4a7b-8c9d-000000000002": {
                     "price_amount": "50.00", "price_currency": "EUR", "customer_email": "bo@example.com",
                     "confirmed_at": "2024-05-01T10:00:02Z", "refunded_at": null, "printed_at": null,
                     "printed_file_name": null, "receipt_issued_at": null, "receipt_number": null}}}
                """
            #expect(try JSONDocument.content(of: stored) == JSONDocument.content(of: Data(expected.utf8)))
        }
    }

    @Test("a change under a key already applied is skipped")
    func sameKeyAppliesOnce() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let first = try OpsReadModelDelivery(Events.booked(bookingID, at: 0))
            try await first.apply(to: readModel)
            var redelivered = try OpsReadModelDelivery(Events.confirmed(UUID(), of: bookingID, at: 1))
            redelivered.key = first.key
            try await redelivered.apply(to: readModel)
            try await first.apply(to: readModel)

            #expect(try await readModel.booking(id: bookingID)
                == OpsBooking(bookingID: bookingID, bookedAt: Events.at(0), lastUpdate: Events.at(0), tickets: [:]))
            #expect(try await context.rowCount(of: .outbox) == 1)
            #expect(try await context.rowCount(of: .processedMessages) == 1)
        }
    }

    @Test("when the outbox write fails, neither the document nor the key is kept")
    func failedOutboxWriteKeepsNothing() async throws {
        try await PersistenceTestContext.run { context in
            let readModel = Self.readModel(context)
            let bookingID = UUID()
            let delivery = try OpsReadModelDelivery(Events.booked(bookingID, at: 0))
            try await context.postgres.execute("ALTER TABLE outbox RENAME TO outbox_away")
            let error = await #expect(throws: PostgresError.self) { try await delivery.apply(to: readModel) }
            #expect(error?.sqlState == "42P01")
            #expect(try await readModel.booking(id: bookingID) == nil)
            #expect(try await context.rowCount(of: .processedMessages) == 0)

            try await context.postgres.execute("ALTER TABLE outbox_away RENAME TO outbox")
            try await delivery.apply(to: readModel)
            #expect(try await readModel.booking(id: bookingID)?.bookedAt == Events.at(0))
        }
    }

    @Test("an unknown booking reads as nil")
    func unknownBookingIsNil() async throws {
        try await PersistenceTestContext.run { context in
            let booking = try await Self.readModel(context).booking(id: UUID())
            #expect(booking == nil)
        }
    }

    static func readModel(_ context: PersistenceTestContext) -> PostgresOpsReadModel {
        PostgresOpsReadModel(client: context.postgres, bus: context.bus)
    }
}
