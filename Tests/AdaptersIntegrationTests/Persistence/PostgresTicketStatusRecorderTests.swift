import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres ticket status recorder")
struct PostgresTicketStatusRecorderTests {
    @Test("each change is recorded with its event on the public topics")
    func changesAreRecordedWithTheirEvents() async throws {
        try await PersistenceTestContext.run { context in
            let confirmed = PersistenceSamples.statusChange(PersistenceSamples.ticket(), .confirmed, requestKey: "request-1")
            let canceled = PersistenceSamples.statusChange(PersistenceSamples.ticket(), .canceled, requestKey: "request-1")
            try await Self.recorder(context).record([confirmed, canceled])

            let rows = try await context.postgres.query(
                "SELECT idempotency_key, ticket_id, status, booking_id, customer_email FROM ticket_status_changes ORDER BY status DESC")
            #expect(try rows.map { try $0.decode(String.self, column: "idempotency_key") } == [confirmed.idempotencyKey, canceled.idempotencyKey])
            #expect(try rows.map { try $0.decode(UUID.self, column: "ticket_id") } == [confirmed.ticket.ticketID, canceled.ticket.ticketID])
            #expect(try rows.map { try $0.decode(String.self, column: "status") } == ["confirmed", "canceled"])
            #expect(try rows.map { try $0.decode(UUID.self, column: "booking_id") } == [confirmed.ticket.bookingID, canceled.ticket.bookingID])

            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["events", "events.TicketBookingConfirmed_v1", "events", "events.TicketBookingCanceled_v1"])
            #expect(try BusMessageMarshaler.unmarshal(outbox[1].envelope, as: TicketBookingConfirmed_v1.self)
                == (confirmed.event as? TicketBookingConfirmed_v1))
            #expect(try BusMessageMarshaler.unmarshal(outbox[3].envelope, as: TicketBookingCanceled_v1.self)
                == (canceled.event as? TicketBookingCanceled_v1))
        }
    }

    @Test("the same idempotency key twice records one change and publishes one event")
    func sameKeyIsRecordedOnce() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            let first = PersistenceSamples.statusChange(ticket, .confirmed, requestKey: "request-1")
            // A resent request makes a new event, with a new header id, under the same key.
            let resent = PersistenceSamples.statusChange(ticket, .confirmed, requestKey: "request-1")
            try await Self.recorder(context).record([first])
            try await Self.recorder(context).record([resent])

            #expect(try await context.rowCount(of: .ticketStatusChanges) == 1)
            let outbox = try await context.outbox()
            #expect(outbox.count == 2)
            #expect(try outbox.allSatisfy {
                try BusMessageMarshaler.unmarshal($0.envelope, as: TicketBookingConfirmed_v1.self) == (first.event as? TicketBookingConfirmed_v1)
            })
        }
    }

    @Test("another idempotency key for the same ticket is a new change with a new event")
    func anotherKeyIsANewChange() async throws {
        try await PersistenceTestContext.run { context in
            let ticket = PersistenceSamples.ticket()
            try await Self.recorder(context).record([PersistenceSamples.statusChange(ticket, .confirmed, requestKey: "request-1")])
            try await Self.recorder(context).record([PersistenceSamples.statusChange(ticket, .confirmed, requestKey: "request-2")])

            #expect(try await context.rowCount(of: .ticketStatusChanges) == 2)
            let outbox = try await context.outbox()
            #expect(outbox.count == 4)
            #expect(Set(outbox.map(\.envelope.uuid)).count == 2)
        }
    }

    @Test("prices are stored as numeric(10,2)")
    func pricesAreStoredWithTwoDecimals() async throws {
        try await PersistenceTestContext.run { context in
            let whole = PersistenceSamples.statusChange(PersistenceSamples.ticket(amount: "100"), .confirmed, requestKey: "r")
            let half = PersistenceSamples.statusChange(PersistenceSamples.ticket(amount: "12.5", currency: "PLN"), .confirmed, requestKey: "r")
            try await Self.recorder(context).record([whole, half])

            let rows = try await context.postgres.query("""
                SELECT ticket_id, price_amount, price_currency, format_type(atttypid, atttypmod) AS amount_type
                FROM ticket_status_changes, pg_attribute
                WHERE attrelid = 'ticket_status_changes'::regclass AND attname = 'price_amount'
                """)
            let prices = try Dictionary(uniqueKeysWithValues: rows.map {
                (try $0.decode(UUID.self, column: "ticket_id"), try Money(
                    amount: $0.decode(column: "price_amount"), currency: $0.decode(column: "price_currency")))
            })
            #expect(prices == [
                whole.ticket.ticketID: Money(amount: "100.00", currency: "EUR"),
                half.ticket.ticketID: Money(amount: "12.50", currency: "PLN"),
            ])
            #expect(try rows.map { try $0.decode(String.self, column: "amount_type") } == ["numeric(10,2)", "numeric(10,2)"])
        }
    }

    @Test("changes of one call are one transaction: one failing change leaves none recorded nor published")
    func failingChangeLeavesNone() async throws {
        try await PersistenceTestContext.run { context in
            let valid = PersistenceSamples.statusChange(PersistenceSamples.ticket(), .confirmed, requestKey: "request-1")
            let invalid = PersistenceSamples.statusChange(PersistenceSamples.ticket(amount: "ten"), .confirmed, requestKey: "request-1")

            let error = await #expect(throws: PostgresError.self) {
                try await Self.recorder(context).record([valid, invalid])
            }
            let written = try await context.rowCounts(of: [.ticketStatusChanges, .outbox])
            #expect(error?.sqlState == "22P02")
            #expect(written == [.ticketStatusChanges: 0, .outbox: 0])
        }
    }

    private static func recorder(_ context: PersistenceTestContext) -> PostgresTicketStatusRecorder {
        PostgresTicketStatusRecorder(client: context.postgres, bus: context.bus)
    }
}
