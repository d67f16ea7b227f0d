import Adapters
import Entities
import Foundation
import Message
import Testing

@Suite("Postgres bookings repository")
struct PostgresBookingsRepositoryTests {
    @Test("a booking is stored with its BookingMade_v1 on both topics under one message uuid")
    func bookingWritesItsRowAndOutboxRows() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 10)
            let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 3)
            try await Correlation.$id.withValue("correlation-booking") {
                try await context.bookings.book(booking, publishing: event)
            }

            let row = try #require(try await context.postgres.query(
                "SELECT show_id, number_of_tickets, customer_email FROM bookings WHERE booking_id = $1", [booking.bookingID]
            ).first)
            #expect(try row.decode(UUID.self, column: "show_id") == show.showID)
            #expect(try row.decode(Int.self, column: "number_of_tickets") == 3)
            #expect(try row.decode(String.self, column: "customer_email") == booking.customerEmail)
            #expect(try await Self.bookedSeats(of: show, in: context) == 3)

            let outbox = try await context.outbox()
            #expect(outbox.map(\.topic) == ["events", "events.BookingMade_v1"])
            let envelope = try #require(outbox.first?.envelope)
            #expect(outbox.allSatisfy { $0.envelope == envelope })
            #expect(envelope.metadata == [MetadataKey.name: "BookingMade_v1", MetadataKey.correlationID: "correlation-booking"])
            #expect(try BusMessageMarshaler.unmarshal(envelope, as: BookingMade_v1.self) == event)
            let json = try #require(try JSONSerialization.jsonObject(with: envelope.payload) as? [String: Any])
            #expect(json["booking_id"] as? String == booking.bookingID.uuidString.lowercased())
            #expect(json["show_id"] as? String == show.showID.uuidString.lowercased())
            #expect(json["number_of_tickets"] as? Int == 3)
            #expect(json["customer_email"] as? String == booking.customerEmail)
        }
    }

    @Test("the last free seats can be booked")
    func lastSeatsCanBeBooked() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 3)
            for seats in [2, 1] {
                let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: seats)
                try await context.bookings.book(booking, publishing: event)
            }
            #expect(try await Self.bookedSeats(of: show, in: context) == 3)
            #expect(try await context.rowCount(of: .bookings) == 2)
        }
    }

    @Test("too many seats is notEnoughSeats and writes nothing")
    func notEnoughSeatsWritesNothing() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 3)
            let (first, firstEvent) = PersistenceSamples.booking(of: show.showID, seats: 2)
            try await context.bookings.book(first, publishing: firstEvent)
            let outboxBefore = try await context.outbox()

            let (second, secondEvent) = PersistenceSamples.booking(of: show.showID, seats: 2)
            await #expect(throws: BookingError.notEnoughSeats) {
                try await context.bookings.book(second, publishing: secondEvent)
            }
            #expect(try await context.postgres.query("SELECT 1 FROM bookings WHERE booking_id = $1", [second.bookingID]).isEmpty)
            #expect(try await context.rowCount(of: .bookings) == 1)
            #expect(try await context.outbox() == outboxBefore)
            #expect(try await Self.bookedSeats(of: show, in: context) == 2)
        }
    }

    @Test("the largest count on a show with seats booked is notEnoughSeats, not an integer overflow (found by make fuzz)")
    func largestCountDoesNotOverflow() async throws {
        try await PersistenceTestContext.run { context in
            let show = try await context.createShow(capacity: 3)
            let (first, firstEvent) = PersistenceSamples.booking(of: show.showID, seats: 1)
            try await context.bookings.book(first, publishing: firstEvent)
            let (huge, hugeEvent) = PersistenceSamples.booking(of: show.showID, seats: Int(Int32.max))
            await #expect(throws: BookingError.notEnoughSeats) {
                try await context.bookings.book(huge, publishing: hugeEvent)
            }
            #expect(try await Self.bookedSeats(of: show, in: context) == 1)
        }
    }

    @Test("a booking of an unknown show is showNotFound and writes nothing")
    func unknownShowWritesNothing() async throws {
        try await PersistenceTestContext.run { context in
            let (booking, event) = PersistenceSamples.booking(of: UUID(), seats: 1)
            await #expect(throws: BookingError.showNotFound) {
                try await context.bookings.book(booking, publishing: event)
            }
            let written = try await context.rowCounts(of: [.bookings, .outbox])
            #expect(written == [.bookings: 0, .outbox: 0])
        }
    }

    @Test("50 concurrent one-seat bookings of a 10-seat show: exactly 10 succeed, the rest find no seats")
    func concurrentBookingsNeverOverbook() async throws {
        try await PersistenceTestContext.run(poolSize: 8) { context in
            let show = try await context.createShow(capacity: 10)
            let bookings = context.bookings
            let outcomes = try await withThrowingTaskGroup(of: Result<Void, BookingError>.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let (booking, event) = PersistenceSamples.booking(of: show.showID, seats: 1)
                        do {
                            try await bookings.book(booking, publishing: event)
                            return .success(())
                        } catch let error as BookingError {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let refusals = outcomes.compactMap { outcome -> BookingError? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(outcomes.count - refusals.count == 10)
            #expect(refusals == Array(repeating: .notEnoughSeats, count: 40))
            #expect(try await Self.bookedSeats(of: show, in: context) == 10)
            let seats = try await context.postgres.query(
                "SELECT coalesce(sum(number_of_tickets), 0)::int8 AS seats FROM bookings WHERE show_id = $1", [show.showID])
            #expect(try seats[0].decode(Int.self, column: "seats") == 10)
            #expect(try await context.rowCount(of: .outbox) == 20)
        }
    }

    private static func bookedSeats(of show: Show, in context: PersistenceTestContext) async throws -> Int {
        try await context.postgres.query("SELECT booked_seats FROM shows WHERE show_id = $1", [show.showID])[0]
            .decode(column: "booked_seats")
    }
}
